import { sql, type Kysely } from 'kysely';

/** Per-module roles for Finance (auth owns roles; each module's roles arrive in an auth migration). */
export async function up(db: Kysely<any>): Promise<void> {
  const roles = [
    {
      name: 'accountant',
      description: 'Keeps the books: prepares, posts and reverses entries, closes periods.',
      permissions: ['finance:read', 'finance:write', 'finance:approve'],
    },
    {
      name: 'bookkeeper',
      description: 'Prepares entries and documents for an accountant to post.',
      permissions: ['finance:read', 'finance:write'],
    },
    {
      name: 'finance-admin',
      description: 'Everything in Finance, including the chart of accounts and settings.',
      permissions: ['finance:*'],
    },
  ];
  for (const role of roles) {
    await sql`insert into auth.roles (name, description, permissions, builtin)
              values (${role.name}, ${role.description}, ${role.permissions}::text[], true)
              on conflict (name) do nothing`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from auth.roles where name in ('accountant', 'bookkeeper', 'finance-admin')`.execute(db);
}
