import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { errors } from '../../platform/errors/app-error.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { defineRoute, json, requestContext, z, type createRouter } from '../../platform/http/router.js';
import { enqueueJob } from '../../platform/jobs/enqueue.js';
import { CRM_EXPORT_LISTS, crmListExportJob } from './crm.exports.js';
import { crmExportLists } from './crm.exports.lists.js';
import { scopeOf } from './visibility.js';

const StartCrmExportBody = z
  .object({
    list: z.enum(CRM_EXPORT_LISTS),
    filter: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .default({})
      .openapi({
        description: "The list's query parameters as strings (e.g. { q: 'mar', tag: 'vip' }); no limit or cursor",
      }),
  })
  .openapi('StartCrmExport');

const CrmExportStarted = z
  .object({
    jobId: z.uuid(),
    status: z.literal('queued'),
    location: z.string().openapi({ description: 'The job: poll it for progress, then its download link' }),
  })
  .openapi('CrmExportStarted');

/**
 * Starts a background CSV export of a CRM list (no row or size limit) for the caller: checks the
 * filter as the list's `…/export.csv` route would, then enqueues the job with the caller's
 * visibility and audits it, in one transaction.
 */
export async function startCrmExport(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof StartCrmExportBody>,
): Promise<{ jobId: string }> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  const parsed = crmExportLists[input.list].filter.safeParse(input.filter);
  if (!parsed.success)
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: ['filter', ...i.path.map(String)].join('.'),
        message: i.message,
        code: i.code,
      })),
    );
  if ('limit' in input.filter || 'cursor' in input.filter)
    throw errors.validation([{ path: 'filter', message: 'An export takes no limit or cursor.', code: 'custom' }]);
  return inTransaction(db, async (trx) => {
    const pageSize = Number(process.env.MOMS_CRM_EXPORT_PAGE ?? '');
    const job = await enqueueJob(trx, {
      type: crmListExportJob,
      payload: {
        list: input.list,
        filter: input.filter,
        scope: scopeOf(ctx),
        ...(Number.isInteger(pageSize) && pageSize > 0 ? { pageSize } : {}),
      },
      createdBy: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'crm.export-started',
      entityType: 'platform.job',
      entityId: job.id,
      after: { type: job.type, list: input.list, filter: input.filter },
    });
    return { jobId: job.id };
  });
}

export function registerCrmExportRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'post',
      path: '/exports',
      tags: ['crm'],
      summary:
        'Export a CRM list as CSV in the background (no row or size limit): a job; its download link appears on the job when done',
      request: { body: { required: true, ...json(StartCrmExportBody) } },
      responses: { 202: { description: 'Started: the job (Location: /api/v1/jobs/{id})', ...json(CrmExportStarted) } },
    }),
    async (c) => {
      const { jobId } = await startCrmExport(c.get('db'), requestContext(c), c.req.valid('json'));
      const location = `/api/v1/jobs/${jobId}`;
      c.header('Location', location);
      return c.json(CrmExportStarted.parse({ jobId, status: 'queued', location }), 202);
    },
  );
}
