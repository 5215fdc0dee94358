import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signedHeaders, verify } from './signature.js';

/**
 * Our Standard Webhooks signing (outbound deliveries, `signedHeaders`) and verification (inbound
 * webhooks, `verify`, which `receiveWebhook` calls) against the reference implementation by the
 * spec's authors (the `standardwebhooks` package): each accepts what the other signs, and both
 * refuse a tampered message.
 */

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The reference library's verdict: null when it accepts, else its error message. */
function referenceVerdict(secret: string, body: string, headers: Record<string, string>): string | null {
  try {
    new Webhook(secret).verify(body, headers, { jsonParse: false });
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
}

/** Our inbound verdict on headers named as on the wire. */
const ourVerdict = (secret: string, body: string, headers: Record<string, string>, now = nowSeconds()) =>
  verify(
    secret,
    { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] },
    body,
    now,
  );

/** A message signed by the reference library, with the headers it would send. */
function referenceSigned(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': new Webhook(secret).sign(id, new Date(timestamp * 1000), body),
  };
}

describe('Standard Webhooks: our signatures and the reference implementation (standardwebhooks)', () => {
  const body = JSON.stringify({ type: 'crm.opportunity.won', data: { id: 'o-1', amount: '1234.50', name: 'Café ✓' } });

  it('both give the spec’s test vector', () => {
    const [secret, id, ts, payload] = [
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    ] as const;
    const expected = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
    expect(signedHeaders(secret, id, ts, payload)['webhook-signature']).toBe(expected);
    expect(referenceSigned(secret, id, ts, payload)['webhook-signature']).toBe(expected);
  });

  it('the reference library verifies a signature made by our outbound signing', () => {
    const secret = newSecret();
    const headers = signedHeaders(secret, 'msg_2Lq8dXk1', nowSeconds(), body);
    expect(referenceVerdict(secret, body, headers)).toBeNull();
    // And it parses the body it verified, as a receiver would.
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('our inbound verification accepts a signature made by the reference library', () => {
    const secret = newSecret();
    const headers = referenceSigned(secret, 'msg_7Hc0pQz9', nowSeconds(), body);
    expect(ourVerdict(secret, body, headers)).toBeNull();
    // The two sign identically, byte for byte.
    const ts = Number(headers['webhook-timestamp']);
    expect(signedHeaders(secret, 'msg_7Hc0pQz9', ts, body)['webhook-signature']).toBe(headers['webhook-signature']);
  });

  it('a tampered body, id, timestamp or a wrong secret fails both', () => {
    const secret = newSecret();
    const ts = nowSeconds();
    const tampered = body.replace('1234.50', '9234.50');
    for (const headers of [signedHeaders(secret, 'msg_a', ts, body), referenceSigned(secret, 'msg_a', ts, body)]) {
      expect(referenceVerdict(secret, tampered, headers)).toBe('No matching signature found');
      expect(ourVerdict(secret, tampered, headers)).toBe('bad-signature');
      const otherId = { ...headers, 'webhook-id': 'msg_b' };
      expect(referenceVerdict(secret, body, otherId)).not.toBeNull();
      expect(ourVerdict(secret, body, otherId)).toBe('bad-signature');
      const otherTime = { ...headers, 'webhook-timestamp': String(ts - 1) };
      expect(referenceVerdict(secret, body, otherTime)).not.toBeNull();
      expect(ourVerdict(secret, body, otherTime)).toBe('bad-signature');
      const otherSecret = newSecret();
      expect(referenceVerdict(otherSecret, body, headers)).not.toBeNull();
      expect(ourVerdict(otherSecret, body, headers)).toBe('bad-signature');
      // Untampered, both accept (the checks above fail for the tampering, not for the setup).
      expect(referenceVerdict(secret, body, headers)).toBeNull();
      expect(ourVerdict(secret, body, headers)).toBeNull();
    }
  });

  it('both refuse a message older than the tolerance (5 minutes), even correctly signed', () => {
    const secret = newSecret();
    const old = nowSeconds() - 10 * 60;
    for (const headers of [
      signedHeaders(secret, 'msg_old', old, body),
      referenceSigned(secret, 'msg_old', old, body),
    ]) {
      expect(referenceVerdict(secret, body, headers)).toBe('Message timestamp too old');
      expect(ourVerdict(secret, body, headers)).toBe('stale-timestamp');
    }
  });

  it('during a secret rotation (several signatures in the header) each accepts the other’s', () => {
    const [oldSecret, newer] = [newSecret(), newSecret()];
    const ts = nowSeconds();
    const both = [oldSecret, newer].map((s) => signedHeaders(s, 'msg_rot', ts, body)['webhook-signature']).join(' ');
    const headers = { 'webhook-id': 'msg_rot', 'webhook-timestamp': String(ts), 'webhook-signature': both };
    for (const s of [oldSecret, newer]) {
      expect(referenceVerdict(s, body, headers)).toBeNull();
      expect(ourVerdict(s, body, headers)).toBeNull();
    }
    expect(referenceVerdict(newSecret(), body, headers)).not.toBeNull();
  });

  it('the two agree on any body, id and key (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.stringMatching(/^msg_[A-Za-z0-9]{1,40}$/),
        fc.uint8Array({ minLength: 24, maxLength: 64 }),
        (payload, id, key) => {
          const secret = `whsec_${Buffer.from(key).toString('base64')}`;
          const ts = nowSeconds();
          const ours = signedHeaders(secret, id, ts, payload);
          expect(ours).toEqual(referenceSigned(secret, id, ts, payload));
          expect(referenceVerdict(secret, payload, ours)).toBeNull();
          expect(ourVerdict(secret, `${payload}x`, ours)).toBe('bad-signature');
          expect(referenceVerdict(secret, `${payload}x`, ours)).not.toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });
});
