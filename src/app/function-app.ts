import { createTokenRevocation } from '../platform/auth/token-revocation.js';
import { attachableRecordTypes } from '../platform/files/attachable.js';
import { createApp, type AppModule } from '../platform/http/create-app.js';
import { lazyAsync } from '../platform/modules/lazy.js';
import type { FunctionName, RouteGroup } from '../platform/modules/module.js';
import { auditPrivacyRules, permissionCatalog } from './catalog.js';
import { workRegistry } from './jobs.js';
import { modules, modulesOf } from './modules.js';
import type { Runtime } from './runtime.js';
import { MOMS_VERSION } from './version.js';

/**
 * The Hono app of one API function: the platform, and the routes of the modules the manifest assigns
 * to it, each loaded on its first request (docs/adr/0006).
 */
export function createFunctionApp(fn: FunctionName, runtime: Runtime) {
  const providers = modules.filter((m) => m.tokenCutoffs);
  if (providers.length > 1) throw new Error('More than one module provides token cutoffs');
  const cutoffs = providers[0]?.tokenCutoffs;
  const services = {
    config: runtime.config,
    getAccessTokens: runtime.getAccessTokens,
    getSigningKey: runtime.getSigningKey,
    permissionCatalog: () => permissionCatalog,
    getFileStore: runtime.getFileStore,
    attachableRecords: attachableRecordTypes(modules),
    auditPrivacy: auditPrivacyRules,
  };
  return createApp({
    name: fn,
    version: MOMS_VERSION,
    getDb: runtime.getDb,
    getAccessTokens: runtime.getAccessTokens,
    getCursorSecret: runtime.getSigningKey,
    // The relay (Kysely's `sql`) loads with the first request that enqueued work (docs/adr/0026).
    relay: async (db) =>
      (await import('../platform/events/relay.js')).relay(db, {
        registry: workRegistry,
        dispatcher: runtime.dispatcher,
      }),
    // docs/adr/0010: the cutoffs come from the module that provides them (auth), loaded on first use.
    ...(cutoffs
      ? {
          tokenRevocation: createTokenRevocation({
            cacheSeconds: runtime.config.TOKEN_REVOCATION_CACHE_SECONDS,
            maxTokenAgeSeconds: runtime.config.ACCESS_TOKEN_TTL_SECONDS,
            load: async (db, since) => (await cutoffs())(db, since),
          }),
        }
      : {}),
    modules: modulesOf(fn).flatMap((m): AppModule[] => {
      const routes = m.routes;
      if (!routes) return [];
      // One router, or route groups (docs/adr/0006): a request is served by the router of the groups
      // its first path segment names; other paths and the API document by the router of them all.
      const loaded = lazyAsync(() => routes(services));
      const build = async (groups: readonly RouteGroup[], segment?: string) =>
        (await import('../platform/http/route-groups.js')).routerOfGroups(groups, services, segment);
      return [
        {
          basePath: m.basePath,
          load: async () => {
            const router = await loaded();
            return isGroups(router) ? build(router) : router;
          },
          parts: async () => {
            const groups = await loaded();
            if (!isGroups(groups)) return undefined;
            return {
              segments: new Set(groups.flatMap((group) => group.segments)),
              load: (segment) => build(groups, segment),
            };
          },
        },
      ];
    }),
  });
}

const isGroups = (routes: unknown): routes is readonly RouteGroup[] => Array.isArray(routes);
