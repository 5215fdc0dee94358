import { sql, type Kysely } from 'kysely';

/** Per-module roles for CRM. Team visibility comes from crm.team_members, not from the role. */
export async function up(db: Kysely<any>): Promise<void> {
  const roles = [
    { name: 'sales-rep', description: 'Works their own CRM records.', permissions: ['crm:read', 'crm:write'] },
    {
      name: 'sales-manager',
      description: 'Runs a sales team: sees and changes the CRM records of the teams they manage.',
      permissions: ['crm:read', 'crm:write', 'auth:read'],
    },
    { name: 'crm-admin', description: 'Everything in CRM: all records, teams and pipelines.', permissions: ['crm:*'] },
  ];
  for (const role of roles) {
    await sql`insert into auth.roles (name, description, permissions, builtin)
              values (${role.name}, ${role.description}, ${role.permissions}::text[], true)
              on conflict (name) do nothing`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from auth.roles where name in ('sales-rep', 'sales-manager', 'crm-admin')`.execute(db);
}
