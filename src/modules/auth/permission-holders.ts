import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export interface PermissionHolder {
  id: string;
  name: string;
  email: string;
}

/**
 * For other modules (approvals, notifications): the active users whose roles grant at least one of
 * `permissions` — directly, through the module's wildcard (`hr:*`) or through `*` — by name.
 */
export async function usersHolding(db: Db, permissions: readonly string[]): Promise<PermissionHolder[]> {
  if (permissions.length === 0) return [];
  const granting = [...new Set(['*', ...permissions.flatMap((p) => [p, `${p.split(':')[0]}:*`])])];
  return db
    .selectFrom('auth.users as u')
    .select(['u.id', 'u.name', 'u.email'])
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('auth.user_roles as ur')
          .innerJoin('auth.roles as r', 'r.name', 'ur.role')
          .select(sql<number>`1`.as('one'))
          .whereRef('ur.user_id', '=', 'u.id')
          .where(sql<boolean>`r.permissions && ${sql.val(granting)}::text[]`),
      ),
    )
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}
