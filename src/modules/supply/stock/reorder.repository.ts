import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

/** The reorder rule of an item in the warehouse of a location. */
export function ruleForLocation(db: Db, itemId: string, locationId: string) {
  return db
    .selectFrom('supply.reorder_rules as r')
    .innerJoin('supply.locations as l', 'l.warehouse_id', 'r.warehouse_id')
    .select(['r.id', 'r.warehouse_id', 'r.min_quantity', 'r.max_quantity'])
    .where('r.item_id', '=', itemId)
    .where('l.id', '=', locationId)
    .executeTakeFirst();
}

/** On hand less reserved, over every location of a warehouse. */
export async function availableInWarehouse(db: Db, itemId: string, warehouseId: string): Promise<string> {
  const row = await db
    .selectFrom('supply.balances as b')
    .innerJoin('supply.locations as l', 'l.id', 'b.location_id')
    .select(sql<string>`coalesce(sum(b.on_hand - b.reserved), 0)`.as('q'))
    .where('b.item_id', '=', itemId)
    .where('l.warehouse_id', '=', warehouseId)
    .executeTakeFirstOrThrow();
  return String(row.q);
}
