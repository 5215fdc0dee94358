import { describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config/config.js';
import { createRouter } from '../platform/http/router.js';
import type { ModuleServices, RouteGroup } from '../platform/modules/module.js';
import { modules } from './modules.js';

/**
 * A module in route groups serves a request from the router of the groups that name its first path
 * segment (docs/adr/0006, "Route groups"). That router must hold every route of the whole router
 * under that segment, or a route would be missing, or shadowed by another it does not hold; so each
 * group's `segments` are exactly the first segments of the routes it registers, none of them a
 * path parameter or a wildcard (which would reach into every segment).
 */
// Building a router only builds routes: its services are kept for later, not called.
const unused = () => Promise.reject(new Error('not called while routes are built'));
const services: ModuleServices = {
  config: loadConfig({ JWT_SECRET: 'route-groups-test-secret-0123456789abcdef0123' }),
  getAccessTokens: unused,
  getSigningKey: unused,
  permissionCatalog: () => [],
  getFileStore: unused,
  attachableRecords: [],
  auditPrivacy: [],
};
const grouped: { name: string; groups: readonly RouteGroup[] }[] = [];
for (const m of modules) {
  const routes = m.routes ? await m.routes(services) : undefined;
  if (Array.isArray(routes)) grouped.push({ name: m.name, groups: routes as readonly RouteGroup[] });
}

describe('route groups', () => {
  it('are used by the modules split into them (finance, supply)', () => {
    expect(grouped.map((m) => m.name)).toEqual(expect.arrayContaining(['finance', 'supply']));
  });

  for (const { name, groups } of grouped) {
    it(`${name}: each group names exactly the first path segments of the routes it registers`, async () => {
      for (const [index, group] of groups.entries()) {
        const router = createRouter();
        (await group.register())(router, services);
        const paths = router.routes.map((route) => route.path);
        expect(paths.length, `${name} group ${index} registers no route`).toBeGreaterThan(0);
        const registered = [...new Set(paths.map((path) => path.split('/')[1] ?? ''))].sort();
        for (const segment of registered) {
          expect(segment, `${name} group ${index}: a route under "/${segment}"`).toMatch(/^[a-z0-9][a-z0-9-]*$/);
        }
        expect([...group.segments].sort(), `${name} group ${index} (${paths[0]} …)`).toEqual(registered);
      }
    });
  }
});
