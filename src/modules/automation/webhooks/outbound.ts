import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { DeliveredEvent } from '../../../platform/events/event-types.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { PageRequest } from '../../../platform/http/pagination.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { notify } from '../../../platform/notifications/notify.js';
import { usersHolding } from '../../auth/index.js';
import { deliverWebhook as deliverJob } from '../automation.module.js';
import { now } from '../engine/clock.js';
import { OutboundError, safeRequest } from '../http/safe-request.js';
import { checkDestination, RefusedDestination } from '../http/ssrf.js';
import { CredentialUnreadable, loadCredential } from '../vault/vault.service.js';
import '../vault/vault.tables.js';
import { signedHeaders } from './signature.js';

/**
 * Outbound webhooks (issue #17): endpoints subscribed to event types (or `*`), one delivery per event
 * per endpoint, signed per Standard Webhooks, sent by a job with exponential backoff, every attempt
 * logged; an endpoint that keeps failing for a day is disabled and the administrators are told.
 */
const ENTITY = 'automation.webhook-endpoint';

/** Tries of one delivery before it is `failed` (then only a manual replay sends it again). */
export const DELIVERY_MAX_ATTEMPTS = 8;
/** The delay after the nth failed try: 30 s × 4^(n−1), at most 10 hours (30 s, 2 min, 8 min, … ≈ 31 h in all). */
export const deliveryBackoffMs = (failedTries: number) => Math.min(30_000 * 4 ** (failedTries - 1), 10 * 3_600_000);
/** An endpoint is disabled after this many failed attempts in a row… */
export const DISABLE_AFTER_FAILURES = 10;
/** …the first of them at least this long ago. */
export const DISABLE_AFTER_MS = 24 * 3_600_000;
export const DELIVERY_TIMEOUT_MS = 15_000;
const RESPONSE_LOG_BYTES = 4096;

