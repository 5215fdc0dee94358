import { Decimal } from 'decimal.js';
import { today } from '../../platform/dates.js';
import type { Db } from '../../platform/db/database.js';
import * as repo from './metrics.repository.js';

/** For Strategy: the inventory value as of a date (equals the inventory account), base currency. */
export async function inventoryValue(db: Db, asOf = today()): Promise<string> {
  return new Decimal(await repo.inventoryValue(db, asOf)).toFixed(2);
}

/** For Strategy: how many stocked items have nothing available now. */
export const stockOuts = (db: Db): Promise<number> => repo.stockOuts(db);

/** For Strategy: the share of supplier receipt lines that arrived by their expected date (0–1, null when none). */
export async function onTimeDeliveryRate(db: Db, from: string, to: string): Promise<number | null> {
  const r = await repo.onTimeReceipts(db, from, to);
  return r.total === 0 ? null : r.on_time / r.total;
}
