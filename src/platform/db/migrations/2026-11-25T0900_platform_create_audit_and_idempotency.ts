import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists platform`.execute(db);

  await db.schema
    .createTable('platform.audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('request_id', 'text')
    .addColumn('seq', 'bigint', (c) => c.unique())
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text')
    .execute();
  await sql`create index audit_log_unsealed on platform.audit_log (id) where seq is null`.execute(db);
  await sql`create index audit_log_entity on platform.audit_log (entity_type, entity_id, id)`.execute(db);
  await sql`create index audit_log_actor on platform.audit_log (actor_id, id)`.execute(db);

  await db.schema
    .createTable('platform.audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into platform.audit_head (id, last_seq, last_hash) values (1, 0, '')`.execute(db);

  // Append-only: a record can be written once, then sealed once (seq/prev_hash/hash set from null);
  // nothing else may change and nothing may be deleted. Someone who bypasses this (a superuser
  // disabling the trigger) still breaks the hash chain, which `verify` reports.
  await sql`
    create function platform.audit_log_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'audit log is append-only' using errcode = 'P0001';
      end if;
      if old.seq is not null
         or new.id is distinct from old.id or new.occurred_at is distinct from old.occurred_at
         or new.actor_id is distinct from old.actor_id or new.action is distinct from old.action
         or new.entity_type is distinct from old.entity_type or new.entity_id is distinct from old.entity_id
         or new.before is distinct from old.before or new.after is distinct from old.after
         or new.request_id is distinct from old.request_id then
        raise exception 'audit log is append-only' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on platform.audit_log
    for each row execute function platform.audit_log_guard()`.execute(db);

  await db.schema
    .createTable('platform.idempotency_keys')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('in_progress', 'completed')`))
    .addColumn('response_status', 'integer')
    .addColumn('response_headers', 'jsonb')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor_id', 'key'])
    .execute();
  await sql`create index idempotency_keys_expiry on platform.idempotency_keys (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema platform cascade`.execute(db);
}
