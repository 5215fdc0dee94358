import type { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import type { AppEnv } from './app-env.js';
import { createApp } from './create-app.js';
import { createRouter } from './router.js';

/**
 * A module in route groups (docs/adr/0006): a request is served by the router of its first path
 * segment's groups, loaded on that segment's first request; the API document and other paths use the
 * whole router; a path the segment's router does not know goes on to the whole router.
 */
function moduleApp() {
  const loads: string[] = [];
  const routes = (router: OpenAPIHono<AppEnv>, paths: readonly string[]) => {
    for (const path of paths) {
      router.get(path, (c) => c.json({ path, requestId: c.get('requestId') }));
      router.post(path, async (c) => c.json({ path, body: (await c.req.json()) as unknown }, 201));
    }
    return router;
  };
  const app = createApp({
    name: 'test',
    version: 'test',
    getDb: () => Promise.resolve({} as Db),
    getAccessTokens: () => Promise.reject(new Error('no token is verified here')),
    modules: [
      {
        basePath: '/api/v1/m',
        load: async () => {
          loads.push('whole');
          // `/a/late`: a route under `a` that the `a` part does not hold (a group whose segments were wrong).
          return routes(createRouter(), ['/a', '/b', '/a/late', '/c']);
        },
        parts: async () => ({
          segments: new Set(['a', 'b']),
          load: async (segment) => {
            loads.push(segment);
            return routes(createRouter(), [`/${segment}`]);
          },
        }),
      },
    ],
  });
  return { app, loads };
}

describe('a module in route groups', () => {
  it('serves a segment from its own router, loaded once, with the request state carried over', async () => {
    const { app, loads } = moduleApp();
    const first = await app.request('/api/v1/m/a');
    expect(first.status).toBe(200);
    const body = (await first.json()) as { path: string; requestId: string };
    expect(body.path).toBe('/a');
    expect(body.requestId).toBe(first.headers.get('x-request-id'));
    expect((await app.request('/api/v1/m/a')).status).toBe(200);
    const posted = await app.request('/api/v1/m/b', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ n: 1 }),
    });
    expect(posted.status).toBe(201);
    expect(await posted.json()).toEqual({ path: '/b', body: { n: 1 } });
    expect(loads).toEqual(['a', 'b']);
  });

  it('sends a path no group names, and one its segment’s router does not know, to the whole router', async () => {
    const { app, loads } = moduleApp();
    expect(await (await app.request('/api/v1/m/c')).json()).toMatchObject({ path: '/c' });
    const late = await app.request('/api/v1/m/a/late', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kept: true }),
    });
    expect(late.status).toBe(201);
    expect(await late.json()).toEqual({ path: '/a/late', body: { kept: true } });
    expect(loads).toEqual(['whole', 'a']);
  });

  it('answers an unknown path under a segment 404 problem+json, as the whole router does', async () => {
    const { app } = moduleApp();
    for (const path of ['/api/v1/m/a/missing', '/api/v1/m/missing']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ type: 'https://moms.dev/problems/route-not-found', status: 404 });
    }
  });
});
