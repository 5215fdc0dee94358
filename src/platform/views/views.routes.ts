import { createRouter, defineRoute, json, reply, requestContext, setLocation } from '../http/router.js';
import { IdParam } from '../http/schemas.js';
import { CreateViewBody, SavedView, SavedViewList, ViewsQuery } from './views.schemas.js';
import { createView, deleteView, listViews } from './views.service.js';

const tags = ['views'];

/** Your saved views of the lists, mounted at /api/v1/views: everyone signed in has their own. */
export function createViewsRouter() {
  const router = createRouter();
  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/',
      tags,
      summary: 'Your saved views of one list (e.g. list=crm.organizations), by name',
      request: { query: ViewsQuery },
      responses: { 200: { description: 'Your views', ...json(SavedViewList) } },
    }),
    async (c) => reply(c, SavedViewList, await listViews(c.get('db'), requestContext(c), c.req.valid('query').list)),
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/',
      tags,
      summary: 'Save a list’s filters and sort under a name (409 when you have one of that name)',
      request: { body: { ...json(CreateViewBody), required: true } },
      responses: { 201: { description: 'Saved', ...json(SavedView) }, 409: { description: 'Name taken' } },
    }),
    async (c) => {
      const view = await createView(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/${view.id}`);
      return reply(c, SavedView, view, 201);
    },
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete one of your saved views',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such view of yours' } },
    }),
    async (c) => {
      await deleteView(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return router;
}
