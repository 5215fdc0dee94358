import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { baseCurrency } from '../finance/index.js';

/**
 * The `supply.stock-moves` dataset's rows: every move of the stock ledger (as the stock reports show
 * them to `supply:read`; Supply has no row rule beyond it), one row each, its value in the base
 * currency (read once per query). Items, locations and warehouses are left joins on their keys.
 */
export async function stockMoveDatasetSource(db: Db) {
  const currency = await baseCurrency(db);
  return db
    .selectFrom('supply.moves as m')
    .leftJoin('supply.items as i', 'i.id', 'm.item_id')
    .leftJoin('supply.locations as fl', 'fl.id', 'm.from_location_id')
    .leftJoin('supply.warehouses as fw', 'fw.id', 'fl.warehouse_id')
    .leftJoin('supply.locations as tl', 'tl.id', 'm.to_location_id')
    .leftJoin('supply.warehouses as tw', 'tw.id', 'tl.warehouse_id')
    .select([
      'm.kind as kind',
      'm.move_date as date',
      'i.sku as sku',
      'i.name as item',
      'i.category as category',
      'm.reason as reason',
      'fw.code as fromWarehouse',
      'tw.code as toWarehouse',
      'm.quantity as quantity',
      'm.value as value',
      sql<string>`cast(${currency} as text)`.as('currency'),
    ]);
}
