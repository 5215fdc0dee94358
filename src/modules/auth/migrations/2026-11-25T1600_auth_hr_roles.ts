import { sql, type Kysely } from 'kysely';

/**
 * Per-module roles for HR. Everyone who signs in as an `employee` reads HR (the directory, their own
 * record, leave and payslips) and requests leave; `manager` already approves; `hr-admin` runs HR,
 * including compensation and payroll.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update auth.roles set permissions = array_remove(permissions, 'hr:self') || array['hr:read', 'hr:write']::text[]
            where name = 'employee' and builtin`.execute(db);
  const roles = [
    {
      name: 'hr-admin',
      description: 'Everything in HR: employees, organization, leave rules and payroll.',
      permissions: ['hr:*', 'auth:read'],
    },
  ];
  for (const role of roles) {
    await sql`insert into auth.roles (name, description, permissions, builtin)
              values (${role.name}, ${role.description}, ${role.permissions}::text[], true)
              on conflict (name) do nothing`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from auth.roles where name = 'hr-admin'`.execute(db);
  await sql`update auth.roles set permissions = array_remove(array_remove(permissions, 'hr:read'), 'hr:write') || array['hr:self']::text[]
            where name = 'employee' and builtin`.execute(db);
}
