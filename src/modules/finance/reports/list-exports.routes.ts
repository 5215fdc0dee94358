import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { defineRoute, json, requestContext, z, type createRouter } from '../../../platform/http/router.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { FINANCE_EXPORT_LISTS, financeListExportJob } from './list-exports.js';
import { financeExportLists } from './list-exports.lists.js';

const StartFinanceExportBody = z
  .object({
    list: z.enum(FINANCE_EXPORT_LISTS),
    filter: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .default({})
      .openapi({
        description:
          "The list's query parameters as strings (e.g. { status: 'issued', sort: '-date' }); no limit or cursor",
      }),
  })
  .openapi('StartFinanceExport');

const FinanceExportStarted = z
  .object({
    jobId: z.uuid(),
    status: z.literal('queued'),
    location: z.string().openapi({ description: 'The job: poll it for progress, then its download link' }),
  })
  .openapi('FinanceExportStarted');

/**
 * Starts a background CSV export of a Finance list (no row or size limit) for the caller: checks
 * the filter as the list's `…/export.csv` route would, enqueues the job and audits it, in one
 * transaction.
 */
export async function startFinanceExport(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof StartFinanceExportBody>,
): Promise<{ jobId: string }> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  if ('limit' in input.filter || 'cursor' in input.filter)
    throw errors.validation([{ path: 'filter', message: 'An export takes no limit or cursor.', code: 'custom' }]);
  const parsed = financeExportLists[input.list].filter.safeParse(input.filter);
  if (!parsed.success)
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: ['filter', ...i.path.map(String)].join('.'),
        message: i.message,
        code: i.code,
      })),
    );
  return inTransaction(db, async (trx) => {
    const pageSize = Number(process.env.MOMS_FINANCE_EXPORT_PAGE ?? '');
    const job = await enqueueJob(trx, {
      type: financeListExportJob,
      payload: {
        list: input.list,
        filter: input.filter,
        ...(Number.isInteger(pageSize) && pageSize > 0 ? { pageSize } : {}),
      },
      createdBy: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'finance.export-started',
      entityType: 'platform.job',
      entityId: job.id,
      after: { type: job.type, list: input.list, filter: input.filter },
    });
    return { jobId: job.id };
  });
}

/** `POST /exports`: a Finance list as CSV in the background (the general ledger has its own, `/exports/general-ledger`). */
export function registerFinanceExportRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'post',
      path: '/exports',
      tags: ['finance'],
      summary:
        'Export a Finance list (journal entries, documents, parties, payments) as CSV in the background (no row limit): a job; its download link appears on the job when done',
      request: { body: { required: true, ...json(StartFinanceExportBody) } },
      responses: {
        202: { description: 'Started: the job (Location: /api/v1/jobs/{id})', ...json(FinanceExportStarted) },
      },
    }),
    async (c) => {
      const { jobId } = await startFinanceExport(c.get('db'), requestContext(c), c.req.valid('json'));
      const location = `/api/v1/jobs/${jobId}`;
      c.header('Location', location);
      return c.json(FinanceExportStarted.parse({ jobId, status: 'queued', location }), 202);
    },
  );
}
