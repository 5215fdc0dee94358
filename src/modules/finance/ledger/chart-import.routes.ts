import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { importChart } from './chart-import.js';
import { ImportChartBody, ImportChartResult } from './chart-import.schemas.js';

/** CSV import of the chart of accounts (issue #21). */
export function registerChartImportRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/accounts/import',
      tags: ['finance'],
      summary:
        'Import accounts from CSV: every row checked, all created in one transaction or none (422 listing row errors)',
      request: { body: { ...json(ImportChartBody), required: true } },
      responses: { 200: { description: 'What was (or would be) imported', ...json(ImportChartResult) } },
    }),
    async (c) => reply(c, ImportChartResult, await importChart(c.get('db'), requestContext(c), c.req.valid('json'))),
  );
}
