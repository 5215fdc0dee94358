import { createFunctionApp } from './function-app.js';
import type { Runtime } from './runtime.js';

/**
 * The `containerizedApi` function's app (container image): modules with heavier libraries
 * (analytics, automation, compliance), as `src/app/modules.ts` assigns them.
 */
export function createContainerizedApp(runtime: Runtime) {
  return createFunctionApp('containerizedApi', runtime);
}
