import { createRuntime, type Runtime } from '../app/runtime.js';
import { createStandardApp } from '../app/standard-app.js';
import { loadConfig } from '../platform/config/config.js';
import { toApiHandler, type ApiHandler } from './api-handler.js';

/** `standardApi`: auth, hr, crm, finance, projects, strategy, supply chain (zip Lambda). */
export function createStandardApiHandler(runtime: Runtime): ApiHandler {
  return toApiHandler(createStandardApp(runtime));
}

// One runtime per container: the database pool and keys are created on first use and reused.
export const handler = createStandardApiHandler(createRuntime(loadConfig()));
