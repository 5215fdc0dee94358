import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import { AppError } from '../errors/app-error.js';
import type { AppEnv } from '../http/app-env.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Values shown once (a generated password, tokens) are not kept for replays. */
const SHOWN_ONCE = /^(temporaryPassword|accessToken|refreshToken)$/;
function scrubSecrets(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), (k, v: unknown) => (SHOWN_ONCE.test(k) ? '[not replayed]' : v));
  } catch {
    return body;
  }
}
const KEY_PATTERN = /^[A-Za-z0-9_\-.:]{8,128}$/;
const TTL_HOURS = 24;

const keyReused = () =>
  new AppError('idempotency-key-reused', 422, 'Idempotency key reused', {
    detail: 'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
  });
const keyInProgress = () =>
  new AppError('idempotency-key-in-progress', 409, 'Request in progress', {
    detail: 'A request with this Idempotency-Key is still being processed. Retry shortly.',
    headers: { 'Retry-After': '1' },
  });
const keyInvalid = () =>
  new AppError('bad-request', 400, 'Bad request', {
    detail: 'Idempotency-Key must be 8–128 characters of letters, digits, "-", "_", "." or ":".',
  });

/**
 * `Idempotency-Key` on POST: the first request runs and its 2xx response is stored for 24 h; a retry
 * with the same key and the same body gets the stored response (header `Idempotent-Replayed: true`)
 * and runs nothing; the same key with another body is a 422; while the first is still running a
 * retry gets a 409. Keys are scoped per caller. A failed (non-2xx) request releases its key, since it
 * wrote nothing. If the process dies after the work committed but before the response was stored,
 * the key stays "in progress" until it expires: a retry is refused rather than run twice.
 */
export function idempotency(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    // Sign-in and token refresh have no caller to scope a key to, and replaying them makes no sense.
    if (c.req.method !== 'POST' || key === undefined || !c.get('actor')) return next();
    if (!KEY_PATTERN.test(key)) throw keyInvalid();

    const db = c.get('db');
    const actorId = c.get('actor')!.userId;
    const body = await c.req.text();
    const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${body}`).digest('hex');

    const claimed = await db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('platform.idempotency_keys')
        .where('actor_id', '=', actorId)
        .where('key', '=', key)
        .where('expires_at', '<', sql<Date>`now()`)
        .execute();
      const inserted = await trx
        .insertInto('platform.idempotency_keys')
        .values({
          actor_id: actorId,
          key,
          method: c.req.method,
          path: c.req.path,
          request_hash: requestHash,
          state: 'in_progress',
          response_status: null,
          response_headers: null,
          response_body: null,
          expires_at: sql<Date>`now() + make_interval(hours => ${TTL_HOURS})`,
        })
        .onConflict((oc) => oc.columns(['actor_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (inserted) return null;
      const existing = await trx
        .selectFrom('platform.idempotency_keys')
        .selectAll()
        .where('actor_id', '=', actorId)
        .where('key', '=', key)
        .executeTakeFirst();
      // The holder failed and released the key between our insert and this read: retrying will claim it.
      return existing ?? 'released';
    });

    if (claimed === 'released') throw keyInProgress();
    if (claimed) {
      if (claimed.request_hash !== requestHash) throw keyReused();
      if (claimed.state !== 'completed') throw keyInProgress();
      return new Response(claimed.response_body, {
        status: claimed.response_status ?? 200,
        headers: { ...claimed.response_headers, 'idempotent-replayed': 'true' },
      });
    }

    const release = () =>
      db.deleteFrom('platform.idempotency_keys').where('actor_id', '=', actorId).where('key', '=', key).execute();
    try {
      await next();
    } catch (error) {
      await release();
      throw error;
    }
    const res = c.res;
    if (res.status >= 200 && res.status < 300) {
      const headers: Record<string, string> = {};
      const type = res.headers.get('content-type');
      if (type) headers['content-type'] = type;
      const location = res.headers.get('location');
      if (location) headers['location'] = location;
      await db
        .updateTable('platform.idempotency_keys')
        .set({
          state: 'completed',
          response_status: res.status,
          response_headers: JSON.stringify(headers),
          response_body: scrubSecrets(await res.clone().text()),
        })
        .where('actor_id', '=', actorId)
        .where('key', '=', key)
        .execute();
    } else {
      await release();
    }
  };
}
