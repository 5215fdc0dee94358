import { sql, type Kysely } from 'kysely';

/**
 * Least privilege for the built-in `manager` role: a team manager approves their reports' leave and
 * works the CRM, but has no business reading the whole ledger and the payroll postings, so it no
 * longer grants `finance:read` (a manager who keeps the books also gets `accountant` or `bookkeeper`).
 * Only that one permission is taken away; whatever else an administrator changed on the role stays.
 * In an installation in use, the change is in the audit log (sealed into the chain with the next sealing).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ permissions: string[] }>`
    select permissions from auth.roles where name = 'manager' and builtin and 'finance:read' = any(permissions)
    for update`.execute(db);
  await sql`delete from auth.role_grants where role = 'manager' and permission = 'finance:read'`.execute(db);
  const before = rows[0]?.permissions;
  if (!before) return;
  const after = before.filter((p) => p !== 'finance:read');
  await sql`update auth.roles set permissions = ${after}::text[], version = version + 1, updated_at = now()
            where name = 'manager'`.execute(db);
  // An installation in use gets an audit record of the change; a fresh one (no users yet) has no one to tell.
  const { rows: users } = await sql<{ n: number }>`select count(*)::int as n from auth.users`.execute(db);
  if (users[0]!.n === 0) return;
  await sql`insert into platform.audit_log (actor_id, action, entity_type, entity_id, before, after, request_id)
            values (null, 'role.updated', 'auth.role', 'manager', ${JSON.stringify({ permissions: before })},
                    ${JSON.stringify({ permissions: after })}, 'migration:2026-12-03T1300')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update auth.roles set permissions = permissions || array['finance:read']::text[]
            where name = 'manager' and builtin and not ('finance:read' = any(permissions))`.execute(db);
}
