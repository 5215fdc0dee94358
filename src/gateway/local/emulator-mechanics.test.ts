import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '../routes.js';
import { createEmulator, type AuthorizerHandler } from './emulator.js';

/** In-process Lambda handlers that echo what they received: the emulator's contract is the event. */
const seen: APIGatewayProxyEventV2[] = [];
const routes: Route[] = [
  { method: 'ANY', path: '/api/echo/{proxy+}', function: 'standardApi', authorizer: false },
  { method: 'ANY', path: '/api/private/{proxy+}', function: 'standardApi', authorizer: true },
  { method: 'GET', path: '/api/slow', function: 'containerizedApi', authorizer: false },
];
let verdict: Awaited<ReturnType<AuthorizerHandler>> = {
  isAuthorized: true,
  context: { authenticated: true, userId: 'u1' },
};

let server: Server;
let base: string;
const webDir = mkdtempSync(path.join(os.tmpdir(), 'moms-web-'));

beforeAll(async () => {
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>MOMS</title>');
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'assets', 'index-3f2a9c1b.js'), 'console.log(1)');
  server = createEmulator({
    routes,
    webDir,
    limits: { maxRequestBytes: 1024, integrationTimeoutMs: 300, maxResponseBytes: 2048 },
    authorizer: async () => verdict,
    functions: {
      standardApi: async (event) => {
        seen.push(event);
        if (event.rawPath === '/api/echo/big') return { statusCode: 200, body: 'x'.repeat(4096) };
        if (event.rawPath === '/api/echo/plain') return { hello: 'world' };
        return {
          statusCode: 201,
          headers: { 'content-type': 'application/octet-stream', 'x-single': 'one' },
          multiValueHeaders: { 'x-multi': ['a', 'b'] },
          cookies: ['session=abc; HttpOnly; Path=/', 'theme=dark; Path=/'],
          body: Buffer.from([0, 1, 2, 250, 255]).toString('base64'),
          isBase64Encoded: true,
        };
      },
      containerizedApi: () =>
        new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: 'late' }), 2_000)),
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the payload-format-2.0 event the emulator builds', () => {
  it('carries path, query, headers, cookies and a base64 body like API Gateway', async () => {
    seen.length = 0;
    const res = await fetch(`${base}/api/echo/a%20b/c?x=1&x=2&y=z`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', cookie: 'a=1; b=2', 'X-Custom': 'v' },
      body: new Uint8Array([137, 80, 78, 71]),
    });
    expect(res.status).toBe(201);
    const event = seen[0]!;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'ANY /api/echo/{proxy+}',
      rawPath: '/api/echo/a%20b/c',
      rawQueryString: 'x=1&x=2&y=z',
      queryStringParameters: { x: '1,2', y: 'z' },
      cookies: ['a=1', 'b=2'],
      pathParameters: { proxy: 'a b/c' },
      isBase64Encoded: true,
      requestContext: {
        stage: '$default',
        routeKey: 'ANY /api/echo/{proxy+}',
        http: { method: 'POST', path: '/api/echo/a%20b/c' },
      },
    });
    expect(event.headers['x-custom']).toBe('v');
    expect(event.headers.cookie).toBeUndefined();
    expect(Buffer.from(event.body!, 'base64')).toEqual(Buffer.from([137, 80, 78, 71]));
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('sends JSON bodies as text, not base64', async () => {
    seen.length = 0;
    await fetch(`${base}/api/echo/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(seen[0]).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
  });

  it('writes back status, base64 bodies, cookies and multi-value headers', async () => {
    const res = await fetch(`${base}/api/echo/x`);
    expect(res.status).toBe(201);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 250, 255]));
    expect(res.headers.getSetCookie()).toEqual(['session=abc; HttpOnly; Path=/', 'theme=dark; Path=/']);
    expect(res.headers.get('x-multi')).toBe('a, b');
    expect(res.headers.get('x-single')).toBe('one');
  });

  it('turns a bare return value into a 200 JSON response, as API Gateway infers it', async () => {
    const res = await fetch(`${base}/api/echo/plain`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: 'world' });
  });
});

describe("API Gateway's limits and verdicts", () => {
  it('413 for a request body over the payload limit', async () => {
    const res = await fetch(`${base}/api/echo/x`, { method: 'POST', body: 'x'.repeat(2000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ message: 'Request Entity Too Large' });
  });

  it('503 when the integration takes longer than its timeout', async () => {
    const started = Date.now();
    const res = await fetch(`${base}/api/slow`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ message: 'Service Unavailable' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('502 for a response over the Lambda payload limit', async () => {
    expect((await fetch(`${base}/api/echo/big`)).status).toBe(502);
  });

  it('runs the authorizer first and hands its context to the function', async () => {
    seen.length = 0;
    verdict = { isAuthorized: true, context: { authenticated: true, userId: 'u42' } };
    await fetch(`${base}/api/private/thing`);
    expect(seen[0]?.requestContext).toMatchObject({ authorizer: { lambda: { authenticated: true, userId: 'u42' } } });
  });

  it('403 without calling the function when the authorizer denies', async () => {
    seen.length = 0;
    verdict = { isAuthorized: false };
    const res = await fetch(`${base}/api/private/thing`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Forbidden' });
    expect(seen).toHaveLength(0);
  });
});

describe('static files of the web build', () => {
  it('serves files with their type and cache policy, and index.html for client routes', async () => {
    const asset = await fetch(`${base}/assets/index-3f2a9c1b.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const route = await fetch(`${base}/finance/invoices/42`);
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('<title>MOMS</title>');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    // A traversal attempt stays inside the build folder (here: the SPA fallback), never /etc/passwd.
    const traversal = await (await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`)).text();
    expect(traversal).not.toContain('root:');
    expect(traversal).toContain('<title>MOMS</title>');
  });
});
