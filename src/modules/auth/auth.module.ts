import { defineModule } from '../../platform/modules/module.js';
import { authPermissions, authRoles } from './permissions.js';
// Its mail templates, known by name in every process (the worker renders them; docs/mail.md).
import './auth.mail.js';

/** Users, roles, sessions. Its screens are the web app's administration module. */
export const authModule = defineModule({
  name: 'auth',
  function: 'standardApi',
  // Privacy requests (Compliance, docs/adr/0025): what it holds about a person, exported and erased.
  privacy: { load: async () => (await import('./auth.privacy.js')).authPrivacy },
  permissions: authPermissions,
  roles: authRoles,
  web: 'admin',
  // Signing in needs no token: API Gateway skips the authorizer for these.
  publicRoutes: [
    { method: 'POST', path: '/login' },
    { method: 'POST', path: '/refresh' },
    { method: 'POST', path: '/logout' },
    // The second step of signing in with two-factor authentication (two-factor/two-factor.routes.ts).
    { method: 'POST', path: '/login/two-factor' },
    { method: 'POST', path: '/login/two-factor/enrolment' },
    { method: 'POST', path: '/login/two-factor/enrolment/confirm' },
  ],
  routes: async (services) => {
    const [{ createAuthRouter }, { originVerifySecret }] = await Promise.all([
      import('./auth.routes.js'),
      import('../../platform/auth/origin-verify.js'),
    ]);
    return createAuthRouter({
      getAccessTokens: services.getAccessTokens,
      getSigningKey: services.getSigningKey,
      refreshTtlSeconds: services.config.REFRESH_TOKEN_TTL_SECONDS,
      permissionCatalog: async () => services.permissionCatalog(),
      originVerifySecret: originVerifySecret(services.config),
    });
  },
  migrations: async () => (await import('./migrations/index.js')).authMigrations,
  setup: async () => (await import('./auth.setup.js')).authSetup,
  tokenCutoffs: async () => (await import('./token-cutoffs.js')).loadTokenCutoffs,
  demo: async () => (await import('./auth.demo.js')).authDemo,
});
