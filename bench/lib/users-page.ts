/**
 * What the baselines do for `GET /api/v1/auth/users?limit=N`, written by hand with `pg`: the statement
 * the app's Kysely query compiles to (the page ordered by email then id, fetching one extra row to know
 * whether there is a next page, each user's roles from a correlated `array(select …)`; the keyset
 * column the app's cursor is made from), mapped to the same JSON shape. No token check, no validation,
 * no audit, no Kysely: the floor under the endpoint.
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
  const { rows } = await db.query<UserRow & { roles: string[] }>(
    'select "u".*, array((select "ur"."role" from "auth"."user_roles" as "ur" where "ur"."user_id" = "u"."id" ' +
      'order by "ur"."role")) as "roles", ("u"."email")::text as "__keyset" from "auth"."users" as "u" ' +
      'order by "u"."email" asc, "u"."id" asc limit $1',
    [limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      status: u.status,
      roles: u.roles,
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
