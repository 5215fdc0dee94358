import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createRouter } from '../platform/http/router.js';
import { toApiHandler } from './api-handler.js';
import { LightResponse } from './light-response.js';

/**
 * The API functions' Lambda adapter (light request and response, docs/adr/0026) against Hono's own
 * adapter, which it replaces: the same events must give the same results, whatever the app answers.
 */
function app() {
  const app = createRouter();
  app.get('/json', (c) => c.json({ ok: true, n: 1, text: 'päivää €' }));
  app.get('/text', (c) => c.text('plain ✓'));
  app.get('/echo', (c) =>
    c.json({
      url: c.req.url,
      path: c.req.path,
      query: c.req.queries(),
      headers: c.req.header(),
      method: c.req.method,
    }),
  );
  app.post('/echo', async (c) => c.json({ body: await c.req.json<unknown>(), type: c.req.header('content-type') }));
  app.put('/bytes', async (c) => c.json({ length: (await c.req.arrayBuffer()).byteLength }));
  app.get('/pdf', (c) =>
    c.body(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]), 200, { 'content-type': 'application/pdf' }),
  );
  app.get('/gzip', (c) =>
    c.body(gzipSync('compressed'), 200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }),
  );
  app.get('/cookies', (c) => {
    c.header('set-cookie', 'a=1; Path=/', { append: true });
    c.header('set-cookie', 'b=2; HttpOnly', { append: true });
    return c.json({ cookies: true });
  });
  app.get('/empty', (c) => c.body(null, 204));
  app.get('/redirect', (c) => c.redirect('/json', 302));
  app.get('/stream', (c) =>
    c.body(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('chunk one, '));
          controller.enqueue(new TextEncoder().encode('chunk two'));
          controller.close();
        },
      }),
      200,
      { 'content-type': 'text/plain' },
    ),
  );
  app.get('/status', (c) => c.json({ created: true }, 201, { 'x-extra': 'yes', etag: '"v1"' }));
  app.get('/throws', () => {
    throw new Error('boom');
  });
  // A middleware that sets a header after the answer was made (Hono then copies the Response).
  app.use('/late', async (c, next) => {
    await next();
    c.header('x-late', 'after');
  });
  app.get('/late', (c) => c.json({ late: true }));
  app.onError((error, c) => c.text(`failed: ${error.message}`, 500));
  return app;
}

function event(
  method: string,
  target: string,
  init: { headers?: Record<string, string>; cookies?: string[]; body?: string; base64?: boolean } = {},
): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = target.split(/\?(.*)/s, 2);
  return {
    version: '2.0',
    routeKey: `${method} /{proxy+}`,
    rawPath,
    rawQueryString,
    headers: { host: 'api.example.com', 'user-agent': 'test', ...init.headers },
    ...(init.cookies ? { cookies: init.cookies } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: `${method} /{proxy+}`,
      stage: '$default',
      time: '06/Dec/2026:01:00:00 +0000',
      timeEpoch: 1796518800000,
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
    isBase64Encoded: init.base64 ?? false,
  };
}

const EVENTS: [string, APIGatewayProxyEventV2][] = [
  ['a JSON answer', event('GET', '/json')],
  ['a text answer', event('GET', '/text')],
  ['a plain URL', event('GET', '/echo?limit=20&sort=-createdAt')],
  ['a URL that URL normalizes', event('GET', '/a/../echo?q=it\'s a test&x=<b>&y="q"&z=ä')],
  ['an encoded path and query', event('GET', '/echo?q=caf%C3%A9&q=two&empty=')],
  ['cookies and a non-ASCII header', event('GET', '/echo', { cookies: ['s=1', 't=2'], headers: { 'x-name': 'Zoë' } })],
  ['a repeated header, joined', event('GET', '/echo', { headers: { accept: 'text/html,application/json' } })],
  [
    'a JSON body',
    event('POST', '/echo', { body: '{"a":[1,2],"b":"ü"}', headers: { 'content-type': 'application/json' } }),
  ],
  ['a base64 body', event('PUT', '/bytes', { body: Buffer.from([0, 1, 2, 255]).toString('base64'), base64: true })],
  ['a binary answer', event('GET', '/pdf')],
  ['an encoded answer', event('GET', '/gzip')],
  ['set-cookie answers', event('GET', '/cookies')],
  ['no content', event('GET', '/empty')],
  ['a redirect', event('GET', '/redirect')],
  ['a streamed answer', event('GET', '/stream')],
  ['a status and headers', event('GET', '/status')],
  ['an error', event('GET', '/throws')],
  ['a header set after the answer', event('GET', '/late')],
  ['an unknown route', event('GET', '/nowhere')],
  ['HEAD', event('HEAD', '/json')],
  [
    'a URL that cannot be parsed',
    { ...event('GET', '/json'), requestContext: { ...event('GET', '/json').requestContext, domainName: 'bad host' } },
  ],
];

