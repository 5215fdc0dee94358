import { createRouter } from '../../platform/http/router.js';
import { registerExportRoutes } from './exports/exports.routes.js';
import { registerLibraryRoutes } from './library/library.routes.js';
import { registerQueryRoutes } from './query/query.routes.js';
import { registerSubscriptionRoutes } from './subscriptions/subscriptions.routes.js';

/** The Analytics module's routes, mounted at /api/v1/analytics (served by the containerizedApi function). */
export function createAnalyticsRouter() {
  const router = createRouter();
  registerQueryRoutes(router);
  registerLibraryRoutes(router);
  registerExportRoutes(router);
  registerSubscriptionRoutes(router);
  return router;
}
