import type { Db } from '../../platform/db/database.js';

/** One user as an access review lists them (Compliance's evidence collectors). */
export interface AccessReviewEntry {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'inactive';
  roles: string[];
  /** Every permission their roles grant (`*` and `module:*` as granted, not expanded). */
  permissions: string[];
  lastSignInAt: string | null;
  createdAt: string;
}

/**
 * For other modules (Compliance's access review and privileged-accounts collectors): every user with
 * their roles, the permissions those roles grant and their last sign-in, ordered by email.
 */
export async function accessReview(db: Db): Promise<AccessReviewEntry[]> {
  const users = await db
    .selectFrom('auth.users')
    .select(['id', 'email', 'name', 'status', 'last_login_at', 'created_at'])
    .orderBy('email')
    .execute();
  const assignments = await db.selectFrom('auth.user_roles').select(['user_id', 'role']).orderBy('role').execute();
  const roles = await db.selectFrom('auth.roles').select(['name', 'permissions']).execute();
  const grants = new Map(roles.map((r) => [r.name, r.permissions]));
  const rolesOf = new Map<string, string[]>();
  for (const a of assignments) rolesOf.set(a.user_id, [...(rolesOf.get(a.user_id) ?? []), a.role]);
  return users.map((u) => {
    const userRoles = rolesOf.get(u.id) ?? [];
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      status: u.status,
      roles: userRoles,
      permissions: [...new Set(userRoles.flatMap((r) => grants.get(r) ?? []))].sort(),
      lastSignInAt: u.last_login_at?.toISOString() ?? null,
      createdAt: u.created_at.toISOString(),
    };
  });
}
