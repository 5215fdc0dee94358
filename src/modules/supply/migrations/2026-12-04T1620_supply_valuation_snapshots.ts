import { sql, type Kysely } from 'kysely';

/**
 * Valuation snapshots: quantity and value per item at a date (month ends, by the nightly job or on
 * demand), so the valuation as of a date reads the latest snapshot before it plus the moves since,
 * instead of every move. A backdated move updates every later snapshot in its own transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table supply.valuation_snapshot_dates (
    as_of date primary key,
    created_at timestamptz(3) not null default now()
  )`.execute(db);
  await sql`create table supply.valuation_snapshots (
    as_of date not null references supply.valuation_snapshot_dates(as_of),
    item_id uuid not null references supply.items(id),
    quantity numeric(19,4) not null,
    value numeric(19,4) not null,
    primary key (as_of, item_id)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table supply.valuation_snapshots`.execute(db);
  await sql`drop table supply.valuation_snapshot_dates`.execute(db);
}
