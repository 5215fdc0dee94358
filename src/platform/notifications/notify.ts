import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/database.js';

/** What a person is told in the app (the bell). */
export interface Notification {
  /** `module.what`, e.g. `hr.leave-approval-requested`, `projects.mention`, `jobs.finished`. */
  kind: string;
  title: string;
  body?: string | undefined;
  /** Where the notification leads in the web app: a path such as `/hr/approvals`. */
  link?: string | undefined;
  /**
   * Tells each person once per key (a redelivered event, a retried job): e.g. `leave:{id}:submitted`.
   * Without it every call adds a row.
   */
  dedupeKey?: string | undefined;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Tells `userIds` in the app, inside the caller's transaction: the notification exists only if the
 * change it tells about commits. Duplicated user ids are told once; with a `dedupeKey`, a second call
 * for the same person and key adds nothing. Returns how many were written.
 */
export async function notify(trx: Tx, userIds: readonly string[], n: Notification): Promise<number> {
  const users = [...new Set(userIds)];
  if (users.length === 0) return 0;
  const rows = users.map((userId) => ({
    id: randomUUID(),
    user_id: userId,
    kind: n.kind,
    title: clip(n.title, 300),
    body: n.body === undefined ? null : clip(n.body, 2000),
    link: n.link ?? null,
    dedupe_key: n.dedupeKey ?? null,
  }));
  const result = await trx
    .insertInto('platform.notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).where(sql.ref('dedupe_key'), 'is not', null).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
