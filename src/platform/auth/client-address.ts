import { timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The header the CloudFront distribution's viewer-request function sets to the viewer's IP address
 * (always overwriting a value the viewer sent). Trusted only with the origin-verify secret.
 */
export const VIEWER_ADDRESS_HEADER = 'x-moms-viewer-address';

/** The parts of an API Gateway v2 event (or the emulator's) that say where a request came from. */
interface EventLike {
  requestContext?: { http?: { sourceIp?: unknown } };
  headers?: Record<string, string | undefined>;
}

export interface ClientAddressOptions {
  /**
   * When CloudFront fronts the API it is the TCP peer, and `sourceIp` is an edge server shared by many
   * people. With this set (the origin-verify secret, which CloudFront sends as the `x-origin-verify`
   * origin header), a request that carries it is known to come through CloudFront, and the viewer's
   * address is taken from `x-moms-viewer-address`, which the distribution's viewer-request function
   * writes from `event.viewer.ip` over whatever the viewer sent (infra/constructs/static-site.ts).
   * Without it, headers are never trusted.
   */
  originVerifySecret?: string | undefined;
}

/**
 * The address a request came from, for throttling: API Gateway's `requestContext.http.sourceIp` (the
 * TCP peer; locally the emulator sets it from the socket). Never `X-Forwarded-For`, which anyone can
 * write. Undefined when the app was invoked without an event (tests, direct invocation).
 */
export function clientAddress(event: unknown, options: ClientAddressOptions = {}): string | undefined {
  const e = (event ?? {}) as EventLike;
  const secret = options.originVerifySecret;
  const headers = e.headers ?? {};
  if (secret && sameSecret(headers['x-origin-verify'], secret)) {
    const viewer = headers[VIEWER_ADDRESS_HEADER]?.trim();
    if (viewer && (isIPv4(viewer) || isIPv6(viewer))) return viewer;
  }
  const ip = e.requestContext?.http?.sourceIp;
  return typeof ip === 'string' && (isIPv4(ip) || isIPv6(ip)) ? ip : undefined;
}

function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key a source is throttled under: an IPv4 address as is, an IPv6 address by its /64 (one
 * subscriber usually has a whole /64, so counting single addresses would let them rotate freely),
 * `unknown` when there is no address.
 */
export function sourceKey(address: string | undefined): string {
  if (!address) return 'unknown';
  if (isIPv4(address)) return address;
  const groups = expandIPv6(address);
  if (!groups) return 'unknown';
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 address.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

function expandIPv6(address: string): number[] | undefined {
  const plain = address.split('%')[0]!; // no zone id
  if (!isIPv6(plain)) return undefined;
  let text = plain;
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<number>(zeros).fill(0), ...right];
  return groups.length === 8 ? groups : undefined;
}
