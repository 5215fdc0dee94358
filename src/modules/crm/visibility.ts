import { sql, type Expression, type SqlBool } from 'kysely';
import { hasPermission } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { activeUserIds } from '../auth/index.js';
import { crmErrors } from './crm.errors.js';

/**
 * Who sees which CRM records. Every record has an owner. `crm:admin` sees everything; anyone else
 * sees the records they own plus those owned by members of the teams they manage (crm.team_members
 * with is_manager). Visible = editable. Enforced in the queries, so lists filter and gets 404.
 */
export interface CrmScope {
  userId: string;
  all: boolean;
}

export function scopeOf(ctx: RequestContext): CrmScope {
  const actor = ctx.actor;
  if (!actor) throw new Error('CRM services need an actor');
  return { userId: actor.userId, all: hasPermission(actor, 'crm:admin') };
}

/** `ownerColumn` is visible to the scope (use in `where`). */
export function visibleTo(scope: CrmScope, ownerColumn: string): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  const owner = sql.ref(ownerColumn);
  return sql<SqlBool>`(${owner} = ${scope.userId} or ${owner} in (
    select m.user_id from crm.team_members m
    join crm.team_members mgr on mgr.team_id = m.team_id
    where mgr.user_id = ${scope.userId} and mgr.is_manager))`;
}

/**
 * May the scope give records to `ownerId`? Admins: any active user; others: themselves or the active
 * members of the teams they manage. 422 on `path` otherwise.
 */
export async function assertAssignable(db: Db, scope: CrmScope, ownerId: string, path = 'ownerId'): Promise<void> {
  if (ownerId === scope.userId) return;
  if (!scope.all) await assertInManagedTeam(db, scope, ownerId, path);
  await assertActiveUsers(db, [{ userId: ownerId, path }]);
}

/** Each user id is an active MOMS user (422 on its path otherwise). */
export async function assertActiveUsers(db: Db, users: { userId: string; path: string }[]): Promise<void> {
  const active = await activeUserIds(
    db,
    users.map((u) => u.userId),
  );
  const inactive = users.filter((u) => !active.has(u.userId));
  if (inactive.length > 0) throw crmErrors.notAnActiveUser(inactive);
}

async function assertInManagedTeam(db: Db, scope: CrmScope, ownerId: string, path: string) {
  const row = await db
    .selectFrom('crm.team_members as m')
    .innerJoin('crm.team_members as mgr', 'mgr.team_id', 'm.team_id')
    .select('m.user_id')
    .where('m.user_id', '=', ownerId)
    .where('mgr.user_id', '=', scope.userId)
    .where('mgr.is_manager', '=', true)
    .executeTakeFirst();
  if (!row) throw crmErrors.ownerNotAssignable(path, ownerId);
}
