import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com, spec v1): a message is signed with
 * HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`, the key being the base64 after the
 * `whsec_` prefix of the secret; `webhook-signature` carries `v1,<base64 signature>` (several,
 * space-separated, while a secret is rotated). Receivers refuse timestamps too far from their clock.
 */
export const TOLERANCE_SECONDS = 5 * 60;

const keyOf = (secret: string) => Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');

export function signature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers of a signed message. */
export function signedHeaders(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature(secret, id, timestamp, body),
  };
}

export type VerifyFailure = 'missing-headers' | 'stale-timestamp' | 'bad-signature';

/** Null when the message is authentic and fresh; else why not. */
export function verify(
  secret: string,
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = TOLERANCE_SECONDS,
): VerifyFailure | null {
  const { id, timestamp, signature: given } = headers;
  if (!id || !timestamp || !given || id.length > 200 || given.length > 2000) return 'missing-headers';
  if (!/^\d{1,12}$/.test(timestamp)) return 'stale-timestamp';
  const ts = Number(timestamp);
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return 'stale-timestamp';
  const expected = Buffer.from(signature(secret, id, ts, body).slice(3), 'base64');
  for (const candidate of given.split(' ')) {
    const [version, value] = candidate.split(',');
    if (version !== 'v1' || !value) continue;
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === expected.length && timingSafeEqual(bytes, expected)) return null;
  }
  return 'bad-signature';
}
