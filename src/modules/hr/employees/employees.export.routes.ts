import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { hasPermission } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { defineRoute, json, requestContext, z, type createRouter } from '../../../platform/http/router.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { employeesExportJob } from './employees.export.js';
import { EmployeeExportQuery } from './employees.schemas.js';

const StartHrExportBody = z
  .object({
    list: z.enum(['employees']),
    filter: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .default({})
      .openapi({
        description:
          "The directory's query parameters as strings (e.g. { status: 'active', sort: 'lastName' }); no limit or cursor",
      }),
  })
  .openapi('StartHrExport');

const HrExportStarted = z
  .object({
    jobId: z.uuid(),
    status: z.literal('queued'),
    location: z.string().openapi({ description: 'The job: poll it for progress, then its download link' }),
  })
  .openapi('HrExportStarted');

/**
 * Starts a background CSV export of the employee directory (no row or size limit) for the caller:
 * checks the filter as `GET /employees/export.csv` would, enqueues the job with who the caller is
 * (their hr:admin decides who they see in full) and audits it, in one transaction.
 */
export async function startHrExport(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof StartHrExportBody>,
): Promise<{ jobId: string }> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  if ('limit' in input.filter || 'cursor' in input.filter)
    throw errors.validation([{ path: 'filter', message: 'An export takes no limit or cursor.', code: 'custom' }]);
  const parsed = EmployeeExportQuery.safeParse(input.filter);
  if (!parsed.success)
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: ['filter', ...i.path.map(String)].join('.'),
        message: i.message,
        code: i.code,
      })),
    );
  return inTransaction(db, async (trx) => {
    const pageSize = Number(process.env.MOMS_HR_EXPORT_PAGE ?? '');
    const job = await enqueueJob(trx, {
      type: employeesExportJob,
      payload: {
        filter: input.filter,
        viewer: { userId: actor.userId, admin: hasPermission(actor, 'hr:admin') },
        ...(Number.isInteger(pageSize) && pageSize > 0 ? { pageSize } : {}),
      },
      createdBy: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'hr.export-started',
      entityType: 'platform.job',
      entityId: job.id,
      after: { type: job.type, list: input.list, filter: input.filter },
    });
    return { jobId: job.id };
  });
}

/** `POST /exports`: the directory as CSV in the background (its synchronous route stops at EXPORT_MAX_ROWS). */
export function registerHrExportRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('hr:read', {
      method: 'post',
      path: '/exports',
      tags: ['hr'],
      summary:
        'Export the employee directory as CSV in the background (no row limit): a job; its download link appears on the job when done',
      request: { body: { required: true, ...json(StartHrExportBody) } },
      responses: { 202: { description: 'Started: the job (Location: /api/v1/jobs/{id})', ...json(HrExportStarted) } },
    }),
    async (c) => {
      const { jobId } = await startHrExport(c.get('db'), requestContext(c), c.req.valid('json'));
      const location = `/api/v1/jobs/${jobId}`;
      c.header('Location', location);
      return c.json(HrExportStarted.parse({ jobId, status: 'queued', location }), 202);
    },
  );
}
