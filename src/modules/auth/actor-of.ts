import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { findUserById, permissionsOfRoles, rolesOfUsers } from './auth.repository.js';

/**
 * For other modules that act on a user's behalf without a request (Automation's run-as user): the
 * user as an actor with their current roles and permissions, or null when they are not an active user.
 */
export async function actorOf(db: Db, userId: string): Promise<Actor | null> {
  const user = await findUserById(db, userId);
  if (!user || user.status !== 'active') return null;
  const roles = (await rolesOfUsers(db, [userId])).get(userId) ?? [];
  return { userId, email: user.email, roles, permissions: await permissionsOfRoles(db, roles) };
}

/** For other modules (approvals assigned to a role): the active users who hold the role. */
export async function activeUsersInRole(db: Db, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom('auth.user_roles as ur')
    .innerJoin('auth.users as u', 'u.id', 'ur.user_id')
    .select('u.id')
    .where('ur.role', '=', role)
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}
