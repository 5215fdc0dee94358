import { createRouter } from '../../platform/http/router.js';
import type { AuthModuleDeps } from './auth.deps.js';
import { registerRoleRoutes } from './roles.routes.js';
import { registerSessionRoutes } from './session.routes.js';
import { registerTwoFactorRoutes } from './two-factor/two-factor.routes.js';
import { registerUserRoutes } from './users.routes.js';

/** The auth module's routes, mounted at /api/v1/auth. */
export function createAuthRouter(deps: AuthModuleDeps) {
  const router = createRouter();
  registerSessionRoutes(router, deps);
  registerUserRoutes(router);
  registerRoleRoutes(router, deps);
  registerTwoFactorRoutes(router, deps);
  return router;
}