export interface EndpointDto {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  credentialId: string;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type EndpointRow = {
  id: string;
  name: string;
  url: string;
  event_types: string[];
  credential_id: string;
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  failing_since: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

const toEndpoint = (r: EndpointRow): EndpointDto => ({
  id: r.id,
  name: r.name,
  url: r.url,
  eventTypes: r.event_types,
  credentialId: r.credential_id,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  consecutiveFailures: r.consecutive_failures,
  failingSince: r.failing_since?.toISOString() ?? null,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

async function findEndpoint(db: Db, id: string, forUpdate = false): Promise<EndpointRow | undefined> {
  let q = db.selectFrom('automation.webhook_endpoints').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as EndpointRow | undefined;
}

/** The URL is http(s) and its host passes the SSRF guard now (it is checked again at every delivery). */
async function checkUrl(url: string, path = 'url'): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw errors.validation([{ path, message: 'Not a URL.', code: 'invalid' }]);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw errors.validation([{ path, message: 'An http or https URL.', code: 'invalid' }]);
  if (parsed.username || parsed.password)
    throw errors.validation([{ path, message: 'No user name or password in the URL.', code: 'invalid' }]);
  try {
    await checkDestination(parsed.hostname);
  } catch (error) {
    if (!(error instanceof RefusedDestination)) throw error;
    // A name that does not resolve (yet) is accepted: every delivery resolves and checks it again.
    if (error.kind === 'refused') throw errors.validation([{ path, message: error.message, code: 'refused-address' }]);
  }
}

async function checkCredential(db: Db, id: string): Promise<void> {
  const row = await db.selectFrom('automation.credentials').select('type').where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.invalidReference('credentialId', 'Credential', id);
  if (row.type !== 'hmac')
    throw errors.validation([
      {
        path: 'credentialId',
        message: 'An endpoint signs with an hmac credential (a whsec_ secret).',
        code: 'invalid',
      },
    ]);
}

export async function createEndpoint(
  db: Db,
  ctx: RequestContext,
  body: { name: string; url: string; eventTypes: string[]; credentialId: string },
): Promise<EndpointDto> {
  await checkUrl(body.url);
  return inTransaction(db, async (trx) => {
    await checkCredential(trx, body.credentialId);
    const row = (await trx
      .insertInto('automation.webhook_endpoints')
      .values({
        name: body.name,
        url: body.url,
        event_types: JSON.stringify([...new Set(body.eventTypes)]),
        credential_id: body.credentialId,
        created_by: ctx.actor?.userId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()) as EndpointRow;
    await writeAudit(trx, ctx, {
      action: 'webhook-endpoint.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { name: row.name, url: row.url, eventTypes: row.event_types, credentialId: row.credential_id },
    });
    return toEndpoint(row);
  });
}

export async function listEndpoints(db: Db): Promise<{ items: EndpointDto[] }> {
  const rows = await db
    .selectFrom('automation.webhook_endpoints')
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(1000)
    .execute();
  return { items: rows.map((r) => toEndpoint(r as EndpointRow)) };
}

export async function getEndpoint(db: Db, id: string): Promise<EndpointDto> {
  const row = await findEndpoint(db, id);
  if (!row) throw errors.notFound('Webhook endpoint', id);
  return toEndpoint(row);
}

/** Changes an endpoint; enabling it again clears its failure count. */
export async function updateEndpoint(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: {
    version: number;
    name?: string | undefined;
    url?: string | undefined;
    eventTypes?: string[] | undefined;
    credentialId?: string | undefined;
    enabled?: boolean | undefined;
  },
): Promise<EndpointDto> {
  if (body.url !== undefined) await checkUrl(body.url);
  return inTransaction(db, async (trx) => {
    const before = await findEndpoint(trx, id, true);
    if (!before) throw errors.notFound('Webhook endpoint', id);
    assertVersion('Webhook endpoint', before, body.version);
    if (body.credentialId !== undefined) await checkCredential(trx, body.credentialId);
    const enabling = body.enabled === true && !before.enabled;
    const after = (await trx
      .updateTable('automation.webhook_endpoints')
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.url !== undefined ? { url: body.url } : {}),
        ...(body.eventTypes !== undefined ? { event_types: JSON.stringify([...new Set(body.eventTypes)]) } : {}),
        ...(body.credentialId !== undefined ? { credential_id: body.credentialId } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        ...(enabling ? { disabled_reason: null, consecutive_failures: 0, failing_since: null } : {}),
        ...(body.enabled === false && before.enabled ? { disabled_reason: 'Disabled by a person.' } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()) as EndpointRow;
    await writeAudit(trx, ctx, {
      action: 'webhook-endpoint.updated',
      entityType: ENTITY,
      entityId: id,
      before: { name: before.name, url: before.url, eventTypes: before.event_types, enabled: before.enabled },
      after: { name: after.name, url: after.url, eventTypes: after.event_types, enabled: after.enabled },
    });
    return toEndpoint(after);
  });
}

export async function deleteEndpoint(db: Db, ctx: RequestContext, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await findEndpoint(trx, id, true);
    if (!before) throw errors.notFound('Webhook endpoint', id);
    await trx.deleteFrom('automation.webhook_endpoints').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'webhook-endpoint.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { name: before.name, url: before.url, eventTypes: before.event_types },
    });
  });
}

/**
 * From the catch-all event subscriber, in the delivery's transaction: one delivery (and one job) per
 * enabled endpoint subscribed to the event's type or to `*`. A second delivery of the event adds none.
 */
export async function enqueueWebhookDeliveries(trx: Tx, event: DeliveredEvent): Promise<number> {
  const endpoints = await trx
    .selectFrom('automation.webhook_endpoints')
    .select('id')
    .where('enabled', '=', true)
    .where((eb) =>
      eb.or([
        eb(sql`event_types`, '@>', sql`${JSON.stringify([event.type])}::jsonb`),
        eb(sql`event_types`, '@>', sql`'["*"]'::jsonb`),
      ]),
    )
    .execute();
  if (endpoints.length === 0) return 0;
  const body = JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: event.payload ?? null,
  });
  let queued = 0;
  for (const e of endpoints) {
    const inserted = await trx
      .insertInto('automation.webhook_deliveries')
      .values({
        endpoint_id: e.id,
        message_id: `msg_${crypto.randomUUID().replaceAll('-', '')}`,
        event_id: event.id,
        event_type: event.type,
        body,
        next_attempt_at: now(),
      })
      .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).where('event_id', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    await enqueueJob(trx, { type: deliverJob, payload: { deliveryId: inserted.id }, createdBy: null });
    queued++;
  }
  return queued;
}

export type DeliveryOutcome = 'succeeded' | 'retry' | 'failed' | 'skipped';

/**
 * Sends one attempt of a delivery (the job's handler). The attempt is claimed in a short transaction,
 * the request runs outside any transaction, and its result (the log row, the delivery's state, the
 * endpoint's failure count, the next try's job) is written in a second one.
 */