describe('toApiHandler', () => {
  const ours = toApiHandler(app());
  const hono = handle(app());
  // Hono's adapter logs the requests it cannot make; that is expected here.
  const reference = async (e: APIGatewayProxyEventV2) => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      return (await hono(e as unknown as LambdaEvent, {} as LambdaContext)) as Record<string, unknown>;
    } finally {
      quiet.mockRestore();
    }
  };

  it.each(EVENTS)('gives what Hono’s adapter gives for %s', async (_name, e) => {
    const expected = await reference(e);
    const actual = await ours(e);
    expect(actual).toEqual(expected);
  });

  it('sends a JSON answer’s text as the handler wrote it, without undici reading it back', async () => {
    const light = new Response('{"a":1}', { headers: { 'content-type': 'application/json' } });
    expect(LightResponse.parts(light)?.body).toBe('{"a":1}');
    expect(light).toBeInstanceOf(Response);
    const result = await ours(event('GET', '/json'));
    expect(JSON.parse(result.body!)).toEqual({ ok: true, n: 1, text: 'päivää €' });
    expect(result.isBase64Encoded).toBe(false);
  });
});

describe('LightResponse', () => {
  it('behaves as a Response: defaults, body read once, clone, status checks, instanceof both ways', async () => {
    const text = new Response('hello');
    expect(text.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(text.status).toBe(200);
    expect(text.ok).toBe(true);
    expect(text.bodyUsed).toBe(false);
    const copy = text.clone();
    expect(await text.text()).toBe('hello');
    expect(text.bodyUsed).toBe(true);
    await expect(text.text()).rejects.toThrow();
    expect(await copy.text()).toBe('hello');

    const empty = new Response(null, { status: 204 });
    expect(empty.headers.get('content-type')).toBeNull();
    expect(empty.body).toBeNull();
    expect(() => new Response('body', { status: 204 })).toThrow(TypeError);
    expect(() => new Response('x', { status: 99 })).toThrow(RangeError);

    const withHeaders = new Response('{}', { status: 201, statusText: 'Created', headers: { 'x-a': '1' } });
    expect(withHeaders.statusText).toBe('Created');
    expect(withHeaders.headers.get('x-a')).toBe('1');
    expect(await Response.json({ a: 1 }).json()).toEqual({ a: 1 });
    // The static members are undici's (the light class no longer inherits them: docs/adr/0026).
    const moved = Response.redirect('https://example.com/x', 302);
    expect([moved.status, moved.headers.get('location'), moved instanceof Response]).toEqual([
      302,
      'https://example.com/x',
      true,
    ]);
    expect(Response.error().type).toBe('error');
    expect(Object.prototype.toString.call(new Response('x'))).toBe('[object Response]');
    expect(new Response(new Uint8Array([1, 2])) instanceof Response).toBe(true);
    expect((await fetchLike()) instanceof Response).toBe(true);
  });

  it('keeps headers set on it when it becomes undici’s (a body read after Hono set headers)', async () => {
    const response = new Response('{"x":1}', { headers: { 'content-type': 'application/json' } });
    response.headers.set('x-request-id', 'abc');
    const copy = new Response(response.body, response);
    expect(copy.headers.get('x-request-id')).toBe('abc');
    expect(await copy.json()).toEqual({ x: 1 });
  });
});

/** A Response made by undici itself (as `fetch` gives), not through the global constructor. */
async function fetchLike(): Promise<Response> {
  const blob = new Blob(['x']);
  return new Response(blob.stream());
}
