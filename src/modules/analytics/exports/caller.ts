import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { activeUserIds, permissionsOfRoles, rolesOfUsers } from '../../auth/index.js';

/**
 * The user as they are now (active, with their current roles' permissions), or null when they are
 * no longer active: background work (exports) acts with today's visibility, never the one the user
 * had when they asked.
 */
export async function currentActor(db: Db, userId: string): Promise<Actor | null> {
  if (!(await activeUserIds(db, [userId])).has(userId)) return null;
  const roles = (await rolesOfUsers(db, [userId])).get(userId) ?? [];
  return { userId, email: '', roles, permissions: await permissionsOfRoles(db, roles) };
}
