import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { usersHolding, type PermissionHolder } from '../auth/index.js';

/**
 * Who decides an employee's request (issue #25): the first manager up the line — the direct manager,
 * then theirs, and so on — who is an active employee with an active user account holding
 * `hr:approve` (or `hr:admin`). When nobody up the line can act, HR does: every `hr:admin` holder.
 * So a request never waits for a manager who cannot sign in. `hr:admin` holders may decide any
 * request in any case.
 */
export const APPROVER_PERMISSIONS = ['hr:approve', 'hr:admin'] as const;

/** How far up a line is followed (a guard; managers form a tree, never a loop). */
const MAX_DEPTH = 64;

/** The users who may approve (their ids go into `approverOf`). */
export function approverUsers(db: Db): Promise<PermissionHolder[]> {
  return usersHolding(db, APPROVER_PERMISSIONS);
}

export async function approverUserIds(db: Db): Promise<string[]> {
  return (await approverUsers(db)).map((h) => h.id);
}

/**
 * SQL: the employee id of the approver of the employee in `employeeColumn`, or NULL for HR.
 * `approverUserIds` are the users who may approve (`approverUsers`).
 */
export function approverOf(employeeColumn: string, approverUserIds: readonly string[]): RawBuilder<string | null> {
  if (approverUserIds.length === 0) return sql<string | null>`null::uuid`;
  return sql<string | null>`(with recursive up(id, depth) as (
      select s.manager_id, 1 from hr.employees s where s.id = ${sql.ref(employeeColumn)} and s.manager_id is not null
      union all
      select m.manager_id, up.depth + 1 from up join hr.employees m on m.id = up.id
      where m.manager_id is not null and up.depth < ${MAX_DEPTH}
    )
    select up.id from up join hr.employees a on a.id = up.id
    where a.status = 'active' and a.user_id = any(${sql.val([...approverUserIds])}::uuid[])
    order by up.depth limit 1)`;
}

export type Approver =
  | { kind: 'manager'; employeeId: string; name: string; user: PermissionHolder }
  | { kind: 'hr'; users: PermissionHolder[] };

/** The approver of one employee's requests now, with whom to notify. */
export async function resolveApprover(db: Db, employeeId: string): Promise<Approver> {
  const holders = await approverUsers(db);
  const row = await db
    .selectFrom('hr.employees as e')
    .select(
      approverOf(
        'e.id',
        holders.map((h) => h.id),
      ).as('approver_id'),
    )
    .where('e.id', '=', employeeId)
    .executeTakeFirst();
  const approverId = row?.approver_id ?? null;
  if (approverId) {
    const approver = await db
      .selectFrom('hr.employees')
      .select(['id', 'first_name', 'last_name', 'user_id'])
      .where('id', '=', approverId)
      .executeTakeFirstOrThrow();
    const user = holders.find((h) => h.id === approver.user_id);
    if (user)
      return { kind: 'manager', employeeId: approver.id, name: `${approver.first_name} ${approver.last_name}`, user };
  }
  const hrAdmins = await usersHolding(db, ['hr:admin']);
  return { kind: 'hr', users: hrAdmins };
}
