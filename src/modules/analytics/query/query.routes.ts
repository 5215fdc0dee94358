import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { AnalyticsQuery, DatasetList, QueryResult } from './query.schemas.js';
import { cacheOption, callerOf, listDatasets, runQuery } from './query.service.js';

const tags = ['analytics'];

export function registerQueryRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('analytics:read', {
      method: 'get',
      path: '/datasets',
      tags,
      summary: "The datasets you may query (your modules' permissions), with their fields and measures",
      responses: { 200: { description: 'Datasets', ...json(DatasetList) } },
    }),
    async (c) => reply(c, DatasetList, { items: await listDatasets(requestContext(c)) }),
  );
  router.openapi(
    defineRoute('analytics:read', {
      method: 'post',
      path: '/query',
      tags,
      summary:
        "Runs a JSON query over a dataset (only the rows its module lets you see), with totals; 422 when it does not fit the dataset's declaration. With Cache-Control: max-age=N (N ≤ 60), may answer from a cache of your own results up to N seconds old",
      request: { body: { ...json(AnalyticsQuery), required: true } },
      responses: { 200: { description: 'The result', ...json(QueryResult) } },
    }),
    async (c) =>
      reply(
        c,
        QueryResult,
        await runQuery(
          c.get('db'),
          callerOf(requestContext(c)),
          c.req.valid('json'),
          '',
          cacheOption(c.req.header('cache-control')),
        ),
      ),
  );
}
