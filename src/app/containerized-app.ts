import { createApp } from '../platform/http/create-app.js';
import type { Runtime } from './runtime.js';
import { MOMS_VERSION } from './version.js';

/**
 * The `containerizedApi` function's app: analytics, automation and compliance (modules with heavier
 * libraries, shipped as a container image). It has the same platform (auth, errors, audit, OpenAPI);
 * its modules mount here as they are built.
 */
export function createContainerizedApp(runtime: Runtime) {
  return createApp({
    name: 'containerizedApi',
    version: MOMS_VERSION,
    getDb: runtime.getDb,
    getAccessTokens: runtime.getAccessTokens,
    modules: [],
  });
}