export async function deliverWebhook(db: Db, deliveryId: string): Promise<DeliveryOutcome> {
  const claimed = await db.transaction().execute(async (trx) => {
    const d = await trx
      .selectFrom('automation.webhook_deliveries')
      .selectAll()
      .where('id', '=', deliveryId)
      .forUpdate()
      .executeTakeFirst();
    if (!d || d.status !== 'pending') return null;
    const endpoint = await findEndpoint(trx, d.endpoint_id);
    if (!endpoint) return null;
    if (!endpoint.enabled) {
      await trx
        .updateTable('automation.webhook_deliveries')
        .set({
          status: 'failed',
          last_error: 'The endpoint is disabled.',
          finished_at: now(),
          updated_at: now(),
          next_attempt_at: null,
        })
        .where('id', '=', d.id)
        .execute();
      return null;
    }
    await trx
      .updateTable('automation.webhook_deliveries')
      .set({ attempts: d.attempts + 1, updated_at: now() })
      .where('id', '=', d.id)
      .execute();
    return { delivery: d, endpoint, attempt: d.attempts + 1 };
  });
  if (!claimed) return 'skipped';
  const { delivery, endpoint, attempt } = claimed;

  let unreadable: string | null = null;
  let credential: Awaited<ReturnType<typeof loadCredential>> = null;
  try {
    credential = await loadCredential(db, endpoint.credential_id);
  } catch (e) {
    if (!(e instanceof CredentialUnreadable)) throw e;
    unreadable = e.message;
  }
  const timestamp = Math.floor(now().getTime() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'MOMS-Webhooks/1',
    ...(credential?.secret.type === 'hmac' && credential.secret.secret
      ? signedHeaders(credential.secret.secret, delivery.message_id, timestamp, delivery.body)
      : { 'webhook-id': delivery.message_id, 'webhook-timestamp': String(timestamp) }),
  };
  const started = Date.now();
  let status: number | null = null;
  let responseBody: string | null = null;
  let error: string | null = null;
  if (!credential || credential.secret.type !== 'hmac')
    error = unreadable ?? 'The endpoint has no hmac credential to sign with.';
  else {
    try {
      const res = await safeRequest({
        method: 'POST',
        url: endpoint.url,
        headers,
        body: delivery.body,
        timeoutMs: DELIVERY_TIMEOUT_MS,
        maxBytes: 64 * 1024,
        maxRedirects: 0,
      });
      status = res.status;
      responseBody = res.body.subarray(0, RESPONSE_LOG_BYTES).toString('utf8');
      if (status < 200 || status >= 300) error = `The endpoint answered ${status}.`;
    } catch (e) {
      if (!(e instanceof OutboundError)) throw e;
      error = e.message;
    }
  }
  const durationMs = Date.now() - started;
  const ok = error === null;

  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('automation.webhook_attempts')
      .values({
        delivery_id: delivery.id,
        attempt,
        url: endpoint.url,
        request_headers: JSON.stringify(headers),
        response_status: status,
        response_body: responseBody,
        duration_ms: durationMs,
        error,
        attempted_at: now(),
      })
      .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing())
      .execute();
    const ep = await findEndpoint(trx, endpoint.id, true);
    if (ok) {
      await trx
        .updateTable('automation.webhook_deliveries')
        .set({
          status: 'succeeded',
          last_status: status,
          last_error: null,
          next_attempt_at: null,
          finished_at: now(),
          updated_at: now(),
        })
        .where('id', '=', delivery.id)
        .execute();
      if (ep && (ep.consecutive_failures > 0 || ep.failing_since))
        await trx
          .updateTable('automation.webhook_endpoints')
          .set({ consecutive_failures: 0, failing_since: null })
          .where('id', '=', ep.id)
          .execute();
      return 'succeeded';
    }
    // A failed attempt: counted on the endpoint; a day of failures in a row disables it.
    let disabled = false;
    if (ep) {
      const failures = ep.consecutive_failures + 1;
      const since = ep.failing_since ?? now();
      disabled =
        ep.enabled && failures >= DISABLE_AFTER_FAILURES && now().getTime() - since.getTime() >= DISABLE_AFTER_MS;
      const reason = `Disabled after ${failures} failed deliveries in a row since ${since.toISOString()}.`;
      await trx
        .updateTable('automation.webhook_endpoints')
        .set({
          consecutive_failures: failures,
          failing_since: since,
          ...(disabled ? { enabled: false, disabled_reason: reason, version: ep.version + 1, updated_at: now() } : {}),
        })
        .where('id', '=', ep.id)
        .execute();
      if (disabled) {
        const admins = await usersHolding(trx, ['automation:admin']);
        await notify(
          trx,
          admins.map((a) => a.id),
          {
            kind: 'automation.webhook-disabled',
            title: `Webhook endpoint disabled: ${ep.name}`,
            body: `${reason} Last error: ${error}`,
            link: `/automation/webhooks/${ep.id}`,
            dedupeKey: `webhook-disabled:${ep.id}:${since.toISOString()}`,
          },
        );
        await writeAudit(
          trx,
          { actor: null, requestId: `webhook-delivery:${delivery.id}` },
          {
            action: 'webhook-endpoint.disabled',
            entityType: ENTITY,
            entityId: ep.id,
            before: { enabled: true },
            after: { enabled: false, disabledReason: reason },
          },
        );
      }
    }
    const last = disabled || attempt >= DELIVERY_MAX_ATTEMPTS;
    const nextAt = last ? null : new Date(now().getTime() + deliveryBackoffMs(attempt));
    await trx
      .updateTable('automation.webhook_deliveries')
      .set({
        status: last ? 'failed' : 'pending',
        last_status: status,
        last_error: error,
        next_attempt_at: nextAt,
        ...(last ? { finished_at: now() } : {}),
        updated_at: now(),
      })
      .where('id', '=', delivery.id)
      .execute();
    if (nextAt)
      await enqueueJob(trx, { type: deliverJob, payload: { deliveryId: delivery.id }, createdBy: null, runAt: nextAt });
    return last ? 'failed' : 'retry';
  });
}

