import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { TwoFactorTable } from '../auth.tables.js';

export type TwoFactorRow = Selectable<TwoFactorTable>;

export function findTwoFactor(db: Db, userId: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('auth.two_factor').selectAll().where('user_id', '=', userId);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A new pending enrolment, replacing a pending one (never an enabled one: the caller checks). */
export async function savePendingSecret(db: Db, userId: string, secretEncrypted: string) {
  await db.deleteFrom('auth.two_factor').where('user_id', '=', userId).where('enabled_at', 'is', null).execute();
  await db.insertInto('auth.two_factor').values({ user_id: userId, secret_encrypted: secretEncrypted }).execute();
}

export function enable(db: Db, userId: string, step: number) {
  return db
    .updateTable('auth.two_factor')
    .set({ enabled_at: sql`now()`, last_used_step: step, updated_at: sql`now()` })
    .where('user_id', '=', userId)
    .execute();
}

export function setLastUsedStep(db: Db, userId: string, step: number) {
  return db
    .updateTable('auth.two_factor')
    .set({ last_used_step: step, updated_at: sql`now()` })
    .where('user_id', '=', userId)
    .execute();
}

/** Removes the enrolment and the recovery codes. True when there was an enabled enrolment. */
export async function remove(db: Db, userId: string): Promise<boolean> {
  await db.deleteFrom('auth.recovery_codes').where('user_id', '=', userId).execute();
  const removed = await db
    .deleteFrom('auth.two_factor')
    .where('user_id', '=', userId)
    .returning('enabled_at')
    .executeTakeFirst();
  return removed?.enabled_at != null;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]) {
  await db.deleteFrom('auth.recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('auth.recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Spends an unused recovery code; false when there is none with this hash. */
export async function useRecoveryCode(db: Db, userId: string, hash: string): Promise<boolean> {
  const row = await db
    .updateTable('auth.recovery_codes')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .returning('code_hash')
    .executeTakeFirst();
  return row !== undefined;
}

export function countUnusedRecoveryCodes(db: Db, userId: string) {
  return db
    .selectFrom('auth.recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Of the roles, those that require two-factor authentication. */
export async function rolesRequiringTwoFactor(db: Db, roles: string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('auth.roles')
    .select('name')
    .where('name', 'in', roles)
    .where('require_two_factor', '=', true)
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}
