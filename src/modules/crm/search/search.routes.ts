import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { SearchQuery, SearchResult } from './search.schemas.js';
import { search } from './search.service.js';

export function registerSearchRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/search',
      tags: ['crm'],
      summary: 'Search organizations, contacts, leads and opportunities you can see, best match first',
      request: { query: SearchQuery },
      responses: { 200: { description: 'Hits: kind, id, title, subtitle', ...json(SearchResult) } },
    }),
    async (c) => reply(c, SearchResult, await search(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
}
