import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Tx } from '../../../platform/db/database.js';
import { emit } from '../../../platform/events/emit.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { minorUnits, Money } from '../../../platform/money/money.js';
import { accountsForRoles, baseCurrency, postJournalEntry } from '../../finance/index.js';
import { supplyErrors } from '../supply.errors.js';
import { stockBelowMinimum } from '../supply.events.js';
import type { MoveKind, ValuationMethod } from '../supply.tables.js';
import * as repo from './stock.repository.js';
import * as rules from './reorder.repository.js';
import * as snapshots from './snapshots.repository.js';

export type Dec = Decimal;
export const ZERO = new Money(0);
export const dec = (v: string | number | Decimal) => new Money(v);
/** Quantities: 4 decimals, as stored. */
export const qtyString = (d: Decimal) => d.toFixed(4);

/** The ledger accounts supply posts to (the missing ones are created under their role on first use), the base currency and the valuation method. */
export interface SupplyAccounts {
  inventory: string;
  grni: string;
  cogs: string;
  priceDifference: string;
  adjustment: string;
  currency: string;
  method: ValuationMethod;
}

const ROLES = [
  'inventory',
  'cogs',
  // A stock interim account (as Odoo's): credited on receipt, debited by the bill. Finance's bill
  // lines take expense or asset accounts only, so it is an asset with a credit balance meanwhile.
  {
    role: 'grni',
    code: '1450',
    name: 'Goods received not invoiced (stock interim)',
    type: 'asset',
    parentCode: '1000',
  },
  {
    role: 'purchase-price-difference',
    code: '5200',
    name: 'Purchase price differences',
    type: 'expense',
    parentCode: '5000',
  },
  {
    role: 'inventory-adjustment',
    code: '5300',
    name: 'Inventory adjustments and write-offs',
    type: 'expense',
    parentCode: '5000',
  },
] as const;

/** Read once per operation (a few queries), then handed to every move it makes. */
export async function supplyAccounts(trx: Tx): Promise<SupplyAccounts> {
  const a = await accountsForRoles(trx, ROLES);
  return {
    inventory: a.inventory!,
    cogs: a.cogs!,
    grni: a.grni!,
    priceDifference: a['purchase-price-difference']!,
    adjustment: a['inventory-adjustment']!,
    currency: await baseCurrency(trx),
    method: await repo.findValuationMethod(trx),
  };
}

export interface MoveInput {
  kind: MoveKind;
  date: string;
  item: repo.ItemRow;
  /** In the item's base unit, > 0. */
  quantity: Decimal;
  unit: string;
  unitQuantity: Decimal;
  from: string | null;
  to: string | null;
  lotId: string | null;
  reason: string;
  sourceType: string;
  sourceId: string | null;
  /** For the journal entry's reference, e.g. the receipt number. */
  reference: string;
  /** Incoming goods: their cost per base unit in the base currency (default: the item's current cost). */
  unitCost?: Decimal | undefined;
  /**
   * Incoming goods: their exact value in the base currency when it is not quantity × unitCost (a line
   * in another unit than the base unit: its quantity × its cost per that unit). Under standard cost it
   * is what the counter account takes; the difference to the standard value goes to price differences.
   */
  incomingValue?: Decimal | undefined;
  /**
   * The other side of the inventory posting. Without `signedAmount` it takes the whole value; with it
   * (debit positive), the rest goes to `differenceAccountId` (a supplier return at the order price).
   */
  counter: { accountId: string; signedAmount?: Decimal; differenceAccountId?: string };
  /** Outgoing: how much of the source balance's reservation this move uses up. */
  releaseReserved?: Decimal | undefined;
  /** The supply accounts (for the cost corrections of stock that was negative). */
  accounts: SupplyAccounts;
}

export interface MoveResult {
  id: string;
  /** Signed change of the inventory value (base currency). */
  value: Decimal;
  journalEntryId: string | null;
}

/**
 * The one way stock changes: an immutable move, the balances it touches (row-locked, never below zero
 * unless the item allows it), the item's cost layers / average, and — when it changes the inventory
 * value — its journal entry through Finance, all in the caller's transaction. Every change of one
 * item is serialized on the item's cost row.
 */
