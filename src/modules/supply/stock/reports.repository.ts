import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { paginate } from '../../../platform/http/pagination.js';

export function onHand(
  db: Db,
  f: { itemId?: string | undefined; warehouseId?: string | undefined; locationId?: string | undefined },
) {
  let q = db
    .selectFrom('supply.balances as b')
    .innerJoin('supply.locations as l', 'l.id', 'b.location_id')
    .innerJoin('supply.items as i', 'i.id', 'b.item_id')
    .leftJoin('supply.lots as t', 't.id', 'b.lot_id')
    .select([
      'b.item_id',
      'i.sku',
      'b.location_id',
      'l.warehouse_id',
      'b.lot_id',
      't.code as lot_code',
      't.expiry_date',
      'b.on_hand',
      'b.reserved',
    ])
    .where((eb) => eb.or([eb('b.on_hand', '<>', '0'), eb('b.reserved', '<>', '0')]));
  if (f.itemId) q = q.where('b.item_id', '=', f.itemId);
  if (f.warehouseId) q = q.where('l.warehouse_id', '=', f.warehouseId);
  if (f.locationId) q = q.where('b.location_id', '=', f.locationId);
  return q
    .orderBy('i.sku')
    .orderBy('l.code')
    .orderBy(sql`t.expiry_date asc nulls last`)
    .limit(5000)
    .execute();
}

/** The moves of an item with the running on-hand (whole item, or in one warehouse) and running value. */
export function ledger(
  db: Db,
  f: { itemId: string; warehouseId?: string | undefined; limit: number; cursor?: string | undefined; sort: string },
) {
  const w = f.warehouseId ?? null;
  const signed = w
    ? sql<string>`case
        when tl.warehouse_id = ${w} and fl.warehouse_id is distinct from ${w} then m.quantity
        when fl.warehouse_id = ${w} and tl.warehouse_id is distinct from ${w} then -m.quantity
        else 0 end`
    : sql<string>`case when m.from_location_id is null then m.quantity when m.to_location_id is null then -m.quantity else 0 end`;
  let inner = db
    .selectFrom('supply.moves as m')
    .leftJoin('supply.locations as fl', 'fl.id', 'm.from_location_id')
    .leftJoin('supply.locations as tl', 'tl.id', 'm.to_location_id')
    .selectAll('m')
    .select([
      sql<string>`sum(${signed}) over (order by m.seq)`.as('balance'),
      sql<string>`sum(m.value) over (order by m.seq)`.as('value_balance'),
    ])
    .where('m.item_id', '=', f.itemId);
  if (w) inner = inner.where((eb) => eb.or([eb('fl.warehouse_id', '=', w), eb('tl.warehouse_id', '=', w)]));
  const q = db.selectFrom(inner.as('x')).selectAll();
  return paginate(q, f, { sort: { seq: 'x.seq' }, id: 'x.id', idKey: 'id' });
}

/** Balances that disagree with the sum of their moves. */
export async function balanceMismatches(db: Db) {
  const res = await sql<{
    item_id: string;
    location_id: string;
    lot_id: string | null;
    balance: string;
    ledger: string;
  }>`
    with ledger as (
      select item_id, to_location_id as location_id, lot_id, quantity as q from supply.moves where to_location_id is not null
      union all
      select item_id, from_location_id, lot_id, -quantity from supply.moves where from_location_id is not null
    ), sums as (
      select item_id, location_id, lot_id, sum(q) as q from ledger group by item_id, location_id, lot_id
    )
    select coalesce(b.item_id, s.item_id) as item_id, coalesce(b.location_id, s.location_id) as location_id,
           coalesce(b.lot_id, s.lot_id) as lot_id, coalesce(b.on_hand, 0)::text as balance, coalesce(s.q, 0)::text as ledger
    from supply.balances b
    full join sums s on s.item_id = b.item_id and s.location_id = b.location_id and s.lot_id is not distinct from b.lot_id
    where coalesce(b.on_hand, 0) <> coalesce(s.q, 0)
    limit 1000`.execute(db);
  return res.rows;
}

/** Items whose running cost (quantity, value) disagrees with their moves. */
export async function costMismatches(db: Db) {
  const res = await sql<{ item_id: string; cost_value: string; ledger_value: string }>`
    with sums as (
      select item_id,
             sum(case when from_location_id is null then quantity when to_location_id is null then -quantity else 0 end) as q,
             sum(value) as v
      from supply.moves group by item_id
    )
    select coalesce(c.item_id, s.item_id) as item_id, coalesce(c.value, 0)::text as cost_value, coalesce(s.v, 0)::text as ledger_value
    from supply.item_costs c full join sums s on s.item_id = c.item_id
    where coalesce(c.value, 0) <> coalesce(s.v, 0) or coalesce(c.quantity, 0) <> coalesce(s.q, 0)
    limit 1000`.execute(db);
  return res.rows;
}

export function movesByReason(db: Db, from: string, to: string) {
  return db
    .selectFrom('supply.moves')
    .select([
      'kind',
      'reason',
      sql<number>`count(*)::int`.as('moves'),
      sql<string>`sum(quantity)`.as('quantity'),
      sql<string>`sum(value)`.as('value'),
    ])
    .where('move_date', '>=', from)
    .where('move_date', '<=', to)
    .groupBy(['kind', 'reason'])
    .orderBy('kind')
    .orderBy('reason')
    .execute();
}

/** Items in stock with no issue (delivery, adjustment out, supplier return) since `since`. */
export function slowMoving(db: Db, since: string) {
  return db
    .selectFrom('supply.items as i')
    .innerJoin('supply.item_costs as c', 'c.item_id', 'i.id')
    .select((eb) => [
      'i.id',
      'i.sku',
      'i.name',
      'c.quantity',
      'c.value',
      eb
        .selectFrom('supply.moves as m')
        .select(sql<string>`max(m.move_date)::text`.as('d'))
        .whereRef('m.item_id', '=', 'i.id')
        .where('m.to_location_id', 'is', null)
        .as('last_issue'),
    ])
    .where('c.quantity', '>', '0')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('supply.moves as m2')
            .select('m2.id')
            .whereRef('m2.item_id', '=', 'i.id')
            .where('m2.to_location_id', 'is', null)
            .where('m2.move_date', '>=', since),
        ),
      ),
    )
    .orderBy('c.value', 'desc')
    .orderBy('i.sku')
    .limit(1000)
    .execute();
}
