import { createFunctionApp } from './function-app.js';
import type { Runtime } from './runtime.js';

/** The `standardApi` function's app (zip Lambda): the modules `src/app/modules.ts` assigns to it. */
export function createStandardApp(runtime: Runtime) {
  return createFunctionApp('standardApi', runtime);
}
