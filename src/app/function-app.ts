import { createApp } from '../platform/http/create-app.js';
import type { FunctionName } from '../platform/modules/module.js';
import { auditPrivacyRules, permissionCatalog } from './catalog.js';
import { modulesOf } from './modules.js';
import type { Runtime } from './runtime.js';
import { MOMS_VERSION } from './version.js';

/**
 * The Hono app of one API function: the platform, and the routes of the modules the manifest assigns
 * to it, each loaded on its first request (docs/adr/0006).
 */
export function createFunctionApp(fn: FunctionName, runtime: Runtime) {
  const services = {
    config: runtime.config,
    getAccessTokens: runtime.getAccessTokens,
    permissionCatalog: () => permissionCatalog,
    auditPrivacy: auditPrivacyRules,
  };
  return createApp({
    name: fn,
    version: MOMS_VERSION,
    getDb: runtime.getDb,
    getAccessTokens: runtime.getAccessTokens,
    modules: modulesOf(fn).flatMap((m) => {
      const routes = m.routes;
      return routes ? [{ basePath: m.basePath, load: () => routes(services) }] : [];
    }),
  });
}
