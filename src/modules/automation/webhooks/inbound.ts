import type { Db } from '../../../platform/db/database.js';
import { AppError, errors } from '../../../platform/errors/app-error.js';
import { now } from '../engine/clock.js';
import { startExecution } from '../engine/engine.js';
import { FlowDefinition } from '../flows/definition.js';
import { CredentialUnreadable, loadCredential } from '../vault/vault.service.js';
import { verify } from './signature.js';

/** The largest inbound webhook body (bytes). */
export const INBOUND_MAX_BYTES = 256 * 1024;

const unauthorized = (detail: string) =>
  new AppError('webhook-signature-invalid', 401, 'Webhook not authenticated', { detail });

export interface InboundResult {
  executionId: string;
  /** True when this `webhook-id` was received before: nothing new started (a sender's retry is answered 200). */
  duplicate: boolean;
}

/**
 * An inbound webhook for a flow with a `webhook` trigger (no user token: the Standard Webhooks
 * signature with the flow's hmac credential authenticates it). Refused (401) without valid headers, with
 * a timestamp more than 5 minutes from our clock, or with a wrong signature; 404 when the flow is not
 * a published, enabled webhook flow. The `webhook-id` is the execution's trigger key, unique per flow:
 * a replayed id starts nothing and returns the first run (200).
 */
export async function receiveWebhook(
  db: Db,
  flowId: string,
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
): Promise<InboundResult> {
  const flow = await db
    .selectFrom('automation.flows as f')
    .innerJoin('automation.flow_versions as v', (j) =>
      j.onRef('v.flow_id', '=', 'f.id').onRef('v.version', '=', 'f.published_version'),
    )
    .select(['f.id', 'f.run_as_user_id', 'f.enabled', 'v.version', 'v.definition'])
    .where('f.id', '=', flowId)
    .executeTakeFirst();
  const definition = flow ? FlowDefinition.safeParse(flow.definition) : undefined;
  if (!flow || !flow.enabled || !definition?.success || definition.data.trigger.kind !== 'webhook')
    throw errors.notFound('Webhook flow', flowId);
  const credential = await loadCredential(db, definition.data.trigger.credentialId).catch((error: unknown) => {
    if (error instanceof CredentialUnreadable) throw unauthorized(error.message);
    throw error;
  });
  if (!credential || credential.secret.type !== 'hmac' || !credential.secret.secret)
    throw unauthorized("The flow's signing credential is missing; no request can be verified.");
  const failure = verify(credential.secret.secret, headers, rawBody, Math.floor(now().getTime() / 1000));
  if (failure === 'missing-headers')
    throw unauthorized('Send webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks).');
  if (failure === 'stale-timestamp') throw unauthorized('The webhook-timestamp is more than 5 minutes from now.');
  if (failure === 'bad-signature') throw unauthorized('The webhook-signature does not match.');
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    throw errors.malformedJson();
  }
  const webhookId = headers.id!;
  const triggerKey = `webhook:${webhookId}`;
  const started = await db.transaction().execute((trx) =>
    startExecution(trx, {
      flowId: flow.id,
      version: flow.version,
      definition: definition.data,
      runAsUserId: flow.run_as_user_id,
      trigger: { type: 'webhook', webhookId, payload, receivedAt: now().toISOString() },
      triggerKey,
      startedBy: null,
    }),
  );
  if (started) return { executionId: started, duplicate: false };
  const first = await db
    .selectFrom('automation.executions')
    .select('id')
    .where('flow_id', '=', flow.id)
    .where('trigger_key', '=', triggerKey)
    .executeTakeFirstOrThrow();
  return { executionId: first.id, duplicate: true };
}
