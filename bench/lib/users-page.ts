/**
 * What the baselines do for `GET /api/v1/auth/users?limit=N`, written by hand with `pg`: the same two
 * statements the app's Kysely queries compile to (the page ordered by email then id, fetching one
 * extra row to know whether there is a next page; then the roles of those users), mapped to the same
 * JSON shape. No token check, no validation, no audit, no Kysely: the floor under the endpoint.
 */
export interface Queryable {
  query: <R extends object>(text: string, values?: unknown[]) => Promise<{ rows: R[] }>;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  status: string;
  must_change_password: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export async function usersPage(db: Queryable, limit: number) {
  const { rows } = await db.query<UserRow>(
    'select "u".*, "u"."created_at" as "createdAt" from "auth"."users" as "u" order by "u"."email" asc, "u"."id" asc limit $1',
    [limit + 1],
  );
  const page = rows.slice(0, limit);
  const roles = new Map<string, string[]>(page.map((u) => [u.id, []]));
  if (page.length > 0) {
    const placeholders = page.map((_, i) => `$${i + 1}`).join(', ');
    const result = await db.query<{ user_id: string; role: string }>(
      `select "user_id", "role" from "auth"."user_roles" where "user_id" in (${placeholders}) order by "role"`,
      page.map((u) => u.id),
    );
    for (const row of result.rows) roles.get(row.user_id)?.push(row.role);
  }
  const last = page.at(-1);
  return {
    items: page.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      status: u.status,
      roles: roles.get(u.id) ?? [],
      mustChangePassword: u.must_change_password,
      lastLoginAt: u.last_login_at?.toISOString() ?? null,
      createdAt: u.created_at.toISOString(),
      updatedAt: u.updated_at.toISOString(),
      version: u.version,
    })),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify({ s: 'email', v: last.email, id: last.id })).toString('base64url')
        : null,
  };
}
