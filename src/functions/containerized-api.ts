import { handle } from 'hono/aws-lambda';
import { createContainerizedApp } from '../app/containerized-app.js';
import { createRuntime, type Runtime } from '../app/runtime.js';
import { loadConfig } from '../platform/config/config.js';

/** `containerizedApi`: analytics, automation, compliance (container-image Lambda). */
export function createContainerizedApiHandler(runtime: Runtime) {
  return handle(createContainerizedApp(runtime));
}

export const handler = createContainerizedApiHandler(createRuntime(loadConfig()));
