import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

const LOCK = sql`hashtext('moms.supply.valuation-snapshots')`;

/** Every valued move takes this shared; making a snapshot takes it exclusively (no move slips between). */
export async function lockShared(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${LOCK})`.execute(db);
}

export async function lockExclusive(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK})`.execute(db);
}

/** A move dated `date` changes every snapshot on or after it. */
export async function applyToLater(db: Db, itemId: string, date: string, quantity: string, value: string) {
  await sql`
    insert into supply.valuation_snapshots (as_of, item_id, quantity, value)
    select d.as_of, ${itemId}, ${quantity}::numeric, ${value}::numeric
    from supply.valuation_snapshot_dates d where d.as_of >= ${date}
    on conflict (as_of, item_id) do update
      set quantity = supply.valuation_snapshots.quantity + excluded.quantity,
          value = supply.valuation_snapshots.value + excluded.value`.execute(db);
}

export async function snapshotExists(db: Db, asOf: string): Promise<boolean> {
  const row = await db
    .selectFrom('supply.valuation_snapshot_dates')
    .select('as_of')
    .where('as_of', '=', asOf)
    .executeTakeFirst();
  return row !== undefined;
}

/** The latest snapshot on or before `date`. */
export async function latestSnapshot(db: Db, date: string): Promise<string | null> {
  const row = await db
    .selectFrom('supply.valuation_snapshot_dates')
    .select(sql<string>`max(as_of)::text`.as('d'))
    .where('as_of', '<=', date)
    .executeTakeFirst();
  return row?.d ?? null;
}

/** A snapshot at `asOf`: the latest earlier snapshot plus the moves since (or every move up to it). */
export async function createSnapshot(db: Db, asOf: string, previous: string | null) {
  await db.insertInto('supply.valuation_snapshot_dates').values({ as_of: asOf }).execute();
  await sql`
    insert into supply.valuation_snapshots (as_of, item_id, quantity, value)
    select ${asOf}::date, item_id, sum(q), sum(v) from (
      select item_id, quantity as q, value as v from supply.valuation_snapshots where as_of = ${previous}::date
      union all
      select item_id,
             case when from_location_id is null then quantity when to_location_id is null then -quantity else 0 end,
             value
      from supply.moves where move_date <= ${asOf}::date and (${previous}::date is null or move_date > ${previous}::date)
    ) x group by item_id`.execute(db);
}

/** Quantity and value per item as of `asOf`, from the snapshot `from` (or none) plus the moves after it. */
export function valuationFrom(db: Db, asOf: string, from: string | null) {
  return sql<{ item_id: string; sku: string; name: string; quantity: string; value: string }>`
    select x.item_id, i.sku, i.name, sum(x.q)::text as quantity, sum(x.v)::text as value from (
      select item_id, quantity as q, value as v from supply.valuation_snapshots where as_of = ${from}::date
      union all
      select item_id,
             case when from_location_id is null then quantity when to_location_id is null then -quantity else 0 end,
             value
      from supply.moves where move_date <= ${asOf}::date and (${from}::date is null or move_date > ${from}::date)
    ) x join supply.items i on i.id = x.item_id
    group by x.item_id, i.sku, i.name
    having sum(x.q) <> 0 or sum(x.v) <> 0
    order by i.sku`.execute(db);
}
