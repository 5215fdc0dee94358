import { authPermissions, createAuthRouter } from '../modules/auth/index.js';
import { createCrmRouter, crmPermissions } from '../modules/crm/index.js';
import { createFinanceRouter, financePermissions } from '../modules/finance/index.js';
import { createAuditRouter } from '../platform/audit/audit.routes.js';
import { createApp } from '../platform/http/create-app.js';
import type { Runtime } from './runtime.js';
import { MOMS_VERSION } from './version.js';

/** Every permission the modules of this installation define. */
export const permissionCatalog = [...authPermissions, ...financePermissions, ...crmPermissions];

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
        router: createAuthRouter({
          getAccessTokens: runtime.getAccessTokens,
          refreshTtlSeconds: runtime.config.REFRESH_TOKEN_TTL_SECONDS,
          permissionCatalog,
        }),
      },
      { basePath: '/api/v1/finance', router: createFinanceRouter() },
      { basePath: '/api/v1/crm', router: createCrmRouter() },
      { basePath: '/api/v1/audit', router: createAuditRouter() },
    ],
  });
}
