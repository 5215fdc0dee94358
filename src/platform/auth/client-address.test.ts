import { describe, expect, it } from 'vitest';
import { clientAddress, sourceKey } from './client-address.js';

const event = (sourceIp: string | undefined, headers: Record<string, string> = {}) => ({
  requestContext: { http: { sourceIp } },
  headers,
});
const SECRET = 'origin-verify-secret-that-is-long-enough-0123';

describe('the client address used for throttling', () => {
  it('is API Gateway’s sourceIp; X-Forwarded-For and friends are ignored', () => {
    const e = event('203.0.113.9', { 'x-forwarded-for': '198.51.100.1', 'x-real-ip': '198.51.100.2' });
    expect(clientAddress(e)).toBe('203.0.113.9');
    expect(clientAddress(e, { originVerifySecret: SECRET })).toBe('203.0.113.9');
  });

  it('is undefined without an event (direct invocation, tests), or with garbage', () => {
    expect(clientAddress(undefined)).toBeUndefined();
    expect(clientAddress(event('not an ip'))).toBeUndefined();
    expect(sourceKey(undefined)).toBe('unknown');
  });

  it('trusts the distribution’s viewer address only on requests carrying the origin secret', () => {
    const viaCloudFront = event('130.176.1.1', { 'x-origin-verify': SECRET, 'x-moms-viewer-address': '198.51.100.10' });
    expect(clientAddress(viaCloudFront, { originVerifySecret: SECRET })).toBe('198.51.100.10');
    expect(clientAddress(viaCloudFront)).toBe('130.176.1.1'); // not configured: never trusted
    const forged = event('203.0.113.9', { 'x-origin-verify': 'guess', 'x-moms-viewer-address': '198.51.100.10' });
    expect(clientAddress(forged, { originVerifySecret: SECRET })).toBe('203.0.113.9');
    const v6 = event('130.176.1.1', { 'x-origin-verify': SECRET, 'x-moms-viewer-address': '2001:db8::1' });
    expect(clientAddress(v6, { originVerifySecret: SECRET })).toBe('2001:db8::1');
    // CloudFront's own header is not used: a viewer could send one under that name through AllViewer.
    const theirs = event('130.176.1.1', { 'x-origin-verify': SECRET, 'cloudfront-viewer-address': '198.51.100.9:1' });
    expect(clientAddress(theirs, { originVerifySecret: SECRET })).toBe('130.176.1.1');
    const garbage = event('130.176.1.1', { 'x-origin-verify': SECRET, 'x-moms-viewer-address': 'nonsense' });
    expect(clientAddress(garbage, { originVerifySecret: SECRET })).toBe('130.176.1.1');
  });

  it('keys IPv4 by address, IPv6 by /64, IPv4-mapped IPv6 as IPv4', () => {
    expect(sourceKey('203.0.113.9')).toBe('203.0.113.9');
    expect(sourceKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(sourceKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(sourceKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(sourceKey('::1')).toBe('0:0:0:0::/64');
    expect(sourceKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(sourceKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
