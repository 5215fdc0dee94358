import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { createRouter, defineRoute, json, reply, requestContext, setLocation } from '../http/router.js';
import { IdParam } from '../http/schemas.js';
import type { ModuleServices } from '../modules/module.js';
import { Attachment, AttachmentPage, Download, FileLimits, recordSchemas, Upload } from './attachments.schemas.js';
import * as service from './attachments.service.js';
import { contentPolicy } from './content-policy.js';

const tags = ['files'];

/**
 * The local store's URLs are relative to the API's origin (the local server answers them); S3's are
 * absolute already. Behind API Gateway (or the emulator) the scheme the client used is in
 * `X-Forwarded-Proto` (Hono's Lambda adapter always writes https into the request URL).
 */
function absolute<T extends { url: string }>(c: Context<AppEnv>, request: T): T {
  const base = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  if (proto === 'http' || proto === 'https') base.protocol = `${proto}:`;
  return { ...request, url: new URL(request.url, base).toString() };
}

/**
 * Attachments on records, mounted at /api/v1/files. Every route is open to any signed-in user and
 * then checks the record's own permissions (read to list and download, write to attach and delete)
 * and visibility, as declared by the record's module (src/platform/files/attachable.ts).
 */
export function createFilesRouter(services: ModuleServices) {
  const { config } = services;
  const policy = contentPolicy(config);
  const records = new Map(services.attachableRecords.map((r) => [r.recordType, r]));
  const { CreateUploadBody, AttachmentListQuery } = recordSchemas([...records.keys()].sort());
  let context: Promise<service.AttachmentsContext> | undefined;
  const files = () => {
    context ??= services.getFileStore().then((store) => ({
      store,
      policy,
      records,
      downloadUrlSeconds: config.FILES_DOWNLOAD_URL_SECONDS,
      uploadUrlSeconds: config.FILES_UPLOAD_URL_SECONDS,
    }));
    return context;
  };

  const router = createRouter();
  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/limits',
      tags,
      summary: 'What can be attached: the largest size, the allowed content types, the record types',
      responses: { 200: { description: 'The limits', ...json(FileLimits) } },
    }),
    (c) =>
      reply(c, FileLimits, {
        maxBytes: policy.maxBytes,
        allowedTypes: [...policy.allowedTypes],
        recordTypes: [...records.keys()],
      }),
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/uploads',
      tags,
      summary:
        'Declare an upload to a record (name, size, content type, optionally SHA-256): returns a short-lived URL to PUT the bytes to, straight to storage (any size up to the limit, past API Gateway’s 10 MB)',
      request: { body: { ...json(CreateUploadBody), required: true } },
      responses: { 201: { description: 'Where to PUT the bytes', ...json(Upload) } },
    }),
    async (c) => {
      const upload = await service.createUpload(c.get('db'), requestContext(c), await files(), c.req.valid('json'));
      setLocation(c, `/uploads/${upload.id}`);
      return reply(c, Upload, { ...upload, upload: absolute(c, upload.upload) }, 201);
    },
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/uploads/{id}/complete',
      tags,
      summary:
        'After the PUT: check the bytes (size, SHA-256 when declared, no programs) and attach them to the record. Completing twice gives the same attachment.',
      request: { params: IdParam },
      responses: {
        200: { description: 'Already completed: the attachment', ...json(Attachment) },
        201: { description: 'The new attachment', ...json(Attachment) },
        404: { description: 'No such upload of yours' },
        409: { description: 'Nothing was uploaded yet' },
        410: { description: 'The upload expired' },
      },
    }),
    async (c) => {
      const { attachment, created } = await service.completeUpload(
        c.get('db'),
        requestContext(c),
        await files(),
        c.req.valid('param').id,
      );
      setLocation(c, `/attachments/${attachment.id}`);
      return created ? reply(c, Attachment, attachment, 201) : reply(c, Attachment, attachment, 200);
    },
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/attachments',
      tags,
      summary: "A record's attachments (needs the record's read permission)",
      request: { query: AttachmentListQuery },
      responses: { 200: { description: 'A page of attachments', ...json(AttachmentPage) } },
    }),
    async (c) =>
      reply(
        c,
        AttachmentPage,
        await service.listAttachments(c.get('db'), requestContext(c), await files(), c.req.valid('query')),
      ),
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/attachments/{id}',
      tags,
      summary: 'One attachment',
      request: { params: IdParam },
      responses: { 200: { description: 'The attachment', ...json(Attachment) }, 404: { description: 'Not found' } },
    }),
    async (c) =>
      reply(
        c,
        Attachment,
        await service.getAttachment(c.get('db'), requestContext(c), await files(), c.req.valid('param').id),
      ),
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/attachments/{id}/download',
      tags,
      summary: 'A short-lived URL to download the file from (straight from storage, named as uploaded)',
      request: { params: IdParam },
      responses: {
        200: { description: 'Where to GET the bytes', ...json(Download) },
        404: { description: 'Not found' },
      },
    }),
    async (c) => {
      const result = await service.downloadAttachment(
        c.get('db'),
        requestContext(c),
        await files(),
        c.req.valid('param').id,
      );
      return reply(c, Download, { ...result, download: absolute(c, result.download) });
    },
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'delete',
      path: '/attachments/{id}',
      tags,
      summary: "Remove an attachment from its record (needs the record's write permission; soft delete, audited)",
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, 404: { description: 'Not found' } },
    }),
    async (c) => {
      await service.deleteAttachment(c.get('db'), requestContext(c), await files(), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return router;
}
