import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * The outbound request guard (issue #17: SSRF). A destination is refused when any address its host
 * resolves to is private, loopback, link-local (the cloud metadata address 169.254.169.254 among
 * them), unspecified, multicast, reserved, or an IPv6 form carrying one of those IPv4 addresses
 * (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) — unless
 * the operator's allow-list (`AUTOMATION_HTTP_ALLOW`: comma-separated host names and CIDR ranges)
 * permits it. The request then connects to the address that was checked (safe-request.ts), so a DNS
 * answer that changes between the check and the connection (rebinding) is never used.
 */

const refusedV4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  refusedV4.addSubnet(net, bits, 'ipv4');

const refusedV6 = new BlockList();
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
] as const)
  refusedV6.addSubnet(net, bits, 'ipv6');

/** The 8 groups of an IPv6 address (with a dotted IPv4 tail), or null. */
function groups(address: string): number[] | null {
  let text = address.replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const parts = v4[1]!.split('.').map(Number);
    text = `${text.slice(0, -v4[1]!.length)}${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head, tail, ...more] = text.split('::');
  if (more.length > 0) return null;
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : null;
  const fill = t === null ? 0 : 8 - h.length - t.length;
  if (fill < 0) return null;
  const all = [...h, ...Array<string>(fill).fill('0'), ...(t ?? [])].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
}

const v4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedIPv4(address: string): string | null {
  const g = groups(address);
  if (!g) return null;
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && g[5] === 0xffff) return v4Of(g[6]!, g[7]!); // ::ffff:a.b.c.d
  if (zero(0, 6) && (g[6]! !== 0 || g[7]! > 1)) return v4Of(g[6]!, g[7]!); // ::a.b.c.d (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return v4Of(g[6]!, g[7]!); // NAT64
  if (g[0] === 0x2002) return v4Of(g[1]!, g[2]!); // 6to4
  return null;
}

/** Why an address may not be called, or null when it may (an address literal, without brackets). */
export function refusedReason(address: string): string | null {
  const family = isIP(address);
  if (family === 4)
    return refusedV4.check(address, 'ipv4')
      ? `${address} is a private, loopback, link-local or reserved address`
      : null;
  if (family === 6) {
    const inner = embeddedIPv4(address);
    if (inner !== null) {
      const why = refusedReason(inner);
      return why ? `${address} carries ${inner}: ${why}` : null;
    }
    return refusedV6.check(address, 'ipv6')
      ? `${address} is a private, loopback, link-local or reserved address`
      : null;
  }
  return `${address} is not an IP address`;
}

export interface AllowList {
  hosts: ReadonlySet<string>;
  ranges: BlockList;
}

/** `host.example, 10.1.0.0/16, 127.0.0.1, ::1/128` → an allow-list (bad entries throw). */
export function parseAllowList(text: string | undefined): AllowList {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const [net, bits] = entry.split('/');
    const family = isIP(net!);
    if (family) {
      const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
        throw new Error(`AUTOMATION_HTTP_ALLOW: ${raw} is not a CIDR range`);
      ranges.addSubnet(net!, prefix, family === 4 ? 'ipv4' : 'ipv6');
    } else if (/^[a-z0-9.-]+$/.test(entry) && bits === undefined) hosts.add(entry.replace(/\.$/, ''));
    else throw new Error(`AUTOMATION_HTTP_ALLOW: ${raw} is neither a host name nor a CIDR range`);
  }
  return { hosts, ranges };
}

export type Resolver = (host: string) => Promise<{ address: string; family: 4 | 6 }[]>;

const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export interface GuardPolicy {
  allow: AllowList;
  resolve: Resolver;
}

let override: Partial<GuardPolicy> | undefined;
let fromEnv: { text: string | undefined; allow: AllowList } | undefined;

/** The policy in force: the operator's allow-list from the environment, the system resolver. */
export function guardPolicy(): GuardPolicy {
  const text = process.env.AUTOMATION_HTTP_ALLOW;
  if (!fromEnv || fromEnv.text !== text) fromEnv = { text, allow: parseAllowList(text) };
  return { allow: override?.allow ?? fromEnv.allow, resolve: override?.resolve ?? systemResolver };
}

/** Tests only: another allow-list or resolver (undefined: back to the environment's). */
export function useGuardPolicy(next: Partial<GuardPolicy> | undefined): void {
  override = next;
}

/** A destination refused by the guard (the HTTP step fails with this, no retry). */
export class RefusedDestination extends Error {
  constructor(
    message: string,
    /** `unresolved`: the name has no address (nothing to connect to, so nothing to attack). */
    readonly kind: 'refused' | 'unresolved' = 'refused',
  ) {
    super(message);
    this.name = 'RefusedDestination';
  }
}

function allowedAddress(allow: AllowList, address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (allow.ranges.check(address, family === 4 ? 'ipv4' : 'ipv6')) return true;
  const inner = family === 6 ? embeddedIPv4(address) : null;
  return inner !== null && allow.ranges.check(inner, 'ipv4');
}

/**
 * Resolves `hostname` (a name or an address literal, IPv6 in brackets or not) and checks every
 * address; returns the one to connect to. Throws RefusedDestination.
 */
export async function checkDestination(
  hostname: string,
  policy: GuardPolicy = guardPolicy(),
): Promise<{ address: string; family: 4 | 6 }> {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (!host) throw new RefusedDestination('The URL has no host.');
  const hostAllowed = policy.allow.hosts.has(host);
  let addresses: { address: string; family: 4 | 6 }[];
  const literal = isIP(host);
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await policy.resolve(host);
    } catch (error) {
      throw new RefusedDestination(
        `The host ${host} could not be resolved (${(error as Error).message}).`,
        'unresolved',
      );
    }
    if (addresses.length === 0) throw new RefusedDestination(`The host ${host} has no address.`, 'unresolved');
  }
  for (const a of addresses) {
    if (hostAllowed || allowedAddress(policy.allow, a.address)) continue;
    const why = refusedReason(a.address);
    if (why)
      throw new RefusedDestination(
        `Refused: ${literal ? why : `${host} resolves to ${why}`} (an operator may allow it with AUTOMATION_HTTP_ALLOW).`,
      );
  }
  // Every address passed; IPv4 first (not every network routes IPv6).
  return addresses.find((a) => a.family === 4) ?? addresses[0]!;
}
