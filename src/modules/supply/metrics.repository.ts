import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export async function inventoryValue(db: Db, asOf: string): Promise<string> {
  const row = await db
    .selectFrom('supply.moves')
    .select(sql<string>`coalesce(sum(value), 0)::text`.as('v'))
    .where('move_date', '<=', asOf)
    .executeTakeFirstOrThrow();
  return row.v;
}

/** Stocked, active items with a reorder rule or stock history whose available quantity is 0 or less. */
export async function stockOuts(db: Db): Promise<number> {
  const res = await sql<{ n: number }>`
    select count(*)::int as n from supply.items i
    where i.active and i.type = 'stocked'
      and exists (select 1 from supply.item_costs c where c.item_id = i.id)
      and coalesce((select sum(b.on_hand - b.reserved) from supply.balances b where b.item_id = i.id), 0) <= 0`.execute(
    db,
  );
  return res.rows[0]?.n ?? 0;
}

/** Receipt lines in the range, and how many came by the line's (or the order's) expected date. */
export async function onTimeReceipts(db: Db, from: string, to: string) {
  const res = await sql<{ total: number; on_time: number }>`
    select count(*)::int as total,
           count(*) filter (where r.receipt_date <= coalesce(ol.expected_date, o.expected_date, r.receipt_date))::int as on_time
    from supply.receipt_lines rl
    join supply.receipts r on r.id = rl.receipt_id and r.kind = 'receipt'
    join supply.purchase_order_lines ol on ol.id = rl.order_line_id
    join supply.purchase_orders o on o.id = ol.order_id
    where r.receipt_date between ${from} and ${to}`.execute(db);
  return res.rows[0] ?? { total: 0, on_time: 0 };
}
