import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { hasPermission, type Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import type { ShareObject } from '../analytics.tables.js';
import type { ShareT } from './library.schemas.js';

/**
 * Who sees a saved question or dashboard: its owner, `analytics:admin`, and whoever it is shared
 * with (their user, or one of their roles). Only the owner and `analytics:admin` change it. Seeing
 * a question never widens its rows: each run applies the runner's own visibility in the dataset.
 */
export const isAdmin = (actor: Actor) => hasPermission(actor, 'analytics:admin');
export const mayEdit = (actor: Actor, ownerId: string) => ownerId === actor.userId || isAdmin(actor);

/** `<alias>.id` is visible to the actor (use in `where`). */
export function visibleTo(actor: Actor, type: ShareObject, alias: string): RawBuilder<SqlBool> {
  if (isAdmin(actor)) return sql<SqlBool>`true`;
  const id = sql.ref(`${alias}.id`);
  const owner = sql.ref(`${alias}.owner_id`);
  const roles =
    actor.roles.length > 0 ? sql`or (s.grantee_type = 'role' and s.grantee in (${sql.join(actor.roles)}))` : sql``;
  return sql<SqlBool>`(${owner} = ${actor.userId} or exists (
    select 1 from analytics.shares s where s.object_type = ${type} and s.object_id = ${id}
      and ((s.grantee_type = 'user' and s.grantee = ${actor.userId}) ${roles})))`;
}

export async function sharesOf(db: Db, type: ShareObject, ids: string[]): Promise<Map<string, ShareT[]>> {
  const out = new Map<string, ShareT[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('analytics.shares')
    .selectAll()
    .where('object_type', '=', type)
    .where('object_id', 'in', ids)
    .orderBy('grantee_type')
    .orderBy('grantee')
    .execute();
  for (const r of rows)
    out
      .get(r.object_id)!
      .push(r.grantee_type === 'user' ? { type: 'user', userId: r.grantee } : { type: 'role', role: r.grantee });
  return out;
}

/** Replaces the object's shares (inside the caller's transaction). */
export async function replaceShares(trx: Db, type: ShareObject, id: string, shares: readonly ShareT[]): Promise<void> {
  await trx.deleteFrom('analytics.shares').where('object_type', '=', type).where('object_id', '=', id).execute();
  const unique = new Map(
    shares.map((s) => {
      const grantee = s.type === 'user' ? s.userId : s.role;
      return [`${s.type}:${grantee}`, { object_type: type, object_id: id, grantee_type: s.type, grantee }] as const;
    }),
  );
  if (unique.size > 0)
    await trx
      .insertInto('analytics.shares')
      .values([...unique.values()])
      .execute();
}
