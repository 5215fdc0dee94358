import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists auth`.execute(db);

  await db.schema
    .createTable('auth.users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`email = lower(email)`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'inactive')`),
    )
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_login_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index users_created_at on auth.users (created_at, id)`.execute(db);
  await sql`create index users_name on auth.users (name, id)`.execute(db);

  await db.schema
    .createTable('auth.roles')
    .addColumn('name', 'text', (c) => c.primaryKey().check(sql`name ~ '^[a-z][a-z0-9-]{1,48}$'`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('permissions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('builtin', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('auth.user_roles')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('auth.users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().references('auth.roles.name').onDelete('restrict'))
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();
  await sql`create index user_roles_role on auth.user_roles (role)`.execute(db);

  await db.schema
    .createTable('auth.refresh_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('family_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('auth.users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index refresh_tokens_family on auth.refresh_tokens (family_id)`.execute(db);
  await sql`create index refresh_tokens_user on auth.refresh_tokens (user_id) where revoked_at is null`.execute(db);

  await db.schema
    .createTable('auth.login_attempts')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .execute();

  // Built-in roles. Modules extend them (and add their own roles) in their own migrations.
  const builtin = [
    { name: 'admin', description: 'Everything, including users, roles and the audit log.', permissions: ['*'] },
    {
      name: 'manager',
      description: 'Runs a team: reads users; reads, writes and approves in the business modules.',
      permissions: [
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
    },
    {
      name: 'employee',
      description: 'Everyday use: own profile, own leave, the CRM and projects they work on.',
      permissions: ['hr:self', 'crm:read', 'crm:write', 'projects:read'],
    },
    {
      name: 'auditor',
      description: 'Reads the audit log and verifies its chain.',
      permissions: ['audit:read', 'auth:read'],
    },
  ];
  for (const role of builtin) {
    await sql`insert into auth.roles (name, description, permissions, builtin)
              values (${role.name}, ${role.description}, ${role.permissions}::text[], true)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema auth cascade`.execute(db);
}
