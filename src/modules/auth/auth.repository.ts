import { containsPattern } from '../../platform/db/like.js';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { paginate, type PageRequest } from '../../platform/http/pagination.js';
import type { RolesTable, UsersTable } from './auth.tables.js';

export type UserRow = Selectable<UsersTable>;
export type RoleRow = Selectable<RolesTable>;

// ---- users -------------------------------------------------------------------------------------

export function findUserById(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('auth.users').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('auth.users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function emailInUse(db: Db, email: string, exceptId?: string) {
  let q = db.selectFrom('auth.users').select('id').where('email', '=', email);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst().then((row) => row !== undefined);
}

export interface UserFilter extends PageRequest {
  q?: string | undefined;
  status?: 'active' | 'inactive' | undefined;
  role?: string | undefined;
}

/**
 * A page of users, each with its roles (sorted by name), in one statement: the roles come from a
 * correlated `array(select …)`, so a list costs one round trip, not two (issue #19). Written as SQL: a
 * Kysely expression-builder callback costs more CPU to build than the rest of the query (~18 µs).
 */
const ROLES_OF_U = sql<
  string[]
>`array(select ur.role from auth.user_roles as ur where ur.user_id = u.id order by ur.role)`;

export async function listUsers(db: Db, filter: UserFilter) {
  let q = db.selectFrom('auth.users as u').selectAll('u').select(ROLES_OF_U.as('roles'));
  if (filter.status) q = q.where('u.status', '=', filter.status);
  if (filter.role) {
    const role = filter.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('auth.user_roles as ur')
          .select('ur.user_id')
          .whereRef('ur.user_id', '=', 'u.id')
          .where('ur.role', '=', role),
      ),
    );
  }
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb('u.email', 'ilike', pattern), eb('u.name', 'ilike', pattern)]));
  }
  return paginate(q, filter, {
    sort: { email: 'u.email', name: 'u.name', createdAt: 'u.created_at' },
    id: 'u.id',
    idKey: 'id',
  });
}

