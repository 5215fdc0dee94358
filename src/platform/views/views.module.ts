import { defineModule } from '../modules/module.js';

/**
 * Saved views (`/api/v1/views`): part of the platform, mounted like a module. A person saves a
 * list's filters and sort under a name (`list` names the list, e.g. `crm.organizations`), picks it
 * later, deletes it. Each person sees only their own. No permissions of its own.
 */
export const viewsModule = defineModule({
  name: 'views',
  function: 'standardApi',
  permissions: [],
  web: null,
  // GET and POST /api/v1/views itself, besides everything under it.
  baseRoutes: ['GET', 'POST'],
  routes: async () => (await import('./views.routes.js')).createViewsRouter(),
});
