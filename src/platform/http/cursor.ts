import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { errors } from '../errors/app-error.js';

/**
 * Page cursors are opaque to callers and signed by the server: `<payload>.<tag>`, the payload
 * base64url JSON, the tag an HMAC-SHA-256 (128 bits) of it. A cursor is untrusted input that ends up
 * in SQL (a keyset bound of the sort column's type), so only cursors this deployment made are
 * accepted: a crafted or altered one is a 400 before any query runs, whatever its values' types
 * (docs/adr/0011-untrusted-input-at-the-edge.md).
 *
 * The key is derived (HKDF) from the deployment's token-signing secret, which every API function
 * already loads, so containers agree on it and nothing new needs provisioning. Until an app installs
 * it (`useCursorSecret`), a random per-process key signs: right for tests and scripts that page
 * within one process.
 */
const TAG_BYTES = 16;
let secretSource: (() => Promise<Uint8Array>) | undefined;
let key: Promise<Buffer> | undefined;

/** Installs where the deployment's secret comes from (done by `createApp`). */
export function useCursorSecret(source: () => Promise<Uint8Array>): void {
  secretSource = source;
  key = undefined;
}

function cursorKey(): Promise<Buffer> {
  if (!key) {
    const source = secretSource;
    const loading = (source ? source() : Promise.resolve(randomBytes(32))).then((secret) =>
      Buffer.from(hkdfSync('sha256', secret, 'moms', 'moms page cursor v1', 32)),
    );
    loading.catch(() => {
      if (key === loading) key = undefined; // the next page request tries again
    });
    key = loading;
  }
  return key;
}

const tag = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(payload).digest().subarray(0, TAG_BYTES);

const invalid = () => errors.badRequest('The cursor is not valid; use the nextCursor of the previous page.');

/** Signs a cursor's contents. */
export async function sealCursor(contents: Record<string, unknown>): Promise<string> {
  const payload = Buffer.from(JSON.stringify(contents)).toString('base64url');
  return `${payload}.${tag(await cursorKey(), payload).toString('base64url')}`;
}

/** The contents of a cursor this deployment signed; anything else is a 400. */
export async function openCursor(raw: string): Promise<Record<string, unknown>> {
  const [payload, signature, ...rest] = raw.split('.');
  if (!payload || !signature || rest.length > 0) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const expected = tag(await cursorKey(), payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  try {
    const contents: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (contents !== null && typeof contents === 'object' && !Array.isArray(contents))
      return contents as Record<string, unknown>;
  } catch {
    // falls through: signed by us, yet not ours (an older format)
  }
  throw invalid();
}
