import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Tx } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { minorUnits } from '../../../platform/money/money.js';
import { postJournalEntry } from '../../finance/index.js';
import { dec, supplyAccounts } from './stock.engine.js';
import * as repo from './stock.repository.js';
import * as snapshots from './snapshots.repository.js';

/**
 * A new standard cost under the standard cost method: the item's stock on hand is revalued to
 * quantity × the new cost, as a revaluation move (quantity 0, so the valuation report and the ledger
 * agree) posted inventory against price differences through Finance, in the caller's transaction.
 * Nothing moves under FIFO or average (the cost is kept for later), or when nothing is on hand.
 */
export async function revalueAtStandard(
  trx: Tx,
  ctx: RequestContext,
  item: repo.ItemRow,
  standardCost: Decimal,
  date: string,
): Promise<{ moveId: string; value: string; journalEntryId: string } | null> {
  const accounts = await supplyAccounts(trx);
  if (accounts.method !== 'standard') return null;
  const cost = await repo.lockItemCost(trx, item.id);
  const qty = dec(cost.quantity);
  const dp = minorUnits(accounts.currency);
  const delta = qty.times(standardCost).toDecimalPlaces(dp, Decimal.ROUND_HALF_UP).minus(cost.value);
  const location = await repo.someStockLocation(trx, item.id);
  if (delta.isZero() || qty.isZero() || !location) return null;
  const id = randomUUID();
  const amount = delta.abs().toFixed(dp);
  const description = `${item.sku} ${qty.toFixed(4)} ${item.uom} at ${standardCost.toFixed()}`;
  const entry = await postJournalEntry(
    trx,
    ctx,
    {
      date,
      reference: `Standard cost ${item.sku}`.slice(0, 100),
      memo: `Stock revaluation: ${item.sku} to the standard cost ${standardCost.toFixed()}`,
      lines: [
        { accountId: accounts.inventory, ...(delta.gt(0) ? { debit: amount } : { credit: amount }), description },
        { accountId: accounts.priceDifference, ...(delta.gt(0) ? { credit: amount } : { debit: amount }), description },
      ],
    },
    { sourceType: 'supply-move', sourceId: id },
  );
  await snapshots.lockShared(trx);
  await snapshots.applyToLater(trx, item.id, date, '0.0000', delta.toFixed(4));
  await repo.insertMove(trx, {
    id,
    kind: 'revaluation',
    move_date: date,
    item_id: item.id,
    quantity: '0.0000',
    unit: item.uom,
    unit_quantity: '0.0000',
    from_location_id: null,
    to_location_id: location,
    lot_id: null,
    reason: 'standard cost',
    value: delta.toFixed(4),
    source_type: 'item',
    source_id: item.id,
    journal_entry_id: entry.id,
    created_by: ctx.actor?.userId ?? null,
  });
  await repo.updateItemCost(trx, item.id, {
    quantity: cost.quantity,
    value: dec(cost.value).plus(delta).toFixed(4),
    last_unit_cost: cost.last_unit_cost,
  });
  return { moveId: id, value: delta.toFixed(dp), journalEntryId: entry.id };
}