export async function applyMove(trx: Tx, ctx: RequestContext, input: MoveInput): Promise<MoveResult> {
  const { item, quantity: q } = input;
  const dp = minorUnits(input.accounts.currency);
  const round = (d: Decimal) => d.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
  const cost = await repo.lockItemCost(trx, item.id);
  if (item.tracking === 'serial' && !q.eq(1)) throw supplyErrors.serialQuantity(item.sku, 'quantity');

  if (input.from) {
    const b = await repo.lockBalance(trx, item.id, input.from, input.lotId);
    const release = input.releaseReserved ?? ZERO;
    const available = dec(b.on_hand).minus(dec(b.reserved).minus(release));
    if (!item.allow_negative && available.lt(q))
      throw supplyErrors.insufficientStock(item.sku, qtyString(q), qtyString(Decimal.max(available, 0)), 'quantity');
    await repo.changeBalance(trx, b.id, qtyString(q.neg()), qtyString(release.neg()));
  }
  if (input.to) {
    const b = await repo.lockBalance(trx, item.id, input.to, input.lotId);
    await repo.changeBalance(trx, b.id, qtyString(q));
    if (item.tracking === 'serial' && dec(await repo.serialOnHand(trx, item.id, input.lotId!)).gt(1))
      throw supplyErrors.serialQuantity(item.sku, 'lot');
  }

  const method = input.accounts.method;
  const id = randomUUID();
  const qty = dec(cost.quantity);
  const val = dec(cost.value);
  const last = dec(cost.last_unit_cost);
  let value = ZERO;
  let correction = ZERO; // to COGS: what netting receipts against negative stock revalues
  let counter = input.counter;
  if (method === 'standard' && (!input.from || !input.to)) {
    // Read after the cost row's lock: a new standard cost committed meanwhile is the one that counts.
    const std = standardCost((await repo.findItem(trx, item.id)) ?? item);
    const newQty = input.from ? qty.minus(q) : qty.plus(q);
    // At standard; when the item comes back to zero, exactly the value left (no rounding residue).
    value = newQty.eq(0) ? val.neg() : round(q.times(std)).times(input.from ? -1 : 1);
    if (!input.from && input.incomingValue !== undefined && counter.signedAmount === undefined)
      counter = {
        accountId: counter.accountId,
        signedAmount: input.incomingValue.neg(),
        differenceAccountId: input.accounts.priceDifference,
      };
    await repo.updateItemCost(trx, item.id, {
      quantity: qtyString(newQty),
      value: val.plus(value).toFixed(4),
      last_unit_cost: input.from ? last.toFixed(6) : (input.unitCost ?? std).toFixed(6),
    });
  } else if (input.from && !input.to) {
    const newQty = qty.minus(q);
    let raw: Decimal;
    if (method === 'fifo') raw = await consumeLayers(trx, item.id, id, input.date, q, last);
    else raw = q.times(qty.gt(0) ? val.div(qty) : last);
    value = (newQty.eq(0) ? val : round(raw)).neg();
    await repo.updateItemCost(trx, item.id, {
      quantity: qtyString(newQty),
      value: val.plus(value).toFixed(4),
      last_unit_cost: last.toFixed(6),
    });
  } else if (input.to && !input.from) {
    const unitCost = input.unitCost ?? (qty.gt(0) ? val.div(qty).toDecimalPlaces(6) : last);
    const receiptValue = input.incomingValue ?? round(q.times(unitCost));
    const newQty = qty.plus(q);
    value = receiptValue;
    if (method === 'fifo') {
      const target = await addLayer(trx, item.id, id, input.date, q, unitCost, qty.lt(0));
      if (qty.lt(0)) value = (newQty.eq(0) ? ZERO : round(target)).minus(val);
    } else if (qty.lt(0)) {
      value = round(newQty.times(unitCost)).minus(val);
    }
    correction = receiptValue.minus(value);
    await repo.updateItemCost(trx, item.id, {
      quantity: qtyString(newQty),
      value: val.plus(value).toFixed(4),
      last_unit_cost: unitCost.toFixed(6),
    });
  }

  const journalEntryId = await post(trx, ctx, { ...input, counter }, id, value, correction, dp);
  await snapshots.lockShared(trx);
  if (!input.from || !input.to)
    await snapshots.applyToLater(trx, item.id, input.date, qtyString(input.from ? q.neg() : q), value.toFixed(4));
  await repo.insertMove(trx, {
    id,
    kind: input.kind,
    move_date: input.date,
    item_id: item.id,
    quantity: qtyString(q),
    unit: input.unit,
    unit_quantity: qtyString(input.unitQuantity),
    from_location_id: input.from,
    to_location_id: input.to,
    lot_id: input.lotId,
    reason: input.reason,
    value: value.toFixed(4),
    source_type: input.sourceType,
    source_id: input.sourceId,
    journal_entry_id: journalEntryId,
    created_by: ctx.actor?.userId ?? null,
  });
  if (input.from && !input.to) await checkMinimum(trx, ctx, item.id, input.from, q);
  return { id, value, journalEntryId };
}

/** The item's standard cost (the standard cost method needs one: 422 otherwise). */
export function standardCost(item: repo.ItemRow): Decimal {
  if (item.standard_cost === null) throw supplyErrors.noStandardCost(item.sku);
  return dec(item.standard_cost);
}

