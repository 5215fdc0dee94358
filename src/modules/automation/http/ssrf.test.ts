import { describe, expect, it } from 'vitest';
import { signature, verify } from '../webhooks/signature.js';
import { checkDestination, embeddedIPv4, parseAllowList, refusedReason, type GuardPolicy } from './ssrf.js';

describe('the SSRF guard', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '100.64.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '0:0:0:0:0:ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
  ])('refuses %s', (address) => {
    expect(refusedReason(address)).not.toBeNull();
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(refusedReason(address)).toBeNull();
    },
  );

  it('reads the IPv4 address inside IPv6 forms', () => {
    expect(embeddedIPv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIPv4('::ffff:169.254.169.254')).toBe('169.254.169.254');
    expect(embeddedIPv4('2606:4700::1')).toBeNull();
  });

  const policy = (allow: string, table: Record<string, string[]> = {}): GuardPolicy => ({
    allow: parseAllowList(allow),
    resolve: async (host) => {
      const found = table[host];
      if (!found) throw new Error('ENOTFOUND');
      return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  });

  it('refuses a name that resolves to a private address, whichever of its addresses it is', async () => {
    const p = policy('', { 'internal.example': ['10.0.0.5'], 'mixed.example': ['93.184.215.14', '127.0.0.1'] });
    await expect(checkDestination('internal.example', p)).rejects.toThrow(/resolves to 10\.0\.0\.5/);
    await expect(checkDestination('mixed.example', p)).rejects.toThrow(/127\.0\.0\.1/);
    await expect(checkDestination('[::ffff:127.0.0.1]', p)).rejects.toThrow(/Refused/);
    await expect(checkDestination('169.254.169.254', p)).rejects.toThrow(/Refused/);
    await expect(checkDestination('nowhere.example', p)).rejects.toMatchObject({ kind: 'unresolved' });
    await expect(checkDestination('internal.example', p)).rejects.toMatchObject({ kind: 'refused' });
  });

  it('lets the operator allow a host or a range', async () => {
    const p = policy('127.0.0.1/32, intranet.example', {
      'intranet.example': ['10.9.9.9'],
      'lo.example': ['127.0.0.1'],
    });
    await expect(checkDestination('127.0.0.1', p)).resolves.toEqual({ address: '127.0.0.1', family: 4 });
    await expect(checkDestination('[::ffff:127.0.0.1]', p)).resolves.toMatchObject({ address: '::ffff:127.0.0.1' });
    await expect(checkDestination('lo.example', p)).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(checkDestination('intranet.example', p)).resolves.toMatchObject({ address: '10.9.9.9' });
    await expect(checkDestination('127.0.0.2', p)).rejects.toThrow(/Refused/);
    expect(() => parseAllowList('10.0.0.0/40')).toThrow(/CIDR/);
    expect(() => parseAllowList('http://x')).toThrow(/neither/);
  });
});

describe('Standard Webhooks signatures', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  it('matches the specification test vector', () => {
    // The example in the Standard Webhooks specification and its reference libraries.
    const body = '{"test": 2432232314}';
    expect(signature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
    const headers = {
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: '1614265330',
      signature: 'v1,bad v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };
    expect(verify(secret, headers, body, 1614265330)).toBeNull();
    expect(verify(secret, headers, body, 1614265330 + 301)).toBe('stale-timestamp');
    expect(verify(secret, headers, `${body} `, 1614265330)).toBe('bad-signature');
    expect(verify(secret, { ...headers, id: undefined }, body, 1614265330)).toBe('missing-headers');
  });
});
