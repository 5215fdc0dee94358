import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../platform/db/database.js';
import {
  privacyRecord,
  type PrivacyErasure,
  type PrivacyHandlers,
  type PrivacyIdentity,
  type PrivacySection,
} from '../../platform/modules/privacy.js';
import * as repo from './auth.repository.js';
import './auth.tables.js';
import { cutUserTokens } from './token-cutoffs.js';

/**
 * Auth's part of privacy requests (Compliance, docs/adr/0025): the user account of an employee (HR's
 * `user_id`). Exported: the account, its roles, sign-ins and sessions (never a password hash, secret or
 * token). Erasure (an employee's request only) deactivates the account, ends its sessions and replaces
 * its name and email — unless it is the last active administrator or the requester's own account,
 * which the report lists as kept.
 */

/** The email of an erased account: unique, lower case, undeliverable (RFC 2606 `.invalid`). */
export const erasedUserEmail = (userId: string) => `erased-${userId.toLowerCase()}@erased.invalid`;

async function exportAuth(db: Db, identity: PrivacyIdentity): Promise<PrivacySection[]> {
  if (!identity.userId) return [];
  const user = await db
    .selectFrom('auth.users')
    .select(['id', 'email', 'name', 'status', 'last_login_at', 'must_change_password', 'created_at', 'updated_at'])
    .where('id', '=', identity.userId)
    .executeTakeFirst();
  if (!user) return [];
  const roles = (await repo.rolesOfUsers(db, [user.id])).get(user.id) ?? [];
  const twoFactor = await db
    .selectFrom('auth.two_factor')
    .select(['enabled_at'])
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  const sessions = await db
    .selectFrom('auth.refresh_tokens')
    .select([
      'family_id',
      sql<Date>`min(created_at)`.as('started_at'),
      sql<Date | null>`max(revoked_at)`.as('ended_at'),
    ])
    .where('user_id', '=', user.id)
    .groupBy('family_id')
    .orderBy('started_at')
    .execute();
  return [
    {
      key: 'auth.user',
      title: 'User account',
      records: [privacyRecord({ ...user, roles, twoFactorEnabledAt: twoFactor?.enabled_at ?? null })],
    },
    { key: 'auth.sessions', title: 'Sessions (sign-ins)', records: sessions.map(privacyRecord) },
  ];
}

async function eraseAuth(
  trx: Tx,
  identity: PrivacyIdentity,
  ctx: Parameters<PrivacyHandlers['erase']>[2],
): Promise<PrivacyErasure> {
  const out: PrivacyErasure = { anonymized: [], retained: [] };
  const userId = identity.userId;
  if (!userId) return out;
  if (!identity.employeeId) {
    out.retained.push({
      what: 'User account',
      count: 1,
      reason: 'A user account is erased only by a request about the employee it belongs to.',
    });
    return out;
  }
  if (ctx.actor?.userId === userId) {
    out.retained.push({ what: 'User account', count: 1, reason: 'It is the requester’s own account.' });
    return out;
  }
  await repo.lockAdministrators(trx);
  const user = await trx.selectFrom('auth.users').selectAll().where('id', '=', userId).forUpdate().executeTakeFirst();
  if (!user) return out;
  const roles = (await repo.rolesOfUsers(trx, [userId])).get(userId) ?? [];
  const admin = (await repo.permissionsOfRoles(trx, roles)).includes('*');
  if (admin && user.status === 'active' && (await repo.countOtherActiveAdministrators(trx, userId)) === 0) {
    out.retained.push({
      what: 'User account',
      count: 1,
      reason: 'It is the last active administrator: name another administrator, then request the erasure again.',
    });
    return out;
  }
  const email = erasedUserEmail(userId);
  if (user.email === email && user.status === 'inactive') {
    out.anonymized.push({ what: 'User account: deactivated, name and email replaced, sessions ended', count: 0 });
    return out;
  }
  await trx
    .updateTable('auth.users')
    .set({
      email,
      name: 'Erased user',
      status: 'inactive',
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', userId)
    .execute();
  await repo.revokeAllForUser(trx, userId, 'erased');
  await cutUserTokens(trx, userId);
  await trx.deleteFrom('auth.two_factor').where('user_id', '=', userId).execute();
  await trx.deleteFrom('auth.recovery_codes').where('user_id', '=', userId).execute();
  await trx.deleteFrom('auth.throttle').where('subject', 'in', [user.email, userId]).execute();
  await writeAudit(trx, ctx, {
    action: 'user.anonymized',
    entityType: 'auth.user',
    entityId: userId,
    before: { status: user.status },
    after: { status: 'inactive', anonymized: ['email', 'name'], sessions: 'ended', twoFactor: 'removed' },
  });
  out.anonymized.push({ what: 'User account: deactivated, name and email replaced, sessions ended', count: 1 });
  return out;
}

export const authPrivacy: PrivacyHandlers = { export: exportAuth, erase: eraseAuth };
