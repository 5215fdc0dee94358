import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { checkDestination, guardPolicy, RefusedDestination, type GuardPolicy } from './ssrf.js';

/**
 * One outbound HTTP request through the SSRF guard (ssrf.ts): each hop's host is resolved and
 * checked, and the connection goes to the checked address (a `lookup` that answers with it: no
 * second DNS query, no rebinding window). Redirects are followed by hand (at most `maxRedirects`),
 * each target checked again; credentials are not sent to another origin. The whole chain shares one
 * deadline, and a body larger than `maxBytes` stops the transfer.
 */
export interface SafeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  /** Header names (lower case) dropped when a redirect leads to another origin. */
  sensitiveHeaders?: readonly string[];
  policy?: GuardPolicy;
}

export interface SafeResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
  redirects: number;
}

/** A failure of the request itself (not a status): the timeout, the size limit, a refused or broken connection. */
export class OutboundError extends Error {
  constructor(
    message: string,
    readonly reason: 'refused' | 'timeout' | 'too-large' | 'redirects' | 'network',
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError(`${raw.slice(0, 200)} is not a URL.`, 'refused');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundError(`Only http and https URLs may be called, not ${url.protocol}.`, 'refused');
  if (url.username || url.password) throw new OutboundError('Put credentials in the vault, not in the URL.', 'refused');
  return url;
}

function once(
  url: URL,
  address: { address: string; family: 4 | 6 },
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        protocol: url.protocol,
        host,
        // TLS: the name for SNI and the certificate check (never an address literal).
        ...(url.protocol === 'https:' && !isIP(host) ? { servername: host } : {}),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        lookup,
        signal,
        agent: false,
      },
      (res) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          req.destroy();
          reject(new OutboundError(`The response is larger than ${maxBytes} bytes.`, 'too-large'));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            reject(new OutboundError(`The response is larger than ${maxBytes} bytes.`, 'too-large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) });
        });
        res.on('error', (error) => reject(error));
      },
    );
    req.on('error', (error) => reject(error));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export async function safeRequest(request: SafeRequest): Promise<SafeResponse> {
  const policy = request.policy ?? guardPolicy();
  const maxRedirects = request.maxRedirects ?? 5;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  let url = parseTarget(request.url);
  const origin = url.origin;
  let method = request.method.toUpperCase();
  let body = request.body;
  let headers = { ...request.headers };
  try {
    for (let redirects = 0; ; redirects++) {
      let address: { address: string; family: 4 | 6 };
      try {
        address = await checkDestination(url.hostname, policy);
      } catch (error) {
        if (error instanceof RefusedDestination) throw new OutboundError(error.message, 'refused');
        throw error;
      }
      let res: Awaited<ReturnType<typeof once>>;
      try {
        res = await once(url, address, method, headers, body, request.maxBytes, controller.signal);
      } catch (error) {
        if (error instanceof OutboundError) throw error;
        if (controller.signal.aborted)
          throw new OutboundError(`No complete answer within ${request.timeoutMs} ms.`, 'timeout');
        throw new OutboundError(`The request failed: ${(error as Error).message}`, 'network');
      }
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || !location) return { ...res, url: url.toString(), redirects };
      if (redirects >= maxRedirects) throw new OutboundError(`More than ${maxRedirects} redirects.`, 'redirects');
      let next: URL;
      try {
        next = parseTarget(new URL(location, url).toString());
      } catch (error) {
        throw error instanceof OutboundError
          ? error
          : new OutboundError('The redirect has no valid Location.', 'refused');
      }
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
      }
      if (next.origin !== origin) {
        const drop = new Set(['authorization', 'cookie', ...(request.sensitiveHeaders ?? [])]);
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !drop.has(k.toLowerCase())));
      }
      url = next;
    }
  } finally {
    clearTimeout(timer);
  }
}
