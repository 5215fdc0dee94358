import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { errors } from '../../platform/errors/app-error.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { defineRoute, json, requestContext, z, type createRouter } from '../../platform/http/router.js';
import { enqueueJob } from '../../platform/jobs/enqueue.js';
import { CRM_IMPORT_KINDS, CRM_IMPORT_RECORD_TYPE, crmImportJob } from './crm.imports.js';

const StartCrmImportBody = z
  .strictObject({
    kind: z.enum(CRM_IMPORT_KINDS),
    attachmentId: z.uuid().openapi({
      description:
        'The uploaded CSV: an attachment on a `crm.import` record (POST /api/v1/files/uploads with recordType "crm.import" and a new UUID as recordId, PUT, complete)',
    }),
    dryRun: z.boolean().default(true).openapi({ description: 'Only check and report (the default)' }),
  })
  .openapi('StartCrmImport');

const CrmImportStarted = z
  .object({
    jobId: z.uuid(),
    status: z.literal('queued'),
    location: z.string().openapi({ description: 'The job: poll it for progress (rows), then its result (the report)' }),
  })
  .openapi('CrmImportStarted');

/**
 * Starts a background CSV import of the caller's uploaded file: the file must be the caller's own
 * `crm.import` attachment; the job (with the caller as they are now) and its audit record are
 * written in one transaction.
 */
export async function startCrmImport(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof StartCrmImportBody>,
): Promise<{ jobId: string }> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  return inTransaction(db, async (trx) => {
    const file = await trx
      .selectFrom('platform.attachments')
      .select(['id', 'object_key', 'file_name'])
      .where('id', '=', input.attachmentId)
      .where('record_type', '=', CRM_IMPORT_RECORD_TYPE)
      .where('created_by', '=', actor.userId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!file)
      throw errors.validation([
        { path: 'attachmentId', message: 'No import file of yours with this id.', code: 'invalid_reference' },
      ]);
    const chunkSize = Number(process.env.MOMS_CRM_IMPORT_CHUNK ?? '');
    const job = await enqueueJob(trx, {
      type: crmImportJob,
      payload: {
        kind: input.kind,
        attachmentId: file.id,
        objectKey: file.object_key,
        fileName: file.file_name,
        dryRun: input.dryRun,
        actor: { userId: actor.userId, email: actor.email, roles: actor.roles, permissions: actor.permissions },
        ...(Number.isInteger(chunkSize) && chunkSize > 0 ? { chunkSize } : {}),
      },
      createdBy: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'crm.import-started',
      entityType: 'platform.job',
      entityId: job.id,
      after: { type: job.type, kind: input.kind, attachmentId: file.id, dryRun: input.dryRun },
    });
    return { jobId: job.id };
  });
}

export function registerCrmImportRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/imports',
      tags: ['crm'],
      summary:
        'Import an uploaded CSV in the background (any size; the same checks as …/import): a job with per-row progress; its result is the import report',
      request: { body: { required: true, ...json(StartCrmImportBody) } },
      responses: { 202: { description: 'Started: the job (Location: /api/v1/jobs/{id})', ...json(CrmImportStarted) } },
    }),
    async (c) => {
      const { jobId } = await startCrmImport(c.get('db'), requestContext(c), c.req.valid('json'));
      const location = `/api/v1/jobs/${jobId}`;
      c.header('Location', location);
      return c.json(CrmImportStarted.parse({ jobId, status: 'queued', location }), 202);
    },
  );
}
