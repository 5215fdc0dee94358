import { createRouter } from '../../platform/http/router.js';
import { registerProjectRoutes } from './project/project.routes.js';
import { registerChecklistRoutes, registerTaskRoutes } from './tasks/tasks.routes.js';
import { registerTimeRoutes } from './time/time.routes.js';
import { registerViewRoutes } from './views/views.routes.js';

/** The Projects module's routes, mounted at /api/v1/projects. */
export function createProjectsRouter() {
  const router = createRouter();
  registerProjectRoutes(router);
  registerTaskRoutes(router);
  registerChecklistRoutes(router);
  registerTimeRoutes(router);
  registerViewRoutes(router);
  return router;
}