export async function insertUser(
  db: Db,
  values: { email: string; name: string; password_hash: string; must_change_password: boolean },
) {
  return db.insertInto('auth.users').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Db,
  id: string,
  patch: Partial<Pick<UserRow, 'email' | 'name' | 'status' | 'password_hash' | 'must_change_password'>>,
) {
  return db
    .updateTable('auth.users')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function touchLastLogin(db: Db, id: string) {
  return db
    .updateTable('auth.users')
    .set({ last_login_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- roles -------------------------------------------------------------------------------------

export async function rolesOfUsers(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('auth.user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', userIds)
    .orderBy('role')
    .execute();
  for (const row of rows) map.get(row.user_id)?.push(row.role);
  return map;
}

export async function permissionsOfRoles(db: Db, roles: string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db.selectFrom('auth.roles').select('permissions').where('name', 'in', roles).execute();
  return [...new Set(rows.flatMap((r) => r.permissions))].sort();
}

export async function setUserRoles(db: Db, userId: string, roles: string[]) {
  await db.deleteFrom('auth.user_roles').where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('auth.user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

export async function missingRoles(db: Db, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const found = await db.selectFrom('auth.roles').select('name').where('name', 'in', names).execute();
  const have = new Set(found.map((r) => r.name));
  return names.filter((n) => !have.has(n));
}

/** Active users holding a role that grants `*`, other than `exceptUserId`. */
export async function countOtherActiveAdministrators(db: Db, exceptUserId: string): Promise<number> {
  const row = await db
    .selectFrom('auth.users as u')
    .select((eb) => eb.fn.count<string>('u.id').distinct().as('n'))
    .innerJoin('auth.user_roles as ur', 'ur.user_id', 'u.id')
    .innerJoin('auth.roles as r', 'r.name', 'ur.role')
    .where('u.status', '=', 'active')
    .where('u.id', '<>', exceptUserId)
    .where(sql<boolean>`'*' = any(r.permissions)`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Serializes every change that could remove the last administrator. */
export async function lockAdministrators(db: Db) {
  await sql`select pg_advisory_xact_lock(hashtext('moms.auth.administrators'))`.execute(db);
}

export function listRoles(db: Db) {
  return db.selectFrom('auth.roles').selectAll().orderBy('name').execute();
}

export function findRole(db: Db, name: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('auth.roles').selectAll().where('name', '=', name);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function insertRole(
  db: Db,
  values: { name: string; description: string; permissions: string[]; require_two_factor?: boolean },
) {
  return db.insertInto('auth.roles').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateRole(
  db: Db,
  name: string,
  patch: Partial<Pick<RoleRow, 'description' | 'permissions' | 'require_two_factor'>>,
) {
  return db
    .updateTable('auth.roles')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('name', '=', name)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteRole(db: Db, name: string) {
  return db.deleteFrom('auth.roles').where('name', '=', name).execute();
}

export function countUsersWithRole(db: Db, name: string) {
  return db
    .selectFrom('auth.user_roles')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', name)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

// ---- refresh tokens ----------------------------------------------------------------------------

export function insertRefreshToken(
  db: Db,
  values: { id: string; family_id: string; user_id: string; token_hash: string; expires_at: Date },
) {
  return db.insertInto('auth.refresh_tokens').values(values).execute();
}

export function findRefreshTokenForUpdate(db: Db, id: string) {
  return db.selectFrom('auth.refresh_tokens').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function markRefreshTokenUsed(db: Db, id: string) {
  return db
    .updateTable('auth.refresh_tokens')
    .set({ used_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export function revokeFamily(db: Db, familyId: string, reason: string, at?: Date) {
  return db
    .updateTable('auth.refresh_tokens')
    .set({ revoked_at: at ?? sql<Date>`now()`, revoked_reason: reason })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every session of the user, except `keepFamilyId` when given (the one changing its password). */
export function revokeAllForUser(db: Db, userId: string, reason: string, keepFamilyId?: string) {
  let q = db
    .updateTable('auth.refresh_tokens')
    .set({ revoked_at: sql`now()`, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepFamilyId) q = q.where('family_id', '<>', keepFamilyId);
  return q.execute();
}

/** Whose refresh token this is, without locking it (to lock the user first, as every user change does). */
export function refreshTokenOwner(db: Db, id: string) {
  return db
    .selectFrom('auth.refresh_tokens')
    .select('user_id')
    .where('id', '=', id)
    .executeTakeFirst()
    .then((row) => row?.user_id);
}

// ---- access-token cutoffs (docs/adr/0010) -------------------------------------------------------

/** From now on, the user's access tokens issued at or before `at` are refused. Not a user change: no version bump. */
export function setUserTokenCutoff(db: Db, userId: string, at: Date) {
  return db
    .updateTable('auth.users')
    .set({ tokens_valid_after: sql<Date>`greatest(tokens_valid_after, ${at})` })
    .where('id', '=', userId)
    .execute();
}

/** From now on, access tokens carrying the role issued at or before `at` are refused. */
export function setRoleTokenCutoff(db: Db, role: string, at: Date) {
  return db
    .updateTable('auth.roles')
    .set({ tokens_valid_after: sql<Date>`greatest(tokens_valid_after, ${at})` })
    .where('name', '=', role)
    .execute();
}

/** Every cutoff later than `since`: the users' (an index range scan) and the roles' (a handful of rows). */
export async function tokenCutoffsSince(db: Db, since: Date) {
  // Sessions: a refresh token is revoked only when its whole family is (sign-out, reuse, deactivation,
  // password change) — rotation marks `used_at` — so a revoked row means its session ended then.
  const { rows } = await sql<{ kind: 'user' | 'role' | 'session'; key: string; at: Date }>`
    select 'user' as kind, id::text as key, tokens_valid_after as at from auth.users where tokens_valid_after > ${since}
    union all
    select 'role' as kind, name as key, tokens_valid_after as at from auth.roles where tokens_valid_after > ${since}
    union all
    select 'session' as kind, family_id::text as key, max(revoked_at) as at
      from auth.refresh_tokens where revoked_at > ${since} group by family_id`.execute(db);
  return rows;
}

/** Of `ids`, those that are active users (for other modules' owner and user references). */
export async function activeUserIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db
    .selectFrom('auth.users')
    .select('id')
    .where('id', 'in', unique)
    .where('status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Display names of users (any status), for other modules that show who owns or did something. */
export async function userDisplayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('auth.users').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
