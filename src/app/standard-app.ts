import type { PermissionInfo } from '../modules/auth/index.js';
import { createApp } from '../platform/http/create-app.js';
import type { Runtime } from './runtime.js';
import { MOMS_VERSION } from './version.js';

// Modules are imported on first use, so a cold start builds only the schemas of the module it serves.
const auth = () => import('../modules/auth/index.js');
const finance = () => import('../modules/finance/index.js');
const crm = () => import('../modules/crm/index.js');
const hr = () => import('../modules/hr/index.js');

/** Every permission the modules of this installation define. */
export async function permissionCatalog(): Promise<PermissionInfo[]> {
  const [a, f, c, h] = await Promise.all([auth(), finance(), crm(), hr()]);
  return [...a.authPermissions, ...f.financePermissions, ...c.crmPermissions, ...h.hrPermissions];
}

/** The `standardApi` function's app: auth, hr, crm, finance, projects, strategy, supply chain. */
export function createStandardApp(runtime: Runtime) {
  return createApp({
    name: 'standardApi',
    version: MOMS_VERSION,
    getDb: runtime.getDb,
    getAccessTokens: runtime.getAccessTokens,
    modules: [
      {
        basePath: '/api/v1/auth',
        load: async () =>
          (await auth()).createAuthRouter({
            getAccessTokens: runtime.getAccessTokens,
            refreshTtlSeconds: runtime.config.REFRESH_TOKEN_TTL_SECONDS,
            permissionCatalog,
          }),
      },
      { basePath: '/api/v1/finance', load: async () => (await finance()).createFinanceRouter() },
      { basePath: '/api/v1/crm', load: async () => (await crm()).createCrmRouter() },
      { basePath: '/api/v1/hr', load: async () => (await hr()).createHrRouter() },
      {
        basePath: '/api/v1/audit',
        load: async () => (await import('../platform/audit/audit.routes.js')).createAuditRouter(),
      },
    ],
  });
}
