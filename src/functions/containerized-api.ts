import { createContainerizedApp } from '../app/containerized-app.js';
import { createRuntime, type Runtime } from '../app/runtime.js';
import { loadConfig } from '../platform/config/config.js';
import { toApiHandler, type ApiHandler } from './api-handler.js';

/** `containerizedApi`: analytics, automation, compliance (container-image Lambda). */
export function createContainerizedApiHandler(runtime: Runtime): ApiHandler {
  return toApiHandler(createContainerizedApp(runtime));
}

export const handler = createContainerizedApiHandler(createRuntime(loadConfig()));
