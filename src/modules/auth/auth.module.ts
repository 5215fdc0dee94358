import { defineModule } from '../../platform/modules/module.js';
import { authPermissions, authRoles } from './permissions.js';

/** Users, roles, sessions. Its screens are the web app's administration module. */
export const authModule = defineModule({
  name: 'auth',
  function: 'standardApi',
  permissions: authPermissions,
  roles: authRoles,
  web: 'admin',
  // Signing in needs no token: API Gateway skips the authorizer for these.
  publicRoutes: [
    { method: 'POST', path: '/login' },
    { method: 'POST', path: '/refresh' },
    { method: 'POST', path: '/logout' },
  ],
  routes: async (services) =>
    (await import('./auth.routes.js')).createAuthRouter({
      getAccessTokens: services.getAccessTokens,
      refreshTtlSeconds: services.config.REFRESH_TOKEN_TTL_SECONDS,
      permissionCatalog: async () => services.permissionCatalog(),
      originVerifySecret: services.config.ORIGIN_VERIFY_SECRET,
    }),
  migrations: async () => (await import('./migrations/index.js')).authMigrations,
  setup: async () => (await import('./auth.setup.js')).authSetup,
  tokenCutoffs: async () => (await import('./token-cutoffs.js')).loadTokenCutoffs,
  demo: async () => (await import('./auth.demo.js')).authDemo,
});
