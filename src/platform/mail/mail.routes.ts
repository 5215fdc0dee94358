import { z } from '@hono/zod-openapi';
import { MAX_PAGE_SIZE } from '../http/pagination.js';
import { createRouter, defineRoute, json, reply, requestContext } from '../http/router.js';
import { emailAddress } from '../http/schemas.js';
import type { ModuleServices } from '../modules/module.js';
import { getOutboxMessage, listOutbox, sendTestMail } from './outbox.service.js';

const tags = ['mail'];

const OutboxSummary = z
  .object({
    id: z.string().openapi({ example: '20261203T192600123Z-0f6b1c1e-5a4e-4f0b-9a43-4a4e5b9a1c2d' }),
    sentAt: z.iso.datetime(),
    from: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    size: z.number().int().openapi({ description: 'Bytes of the .eml file' }),
    attachmentCount: z.number().int(),
  })
  .openapi('OutboxSummary');
const OutboxMessage = OutboxSummary.extend({
  messageId: z.string().nullable(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  text: z.string().nullable(),
  html: z.string().nullable().openapi({ description: 'The HTML part as sent (show it sandboxed)' }),
  attachments: z.array(z.object({ fileName: z.string(), contentType: z.string(), size: z.number().int() })),
}).openapi('OutboxMessage');
const OutboxPage = z.object({ items: z.array(OutboxSummary), nextCursor: z.string().nullable() }).openapi('OutboxPage');
const OutboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({ description: 'Page size (1–200)' }),
  cursor: z.string().max(2048).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
});
const OutboxIdParam = z.object({
  id: z
    .string()
    .regex(/^\d{8}T\d{9}Z-[0-9a-z-]{1,64}$/, 'An outbox message id.')
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const TestMailBody = z
  .object({
    to: emailAddress.optional().openapi({ description: 'Default: your own address' }),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('TestMailRequest');
const TestMailQueued = z
  .object({ jobId: z.uuid().openapi({ description: 'The send job: follow it at /api/v1/jobs/{id}' }) })
  .openapi('TestMailQueued');

/** Outbound mail, mounted at /api/v1/mail (docs/mail.md). */
export function createMailRouter(services: ModuleServices) {
  const { config } = services;
  const router = createRouter();
  router.openapi(
    defineRoute('mail:read', {
      method: 'get',
      path: '/outbox',
      tags,
      summary: 'Mail written to the local outbox (.moms/mail), newest first; 404 when mail goes out through SES',
      request: { query: OutboxQuery },
      responses: {
        200: { description: 'A page of messages', ...json(OutboxPage) },
        404: { description: 'This installation sends with SES: there is no local outbox' },
      },
    }),
    async (c) => reply(c, OutboxPage, await listOutbox(config, c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('mail:read', {
      method: 'get',
      path: '/outbox/{id}',
      tags,
      summary: 'One message of the local outbox: its headers, text and HTML',
      request: { params: OutboxIdParam },
      responses: {
        200: { description: 'The message', ...json(OutboxMessage) },
        404: { description: 'No such message, or no local outbox (SES)' },
      },
    }),
    async (c) => reply(c, OutboxMessage, await getOutboxMessage(config, c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('mail:send-test', {
      method: 'post',
      path: '/test',
      tags,
      summary: 'Queue a test message (to you, or to `to`) through the send job',
      request: { body: { required: true, ...json(TestMailBody) } },
      responses: { 202: { description: 'Queued: the send job', ...json(TestMailQueued) } },
    }),
    async (c) => {
      const queued = await sendTestMail(c.get('db'), requestContext(c), c.req.valid('json'));
      return c.json(TestMailQueued.parse(queued), 202);
    },
  );
  return router;
}
