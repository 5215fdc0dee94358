import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../http/pagination.js';
import type { ModuleServices } from '../modules/module.js';
import type { AppEnv } from '../http/app-env.js';
import type { Context } from 'hono';
import { createRouter, defineRoute, json, reply, requestContext } from '../http/router.js';
import { IdParam } from '../http/schemas.js';
import { cancelJob, getJob, listJobs } from './jobs.service.js';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

const Job = z
  .object({
    id: z.uuid(),
    type: z.string().openapi({ example: 'finance.ledger-export' }),
    status: z.enum(STATUSES),
    progress: z.number().int().min(0).max(100).openapi({ description: 'Percent done (0–100)' }),
    progressMessage: z.string().nullable(),
    attempts: z.number().int().openapi({ description: 'Tries so far (a resumed long job counts from 1 again)' }),
    maxAttempts: z.number().int(),
    result: z
      .unknown()
      .openapi({ description: "The job's result when it succeeded (e.g. a download link), else null" }),
    error: z.string().nullable().openapi({ description: 'Why it failed (or why the last try failed, while retrying)' }),
    cancelRequested: z.boolean(),
    createdBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    nextAttemptAt: z.iso.datetime().nullable().openapi({ description: 'When a queued job runs next' }),
    download: z.object({ url: z.string(), expiresAt: z.iso.datetime() }).nullable().openapi({
      description:
        "A short-lived link to the file a finished job made (an export), for the job's owner only; relative to the API's origin locally. Read the job again for a fresh one.",
    }),
  })
  .openapi('Job');
const JobPage = pageSchema(Job).openapi('JobPage');
const JobQuery = listQuery(['createdAt'], '-createdAt').extend({
  scope: z
    .enum(['mine', 'all'])
    .default('mine')
    .openapi({ description: 'Your jobs (default), or everyone’s (needs jobs:read-all)' }),
  status: z.enum(STATUSES).optional(),
  type: z.string().max(100).optional(),
});

/**
 * A job's download link made absolute: the local store's URLs are relative to the API's origin (as
 * in the files API, the scheme the client used is in `X-Forwarded-Proto` behind API Gateway).
 */
function absolute<T extends { download: { url: string; expiresAt: string } | null }>(c: Context<AppEnv>, job: T): T {
  if (!job.download) return job;
  const base = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  if (proto === 'http' || proto === 'https') base.protocol = `${proto}:`;
  return { ...job, download: { ...job.download, url: new URL(job.download.url, base).toString() } };
}

/** The jobs API, mounted at /api/v1/jobs. */
export function createJobsRouter(services?: Pick<ModuleServices, 'getFileStore'>) {
  const files = services?.getFileStore;
  const router = createRouter();
  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/',
      tags: ['jobs'],
      summary: 'Background jobs, newest first: yours, or everyone’s with jobs:read-all',
      request: { query: JobQuery },
      responses: {
        200: { description: 'A page of jobs', ...json(JobPage) },
        403: { description: 'scope=all without jobs:read-all' },
      },
    }),
    async (c) => {
      const page = await listJobs(c.get('db'), requestContext(c), c.req.valid('query'), files);
      return reply(c, JobPage, { ...page, items: page.items.map((job) => absolute(c, job)) });
    },
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/{id}',
      tags: ['jobs'],
      summary: "A job's status, progress and result (404 for another user's job without jobs:read-all)",
      request: { params: IdParam },
      responses: {
        200: { description: 'The job', ...json(Job) },
        404: { description: 'No such job that you can see' },
      },
    }),
    async (c) =>
      reply(c, Job, absolute(c, await getJob(c.get('db'), requestContext(c), c.req.valid('param').id, files))),
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/{id}/cancel',
      tags: ['jobs'],
      summary: 'Cancel a job: a queued one at once, a running one at its next checkpoint',
      request: { params: IdParam },
      responses: {
        200: { description: 'The job, cancelled or with cancelRequested set', ...json(Job) },
        404: { description: 'No such job that you can see' },
        409: { description: 'The job has already finished' },
      },
    }),
    async (c) => reply(c, Job, await cancelJob(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  return router;
}
