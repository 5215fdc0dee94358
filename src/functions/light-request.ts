import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { newHeaders } from './light-headers.js';
import { nativeRequest } from './native-fetch.js';

/**
 * The `Request` an API function hands to Hono for an HTTP API (payload format 2.0) event. A request
 * without a body — the reads, most of the traffic — is a light object: method, URL and headers come
 * straight from the event, and undici's Request (URL parsing, an AbortSignal, a copy of the headers)
 * is made only if something asks for more (docs/adr/0026). A request with a body is undici's, as
 * Hono's adapter made it. The URL is `https://<domain><rawPath>?<rawQueryString>`, as that adapter
 * built it, normalized by `URL` whenever it is not already in normal form.
 *
 * The light request's headers are a `LightHeaders`, and it does not inherit from undici's
 * `Request.prototype` (whose getters it overrides anyway): so a read never loads undici
 * (`native-fetch.ts`). It carries the `Request` tag; `instanceof Request` is false for it.
 */

const EVENT = Symbol('moms.request.event');
const URL_KEY = Symbol('moms.request.url');
const HEADERS = Symbol('moms.request.headers');
const NATIVE = Symbol('moms.request.native');

interface LightFields {
  [EVENT]: APIGatewayProxyEventV2;
  [URL_KEY]: string;
  [HEADERS]?: Headers;
  [NATIVE]?: Request;
}

// Targets that `URL` leaves as they are: no dot segments, nothing it would percent-encode in a path or
// a query (so no space, quotes, `<>`, `'`, `#`, `\`, `{|}^`, backquote or non-ASCII).
const PLAIN_TARGET = /^\/[!$&(-;=?-[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
const PLAIN_HOST = /^[a-z0-9._-]+(?::\d{1,5})?$/;
// eslint-disable-next-line no-control-regex -- "anything outside ASCII", as Hono's adapter tests it
const NON_ASCII = /[^\x00-\x7F]/;

/** Header values outside ASCII are percent-encoded (undici refuses some; Hono's adapter did the same). */
const headerValue = (value: string) => (NON_ASCII.test(value) ? encodeURIComponent(value) : value);

function eventHeaders(event: APIGatewayProxyEventV2): Headers {
  const headers = newHeaders();
  if (event.cookies && event.cookies.length > 0) headers.set('cookie', event.cookies.join('; '));
  const source = event.headers;
  if (source) {
    for (const name in source) {
      const value = source[name];
      if (value) headers.set(name, headerValue(value));
    }
  }
  return headers;
}

function requestUrl(event: APIGatewayProxyEventV2): string {
  const host = event.requestContext.domainName ?? event.headers?.host ?? 'localhost';
  const target = event.rawQueryString ? `${event.rawPath}?${event.rawQueryString}` : event.rawPath;
  const url = `https://${host}${target}`;
  if (PLAIN_HOST.test(host) && PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)) return url;
  return new URL(url).href;
}

function fields(request: object): LightFields {
  return request as LightFields;
}

function native(request: object): Request {
  const light = fields(request);
  const NativeRequest = nativeRequest();
  return (light[NATIVE] ??= new NativeRequest(light[URL_KEY], {
    method: light[EVENT].requestContext.http.method,
    headers: lightHeaders(light),
  }));
}

function lightHeaders(light: LightFields): Headers {
  return (light[HEADERS] ??= eventHeaders(light[EVENT]));
}

const prototype: object = Object.create(Object.prototype, {
  [Symbol.toStringTag]: { get: () => 'Request' },
  method: {
    get(this: LightFields) {
      return this[EVENT].requestContext.http.method;
    },
  },
  url: {
    get(this: LightFields) {
      return this[URL_KEY];
    },
  },
  headers: {
    get(this: LightFields) {
      return lightHeaders(this);
    },
  },
  body: { get: () => null },
  bodyUsed: { get: () => false },
});
for (const key of [
  'cache',
  'credentials',
  'destination',
  'duplex',
  'integrity',
  'keepalive',
  'mode',
  'redirect',
  'referrer',
  'referrerPolicy',
  'signal',
] as const) {
  Object.defineProperty(prototype, key, {
    get(this: object) {
      return (native(this) as unknown as Record<string, unknown>)[key];
    },
  });
}
for (const key of ['arrayBuffer', 'blob', 'bytes', 'clone', 'formData', 'json', 'text'] as const) {
  Object.defineProperty(prototype, key, {
    value(this: object) {
      const request = native(this) as unknown as Record<string, () => unknown>;
      return request[key]!.call(request);
    },
  });
}

/** The Request for `event` (light when it carries no body). Throws a TypeError for a URL that cannot be parsed. */
export function lambdaRequest(event: APIGatewayProxyEventV2): Request {
  const url = requestUrl(event);
  const method = event.requestContext.http.method;
  if (event.body) {
    const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    const headers = eventHeaders(event);
    headers.set('content-length', String(body.length));
    return new (nativeRequest())(url, { method, headers, body });
  }
  const request = Object.create(prototype) as LightFields;
  request[EVENT] = event;
  request[URL_KEY] = url;
  return request as unknown as Request;
}
