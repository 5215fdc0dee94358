import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ModuleServices, RouteGroup } from '../modules/module.js';
import type { AppEnv } from './app-env.js';
import { createRouter } from './router.js';

/**
 * The router of a module's route groups: every group, or (with `segment`) the groups that name that
 * first path segment, each registered in the order the module lists them (docs/adr/0006, "Route
 * groups"). Imported on the first request (it builds the OpenAPI router), never at a cold start.
 */
export async function routerOfGroups(
  groups: readonly RouteGroup[],
  services: ModuleServices,
  segment?: string,
): Promise<OpenAPIHono<AppEnv>> {
  const chosen = segment === undefined ? groups : groups.filter((group) => group.segments.includes(segment));
  const registers = await Promise.all(chosen.map((group) => group.register()));
  const router = createRouter();
  for (const register of registers) register(router, services);
  return router;
}
