import { sql, type Kysely } from 'kysely';

/**
 * Least privilege for the built-in `employee` role (issue #25): every employee may look at the CRM
 * records their visibility allows, but only people who sell write to it — they hold `sales-rep`,
 * `sales-manager` or `crm-admin` (or `manager`, which keeps working its own records). Before this,
 * every user could create CRM records and every owner picker listed the whole company.
 * Only `crm:write` is taken away; whatever else an administrator changed on the role stays. In an
 * installation in use, the change is in the audit log (sealed into the chain with the next sealing);
 * an administrator who wants the old behaviour gives `crm:write` back under Roles.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ permissions: string[] }>`
    select permissions from auth.roles where name = 'employee' and builtin and 'crm:write' = any(permissions)
    for update`.execute(db);
  await sql`delete from auth.role_grants where role = 'employee' and permission = 'crm:write'`.execute(db);
  const before = rows[0]?.permissions;
  if (!before) return;
  const after = before.filter((p) => p !== 'crm:write');
  await sql`update auth.roles set permissions = ${after}::text[], version = version + 1, updated_at = now()
            where name = 'employee'`.execute(db);
  const { rows: users } = await sql<{ n: number }>`select count(*)::int as n from auth.users`.execute(db);
  if (users[0]!.n === 0) return;
  await sql`insert into platform.audit_log (actor_id, action, entity_type, entity_id, before, after, request_id)
            values (null, 'role.updated', 'auth.role', 'employee', ${JSON.stringify({ permissions: before })},
                    ${JSON.stringify({ permissions: after })}, 'migration:2026-12-05T0800')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update auth.roles set permissions = permissions || array['crm:write']::text[]
            where name = 'employee' and builtin and not ('crm:write' = any(permissions))`.execute(db);
}
