import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/app-env.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import type { ModuleServices } from '../../../platform/modules/module.js';
import {
  CreateReportBody,
  Report,
  ReportDownload,
  ReportListQuery,
  ReportPage,
  ReportVerification,
} from './reports.schemas.js';
import * as reports from './reports.service.js';

const tags = ['compliance'];

/** The local store's URLs are relative to the API's origin; S3's are absolute (as the files routes do). */
function absolute(c: Context<AppEnv>, url: string): string {
  const base = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  if (proto === 'http' || proto === 'https') base.protocol = `${proto}:`;
  return new URL(url, base).toString();
}

/**
 * Reports (docs/adr/0024): generating reads (compliance:read, so an auditor may make one), as a job;
 * the file is kept with its SHA-256, which `verify` recomputes from the stored bytes.
 */
export function registerReportRoutes(
  router: ReturnType<typeof createRouter>,
  services: Pick<ModuleServices, 'getFileStore' | 'config'> | undefined,
) {
  const store = async () => {
    if (!services) throw new Error('No file store is configured for the compliance routes.');
    return services.getFileStore();
  };
  router.openapi(
    defineRoute('compliance:read', {
      method: 'post',
      path: '/reports',
      tags,
      summary:
        'Generate a Statement of Applicability or an audit report (PDF or XLSX) of a framework version, as a job; follow the report for its progress',
      request: { body: { ...json(CreateReportBody), required: true } },
      responses: { 202: { description: 'Queued', ...json(Report) } },
    }),
    async (c) => {
      const created = await reports.requestReport(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/reports/${created.id}`);
      return c.json(Report.parse(created), 202);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/reports',
      tags,
      summary: 'Reports, newest first',
      request: { query: ReportListQuery },
      responses: { 200: { description: 'A page of reports', ...json(ReportPage) } },
    }),
    async (c) => reply(c, ReportPage, await reports.listReports(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/reports/{id}',
      tags,
      summary: 'A report: status and progress, template version, parameters, as-of time, size and SHA-256',
      request: { params: IdParam },
      responses: { 200: { description: 'The report', ...json(Report) } },
    }),
    async (c) => reply(c, Report, await reports.getReport(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/reports/{id}/download',
      tags,
      summary: 'A short-lived URL to the report’s file (409 until it is ready)',
      request: { params: IdParam },
      responses: { 200: { description: 'Where to GET the file', ...json(ReportDownload) } },
    }),
    async (c) => {
      const result = await reports.downloadReport(
        c.get('db'),
        await store(),
        c.req.valid('param').id,
        services?.config.FILES_DOWNLOAD_URL_SECONDS ?? 300,
      );
      return reply(c, ReportDownload, {
        ...result,
        download: { ...result.download, url: absolute(c, result.download.url) },
      });
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'post',
      path: '/reports/{id}/verify',
      tags,
      summary: 'Re-hash the stored file and say whether it still matches the recorded SHA-256',
      request: { params: IdParam },
      responses: { 200: { description: 'The check', ...json(ReportVerification) } },
    }),
    async (c) =>
      reply(
        c,
        ReportVerification,
        await reports.verifyReport(c.get('db'), requestContext(c), await store(), c.req.valid('param').id),
      ),
  );
}
