import { sql, type Kysely } from 'kysely';

/**
 * Built-in roles are now declared by each module's manifest and synchronized after migrations (see
 * auth/role-sync.ts). `auth.role_grants` records which declared (role, permission) grants have been
 * applied, so each is applied once: a permission an administrator removes from a built-in role stays
 * removed. This installation's roles came from the earlier migrations; record exactly the grants they
 * made (frozen here), so the first synchronization changes nothing for existing users.
 */
const HISTORIC_GRANTS: Record<string, string[]> = {
  admin: ['*'],
  manager: [
    'auth:read',
    'hr:read',
    'hr:write',
    'hr:approve',
    'crm:read',
    'crm:write',
    'finance:read',
    'projects:read',
    'projects:write',
  ],
  employee: ['crm:read', 'crm:write', 'projects:read', 'hr:read', 'hr:write'],
  auditor: ['audit:read', 'auth:read'],
  accountant: ['finance:read', 'finance:write', 'finance:approve'],
  bookkeeper: ['finance:read', 'finance:write'],
  'finance-admin': ['finance:*'],
  'sales-rep': ['crm:read', 'crm:write'],
  'sales-manager': ['crm:read', 'crm:write', 'auth:read'],
  'crm-admin': ['crm:*'],
  'hr-admin': ['hr:*', 'auth:read'],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth.role_grants')
    .addColumn('role', 'text', (c) => c.notNull().references('auth.roles.name').onDelete('cascade'))
    .addColumn('permission', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('role_grants_pk', ['role', 'permission'])
    .execute();
  for (const [role, permissions] of Object.entries(HISTORIC_GRANTS)) {
    await sql`insert into auth.role_grants (role, permission)
              select name, p from auth.roles, unnest(${permissions}::text[]) as p
              where name = ${role} and builtin`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auth.role_grants').execute();
}