/** Sends a delivery again (same `webhook-id`, a new signature and attempt); its endpoint must be enabled. */
export async function replayDelivery(db: Db, ctx: RequestContext, id: string) {
  return inTransaction(db, async (trx) => {
    const d = await trx
      .selectFrom('automation.webhook_deliveries')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!d) throw errors.notFound('Webhook delivery', id);
    const ep = await findEndpoint(trx, d.endpoint_id);
    if (!ep?.enabled) throw errors.conflict('The endpoint is disabled: enable it before replaying its deliveries.');
    if (d.status === 'pending') throw errors.conflict('The delivery is still being tried.');
    await trx
      .updateTable('automation.webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: now(), finished_at: null, updated_at: now() })
      .where('id', '=', id)
      .execute();
    await enqueueJob(trx, { type: deliverJob, payload: { deliveryId: id }, createdBy: ctx.actor?.userId ?? null });
    await writeAudit(trx, ctx, {
      action: 'webhook-delivery.replayed',
      entityType: 'automation.webhook-delivery',
      entityId: id,
      before: { status: d.status },
      after: { status: 'pending' },
    });
    return getDelivery(trx, id);
  });
}

export interface DeliveryDto {
  id: string;
  endpointId: string;
  messageId: string;
  eventId: string | null;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

type DeliveryRow = {
  id: string;
  endpoint_id: string;
  message_id: string;
  event_id: string | null;
  event_type: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  finished_at: Date | null;
};

const toDelivery = (d: DeliveryRow): DeliveryDto => ({
  id: d.id,
  endpointId: d.endpoint_id,
  messageId: d.message_id,
  eventId: d.event_id,
  eventType: d.event_type,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.next_attempt_at?.toISOString() ?? null,
  lastStatus: d.last_status,
  lastError: d.last_error,
  createdAt: d.created_at.toISOString(),
  finishedAt: d.finished_at?.toISOString() ?? null,
});

const DELIVERY_COLUMNS = [
  'id',
  'endpoint_id',
  'message_id',
  'event_id',
  'event_type',
  'status',
  'attempts',
  'next_attempt_at',
  'last_status',
  'last_error',
  'created_at',
  'finished_at',
] as const;

export async function listDeliveries(
  db: Db,
  endpointId: string,
  page: PageRequest & { status?: 'pending' | 'succeeded' | 'failed' | undefined },
) {
  if (!(await findEndpoint(db, endpointId))) throw errors.notFound('Webhook endpoint', endpointId);
  let q = db.selectFrom('automation.webhook_deliveries').select(DELIVERY_COLUMNS).where('endpoint_id', '=', endpointId);
  if (page.status) q = q.where('status', '=', page.status);
  const result = await paginate(q, page, { sort: { createdAt: 'created_at' }, id: 'id', idKey: 'id' });
  return { items: result.items.map((d) => toDelivery(d as DeliveryRow)), nextCursor: result.nextCursor };
}

/** A delivery with its body and every attempt (request headers, response status and body truncated, duration). */
export async function getDelivery(db: Db, id: string) {
  const d = await db.selectFrom('automation.webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw errors.notFound('Webhook delivery', id);
  const attempts = await db
    .selectFrom('automation.webhook_attempts')
    .selectAll()
    .where('delivery_id', '=', id)
    .orderBy('attempt')
    .execute();
  return {
    ...toDelivery(d as DeliveryRow),
    body: d.body,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      url: a.url,
      requestHeaders: a.request_headers,
      responseStatus: a.response_status,
      responseBody: a.response_body,
      durationMs: a.duration_ms,
      error: a.error,
      attemptedAt: a.attempted_at.toISOString(),
    })),
  };
}
