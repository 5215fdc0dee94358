import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness/test-app.js';
import { createRuntime } from './runtime.js';
import { createContainerizedApp } from './containerized-app.js';
import { permissionCatalog, roleDefinitions } from './catalog.js';
import { modules } from './modules.js';

type Operation = { 'x-moms-access'?: string };
type Document = { paths?: Record<string, Record<string, Operation>> };

const declared = new Set(permissionCatalog.map((p) => p.permission as string));
const moduleNames = new Set(permissionCatalog.map((p) => p.permission.split(':')[0]!));

describe('the module manifests (src/app/modules.ts)', () => {
  it('name each module once, with its own base path', () => {
    const names = modules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const paths = modules.map((m) => m.basePath);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('declare each permission once, and roles grant only declared permissions', () => {
    expect(declared.size).toBe(permissionCatalog.length);
    for (const role of roleDefinitions) {
      for (const grant of role.permissions) {
        const ok =
          grant === '*' || declared.has(grant) || (grant.endsWith(':*') && moduleNames.has(grant.slice(0, -2)));
        expect(ok, `${role.name}: ${grant}`).toBe(true);
      }
    }
  });

  it('agree with the web app: every module with screens has a web module, and every web module a server module', async () => {
    // The registry is browser code: its API client reads window.location when imported.
    vi.stubGlobal('window', { location: { origin: 'http://localhost' } });
    // A path in a variable keeps the browser code out of the server's typecheck.
    const registry = '../../web/src/modules/registry.js';
    const { modules: webModules } = (await import(/* @vite-ignore */ registry)) as { modules: { id: string }[] };
    vi.unstubAllGlobals();
    const fromServer = new Set(modules.flatMap((m) => (m.web ? [m.web] : [])));
    expect([...fromServer].sort()).toEqual(webModules.map((m) => m.id).sort());
  });
});

describe('every route of every function', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function documentOf(fn: 'standardApi' | 'containerizedApi'): Promise<Document> {
    if (fn === 'standardApi') {
      const res = await t.request<Document>('GET', '/api/openapi.json');
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      return res.body;
    }
    const app = createContainerizedApp(createRuntime(t.config, t.handle));
    return (await app.request('/api/openapi.json')).json() as Promise<Document>;
  }

  it('declares its access, as public, authenticated or a permission of the catalog, under its module’s path', async () => {
    let count = 0;
    for (const fn of ['standardApi', 'containerizedApi'] as const) {
      const document = await documentOf(fn);
      const bases = modules.filter((m) => m.function === fn).map((m) => m.basePath);
      for (const [path, operations] of Object.entries(document.paths ?? {})) {
        expect(
          bases.some((b) => path.startsWith(`${b}/`) || path === b),
          `${path} lies under a module of ${fn}`,
        ).toBe(true);
        for (const [method, operation] of Object.entries(operations)) {
          const access = operation['x-moms-access'];
          expect(
            access === 'public' || access === 'authenticated' || (access !== undefined && declared.has(access)),
            `${method.toUpperCase()} ${path}: ${access}`,
          ).toBe(true);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(200);
  });
});
