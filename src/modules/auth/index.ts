import { createRouter } from '../../platform/http/router.js';
import type { AuthModuleDeps } from './auth.deps.js';
import { registerRoleRoutes } from './roles.routes.js';
import { registerSessionRoutes } from './session.routes.js';
import { registerUserRoutes } from './users.routes.js';
import './auth.tables.js';

export type { AuthModuleDeps, PermissionInfo } from './auth.deps.js';
export type { AuthTables } from './auth.tables.js';
export { authMigrations } from './migrations/index.js';
export { authPermissions } from './permissions.js';
export { ensureAdministrator, type BootstrapResult } from './bootstrap.js';
export { createUser } from './users.service.js';
/** For other modules: which of these user ids are active users (ids must be uuids). */
export { activeUserIds, userDisplayNames } from './auth.repository.js';
export { authDemo } from './auth.demo.js';

/** The auth module's routes, mounted at /api/v1/auth. */
export function createAuthRouter(deps: AuthModuleDeps) {
  const router = createRouter();
  registerSessionRoutes(router, deps);
  registerUserRoutes(router);
  registerRoleRoutes(router, deps);
  return router;
}