/** FIFO: takes `q` from the oldest layers; a shortfall (negative stock allowed) becomes a negative layer at the last cost. */
async function consumeLayers(trx: Tx, itemId: string, moveId: string, date: string, q: Decimal, last: Decimal) {
  let need = q;
  let raw = ZERO;
  for (const layer of await repo.openLayers(trx, itemId)) {
    const remaining = dec(layer.remaining);
    if (need.lte(0) || remaining.lte(0)) continue;
    const take = Decimal.min(need, remaining);
    raw = raw.plus(take.times(layer.unit_cost));
    need = need.minus(take);
    await repo.setLayerRemaining(trx, layer.id, qtyString(remaining.minus(take)));
  }
  if (need.gt(0)) {
    raw = raw.plus(need.times(last));
    await repo.insertLayer(trx, {
      item_id: itemId,
      move_id: moveId,
      layer_date: date,
      quantity: qtyString(need.neg()),
      remaining: qtyString(need.neg()),
      unit_cost: last.toFixed(6),
    });
  }
  return raw;
}

/**
 * FIFO: a new layer; when stock was negative, it first fills the negative layers (which then close).
 * Returns the unrounded value of every open layer afterwards (the target value when netting happened).
 */
async function addLayer(
  trx: Tx,
  itemId: string,
  moveId: string,
  date: string,
  q: Decimal,
  unitCost: Decimal,
  net: boolean,
) {
  let remaining = q;
  let target = ZERO;
  if (net) {
    for (const layer of await repo.openLayers(trx, itemId)) {
      const r = dec(layer.remaining);
      if (r.lt(0) && remaining.gt(0)) {
        const n = Decimal.min(remaining, r.neg());
        remaining = remaining.minus(n);
        await repo.setLayerRemaining(trx, layer.id, qtyString(r.plus(n)));
        target = target.plus(r.plus(n).times(layer.unit_cost));
      } else target = target.plus(r.times(layer.unit_cost));
    }
  }
  await repo.insertLayer(trx, {
    item_id: itemId,
    move_id: moveId,
    layer_date: date,
    quantity: qtyString(q),
    remaining: qtyString(remaining),
    unit_cost: unitCost.toFixed(6),
  });
  return target.plus(remaining.times(unitCost));
}

async function post(
  trx: Tx,
  ctx: RequestContext,
  input: MoveInput,
  moveId: string,
  value: Decimal,
  correction: Decimal,
  dp: number,
): Promise<string | null> {
  const sums = new Map<string, Decimal>();
  const add = (account: string, amount: Decimal) => sums.set(account, (sums.get(account) ?? ZERO).plus(amount));
  add(input.accounts.inventory, value);
  add(input.accounts.cogs, correction);
  const rest = value.plus(correction).neg();
  if (input.counter.signedAmount !== undefined) {
    add(input.counter.accountId, input.counter.signedAmount);
    add(input.counter.differenceAccountId ?? input.accounts.priceDifference, rest.minus(input.counter.signedAmount));
  } else add(input.counter.accountId, rest);
  const lines = [...sums]
    .filter(([, amount]) => !amount.isZero())
    .map(([accountId, amount]) => ({
      accountId,
      ...(amount.gt(0) ? { debit: amount.toFixed(dp) } : { credit: amount.neg().toFixed(dp) }),
      description: `${input.item.sku} ${qtyString(input.quantity)} ${input.item.uom}`,
    }));
  if (lines.length < 2) return null;
  const entry = await postJournalEntry(
    trx,
    ctx,
    {
      date: input.date,
      reference: input.reference.slice(0, 100),
      memo: `Stock ${input.kind}: ${input.item.sku}${input.reason ? ` (${input.reason})` : ''}`.slice(0, 2000),
      lines,
    },
    { sourceType: 'supply-move', sourceId: moveId },
  );
  return entry.id;
}

/** Emits `supply.stock.below-minimum` when this move takes the warehouse's available quantity below its rule's minimum. */
async function checkMinimum(trx: Tx, ctx: RequestContext, itemId: string, locationId: string, q: Decimal) {
  const rule = await rules.ruleForLocation(trx, itemId, locationId);
  if (!rule) return;
  const available = dec(await rules.availableInWarehouse(trx, itemId, rule.warehouse_id));
  if (available.lt(rule.min_quantity) && available.plus(q).gte(rule.min_quantity))
    await emit(trx, {
      type: stockBelowMinimum,
      payload: {
        itemId,
        warehouseId: rule.warehouse_id,
        available: qtyString(available),
        minQuantity: dec(rule.min_quantity).toFixed(4),
      },
      actorId: ctx.actor?.userId ?? null,
    });
}
