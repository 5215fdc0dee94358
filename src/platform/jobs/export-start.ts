import type { z as zod } from 'zod';
import { writeAudit } from '../audit/audit-writer.js';
import type { Permission } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { errors } from '../errors/app-error.js';
import type { RequestContext } from '../http/app-env.js';
import { defineRoute, json, requestContext, z, type createRouter } from '../http/router.js';
import { enqueueJob } from './enqueue.js';
import type { TypedJobDefinition } from './job-registry.js';

/**
 * Starting a background list export (`POST /exports` of Finance, CRM and HR): the same request body,
 * the same checks (the filter as the list's synchronous `…/export.csv` route would check it; no
 * limit or cursor), the job and its audit record in one transaction, and the same 202 answer.
 */

/** The body: which list, and its query parameters as strings. */
export function exportRequestBody<L extends readonly [string, ...string[]]>(
  name: string,
  lists: L,
  filterDescription: string,
) {
  return z
    .object({
      list: z.enum(lists),
      filter: z
        .record(z.string(), z.union([z.string(), z.array(z.string())]))
        .default({})
        .openapi({ description: `${filterDescription}; no limit or cursor` }),
    })
    .openapi(name);
}

export type ExportFilter = Record<string, string | string[]>;

/** Checks the filter as the list's own query schema does (422 naming `filter.<field>`). */
export function checkExportFilter(filter: ExportFilter, schema: zod.ZodType): void {
  if ('limit' in filter || 'cursor' in filter)
    throw errors.validation([{ path: 'filter', message: 'An export takes no limit or cursor.', code: 'custom' }]);
  const parsed = schema.safeParse(filter);
  if (!parsed.success)
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: ['filter', ...i.path.map(String)].join('.'),
        message: i.message,
        code: i.code,
      })),
    );
}

/** A page size for tests (an environment variable), else the job's default. */
export function exportPageSize(variable: string): { pageSize?: number } {
  const pageSize = Number(process.env[variable] ?? '');
  return Number.isInteger(pageSize) && pageSize > 0 ? { pageSize } : {};
}

/** Enqueues the export job for the caller and audits `<module>.export-started`, in one transaction. */
export async function startExportJob<S extends zod.ZodType>(
  db: Db,
  ctx: RequestContext,
  request: { type: TypedJobDefinition<S>; payload: zod.input<S>; action: string; list: string; filter: ExportFilter },
): Promise<{ jobId: string }> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  return inTransaction(db, async (trx) => {
    const job = await enqueueJob(trx, { type: request.type, payload: request.payload, createdBy: actor.userId });
    await writeAudit(trx, ctx, {
      action: request.action,
      entityType: 'platform.job',
      entityId: job.id,
      after: { type: job.type, list: request.list, filter: request.filter },
    });
    return { jobId: job.id };
  });
}

/** `POST /exports`: 202 with the job (Location: /api/v1/jobs/{id}). */
export function registerExportStartRoute<B extends zod.ZodType>(
  router: ReturnType<typeof createRouter>,
  route: {
    access: Permission;
    tag: string;
    summary: string;
    body: B;
    /** The response schema's OpenAPI name, e.g. `CrmExportStarted`. */
    startedName: string;
    start: (db: Db, ctx: RequestContext, input: zod.output<B>) => Promise<{ jobId: string }>;
  },
) {
  const Started = z
    .object({
      jobId: z.uuid(),
      status: z.literal('queued'),
      location: z.string().openapi({ description: 'The job: poll it for progress, then its download link' }),
    })
    .openapi(route.startedName);
  router.openapi(
    defineRoute(route.access, {
      method: 'post',
      path: '/exports',
      tags: [route.tag],
      summary: route.summary,
      request: { body: { required: true, ...json(route.body) } },
      responses: { 202: { description: 'Started: the job (Location: /api/v1/jobs/{id})', ...json(Started) } },
    }),
    async (c) => {
      // The body was validated against `route.body` by the route (a generic body loses Hono's typing).
      const body = (c.req.valid as (target: 'json') => unknown)('json') as zod.output<B>;
      const { jobId } = await route.start(c.get('db'), requestContext(c), body);
      const location = `/api/v1/jobs/${jobId}`;
      c.header('Location', location);
      return c.json(Started.parse({ jobId, status: 'queued', location }), 202);
    },
  );
}
