import type { Tx } from '../db/database.js';
import type { RequestContext } from '../http/app-env.js';

export interface AuditEntry {
  /** What happened, `<entity>.<verb>`: `user.created`, `invoice.issued`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Fields that never go into the audit log, whatever entity they belong to (exact names, any case). */
const SECRET_FIELD =
  /^(password|password_?hash|new_?password|current_?password|temporary_?password|secret|.*_secret|token|token_?hash|access_?token|refresh_?token)$/i;

function scrub(value: Record<string, unknown> | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, (key, v: unknown) => (key && SECRET_FIELD.test(key) ? '[redacted]' : v));
}

/**
 * Records a mutation in the same transaction as the mutation itself (so there is no change without
 * its record, and no record of a change that rolled back). Sealing into the hash chain happens after
 * commit, in commit order (see audit-sealer.ts).
 */
export async function writeAudit(trx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('platform.audit_log')
    .values({
      actor_id: ctx.actor?.userId ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: scrub(entry.before),
      after: scrub(entry.after),
      request_id: ctx.requestId,
    })
    .execute();
}
