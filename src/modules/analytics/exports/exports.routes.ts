import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { defineRoute, json, requestContext, z, type createRouter } from '../../../platform/http/router.js';
import { uuid } from '../../../platform/http/schemas.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { visibleDashboard } from '../library/dashboards.service.js';
import { visibleQuestion } from '../library/questions.service.js';
import { Filter } from '../query/query.schemas.js';
import { callerOf } from '../query/query.service.js';
import { analyticsExportJob, EXPORT_FORMATS } from '../analytics.module.js';

const StartExportBody = z
  .strictObject({
    questionId: uuid.optional(),
    dashboardId: uuid.optional(),
    format: z.enum(EXPORT_FORMATS),
    filters: z.array(Filter).max(20).default([]),
  })
  .refine((b) => (b.questionId === undefined) !== (b.dashboardId === undefined), {
    message: 'Name exactly one of questionId and dashboardId.',
    path: ['questionId'],
  })
  .openapi('StartAnalyticsExport');

const ExportStarted = z
  .object({
    jobId: z.uuid(),
    status: z.literal('queued'),
    location: z.string().openapi({ description: 'The job: poll it for progress, then its download link' }),
  })
  .openapi('AnalyticsExportStarted');

/** Checks the caller may see what they export now (404 otherwise), then enqueues the job and audits it. */
async function startExport(db: Db, ctx: RequestContext, input: z.output<typeof StartExportBody>) {
  const caller = callerOf(ctx);
  const target = input.questionId
    ? { kind: 'question' as const, id: (await visibleQuestion(db, caller, input.questionId)).id }
    : { kind: 'dashboard' as const, id: (await visibleDashboard(db, caller, input.dashboardId!)).id };
  return inTransaction(db, async (trx) => {
    const job = await enqueueJob(trx, {
      type: analyticsExportJob,
      payload: { target, format: input.format, filters: input.filters, userId: caller.userId },
      createdBy: caller.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'analytics.export-started',
      entityType: 'platform.job',
      entityId: job.id,
      after: { type: job.type, target, format: input.format, filters: input.filters },
    });
    return job.id;
  });
}

export function registerExportRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('analytics:read', {
      method: 'post',
      path: '/exports',
      tags: ['analytics'],
      summary:
        'Export a question or a dashboard (one sheet per card) as CSV or XLSX in the background, with your visibility at run time',
      request: { body: { required: true, ...json(StartExportBody) } },
      responses: { 202: { description: 'Started: the job (Location: /api/v1/jobs/{id})', ...json(ExportStarted) } },
    }),
    async (c) => {
      const jobId = await startExport(c.get('db'), requestContext(c), c.req.valid('json'));
      const location = `/api/v1/jobs/${jobId}`;
      c.header('Location', location);
      return c.json(ExportStarted.parse({ jobId, status: 'queued', location }), 202);
    },
  );
}
