import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { Count, CountListQuery, CountPage, CreateCountBody, PostCountBody } from './counts.schemas.js';
import * as service from './counts.service.js';

const tags = ['supply'];

export function registerCountRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/counts',
      tags,
      summary: "List counts (filter by status, warehouse, a line's location; search the number or reason)",
      request: { query: CountListQuery },
      responses: { 200: { description: 'A page of counts', ...json(CountPage) } },
    }),
    async (c) => reply(c, CountPage, await service.listCounts(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/counts',
      tags,
      summary: 'Record a (cycle) count: counted quantities per item × location × lot',
      request: { body: { ...json(CreateCountBody), required: true } },
      responses: { 201: { description: 'The open count with its differences', ...json(Count) } },
    }),
    async (c) => {
      const made = await service.createCount(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/counts/${made.id}`);
      return reply(c, Count, made, 201);
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/counts/{id}',
      tags,
      summary: 'Get a count with the differences to on hand',
      request: { params: IdParam },
      responses: { 200: { description: 'The count', ...json(Count) } },
    }),
    async (c) => reply(c, Count, await service.getCount(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/counts/{id}/post',
      tags,
      summary: 'Post a count: adjustments with its reason, valued and posted to the ledger',
      request: { params: IdParam, body: { ...json(PostCountBody), required: true } },
      responses: { 200: { description: 'The posted count', ...json(Count) } },
    }),
    async (c) =>
      reply(
        c,
        Count,
        await service.postCount(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
      ),
  );
}
