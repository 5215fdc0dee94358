import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { today } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { emit } from '../../../platform/events/emit.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { lookupParty } from '../../finance/index.js';
import { supplyErrors } from '../supply.errors.js';
import { deliveryDone } from '../supply.events.js';
import { trimZeros } from '../supply.shared.js';
import { applyMove, dec, qtyString, supplyAccounts, ZERO, type Dec, type SupplyAccounts } from './stock.engine.js';
import * as repo from './stock.repository.js';
import type {
  AdjustmentInput,
  CustomerReturnInput,
  DeliveryDto,
  DeliveryInput,
  ReservationInput,
  TransferInput,
  UpdateSettingsInput,
} from './stock.schemas.js';

// ---- shared by every stock operation (purchasing and counts too) ----

/** The item, which must exist and be stocked. */
export async function stockItem(trx: Db, itemId: string, path: string): Promise<repo.ItemRow> {
  const item = await repo.findItem(trx, itemId);
  if (!item) throw errors.invalidReference(path, 'Item', itemId);
  if (item.type !== 'stocked') throw supplyErrors.notStocked(item.sku, path);
  return item;
}

/** A quantity in `unit` (default: the base unit) → the base unit. */
export async function toBase(trx: Db, item: repo.ItemRow, quantity: string, unit: string | undefined, path: string) {
  const u = unit ?? item.uom;
  let factor = dec(1);
  if (u !== item.uom) {
    const row = await repo.findUnitFactor(trx, item.id, u);
    if (!row) throw supplyErrors.unknownUnit(item.sku, u, path.replace(/quantity$/, 'unit'));
    factor = dec(row.factor);
  }
  const base = dec(quantity).times(factor).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  if (base.lte(0)) throw errors.validation([{ path, message: 'Too small once converted to the base unit.' }]);
  return { base, unit: u, unitQuantity: dec(quantity) };
}

/** The locations a request names: one location, or every location of a warehouse (the default first). */
export async function placesOf(
  trx: Db,
  where: { warehouseId?: string | undefined; locationId?: string | undefined },
  path: string,
) {
  if (where.locationId) {
    const loc = await repo.findLocation(trx, where.locationId);
    if (!loc || (where.warehouseId && loc.warehouse_id !== where.warehouseId))
      throw errors.invalidReference(`${path}locationId`, 'Location', where.locationId);
    return [loc.id];
  }
  if (where.warehouseId) {
    const locs = await repo.warehouseLocationIds(trx, where.warehouseId);
    if (locs.length === 0) throw errors.invalidReference(`${path}warehouseId`, 'Warehouse', where.warehouseId);
    return locs.sort((a, b) => Number(b.is_default) - Number(a.is_default)).map((l) => l.id);
  }
  throw errors.validation([{ path: `${path}warehouseId`, message: 'Say where: a warehouseId or a locationId.' }]);
}

/** Where incoming goods go: the location, or the warehouse's default location. */
export async function incomingLocation(
  trx: Db,
  where: { warehouseId?: string | undefined; locationId?: string | undefined },
  path: string,
) {
  if (where.locationId) return (await placesOf(trx, where, path))[0]!;
  if (where.warehouseId) {
    const loc = await repo.findDefaultLocation(trx, where.warehouseId);
    if (!loc) throw errors.invalidReference(`${path}warehouseId`, 'Warehouse', where.warehouseId);
    return loc.id;
  }
  throw errors.validation([{ path: `${path}warehouseId`, message: 'Say where: a warehouseId or a locationId.' }]);
}

/** The lot of incoming goods: an existing one, or a new code (expiry defaults to date + shelf life). */
export async function incomingLot(
  trx: Db,
  item: repo.ItemRow,
  lot: { lotId?: string | undefined; lotCode?: string | undefined; expiryDate?: string | undefined },
  date: string,
  path: string,
): Promise<string | null> {
  if (item.tracking === 'none') return null;
  if (lot.lotId) {
    const row = await repo.findLot(trx, lot.lotId);
    if (!row || row.item_id !== item.id) throw errors.invalidReference(`${path}lotId`, 'Lot', lot.lotId);
    return row.id;
  }
  if (!lot.lotCode) throw supplyErrors.lotRequired(item.sku, `${path}lotCode`);
  let expiry = lot.expiryDate ?? null;
  if (!expiry && item.shelf_life_days) {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + item.shelf_life_days);
    expiry = d.toISOString().slice(0, 10);
  }
  return (await repo.upsertLot(trx, item.id, lot.lotCode, expiry)).id;
}

export interface Allocation {
  locationId: string;
  lotId: string | null;
  quantity: Dec;
}

/**
 * Takes `q` from the available stock of these locations, first expiry first out (a lot item's default).
 * Locks the item's cost row first (the order every stock change takes), then the balances it reads.
 */
export async function allocate(
  trx: Tx,
  item: repo.ItemRow,
  locationIds: string[],
  q: Dec,
  lotId: string | null | undefined,
  path: string,
) {
  await repo.lockItemCost(trx, item.id);
  if (lotId) {
    const lot = await repo.findLot(trx, lotId);
    if (!lot || lot.item_id !== item.id) throw errors.invalidReference(`${path}lotId`, 'Lot', lotId);
  }
  const out: Allocation[] = [];
  let need = q;
  for (const b of await repo.availableBalances(trx, item.id, locationIds, lotId)) {
    if (need.lte(0)) break;
    const take = Decimal.min(need, dec(b.available));
    out.push({ locationId: b.location_id, lotId: b.lot_id, quantity: take });
    need = need.minus(take);
  }
  if (need.gt(0)) {
    if (!item.allow_negative)
      throw supplyErrors.insufficientStock(item.sku, qtyString(q), qtyString(q.minus(need)), `${path}quantity`);
    out.push({ locationId: locationIds[0]!, lotId: lotId ?? null, quantity: need });
  }
  return out;
}

const moveDto = (m: { id: string; value: Dec; journalEntryId: string | null }, a: Allocation) => ({
  id: m.id,
  locationId: a.locationId,
  lotId: a.lotId,
  quantity: trimZeros(qtyString(a.quantity)),
  value: m.value.toFixed(2),
  journalEntryId: m.journalEntryId,
});

// ---- adjustments and transfers ----

export async function adjust(db: Db, ctx: RequestContext, input: AdjustmentInput) {
  return inTransaction(db, async (trx) => {
    const date = input.date ?? today();
    const item = await stockItem(trx, input.itemId, 'itemId');
    const { base, unit, unitQuantity } = await toBase(trx, item, input.quantity, input.unit, 'quantity');
    const accounts = await supplyAccounts(trx);
    const common = {
      kind: 'adjustment' as const,
      date,
      item,
      unit,
      unitQuantity,
      reason: input.reason,
      sourceType: 'adjustment',
      sourceId: null,
      reference: 'Stock adjustment',
      counter: { accountId: accounts.adjustment },
      accounts,
    };
    const moves = [];
    if (input.direction === 'in') {
      await repo.lockItemCost(trx, item.id);
      const to = await incomingLocation(trx, input, '');
      const lotId = await incomingLot(trx, item, input, date, '');
      const m = await applyMove(trx, ctx, {
        ...common,
        quantity: base,
        from: null,
        to,
        lotId,
        unitCost: input.unitCost !== undefined ? dec(input.unitCost) : undefined,
      });
      moves.push(moveDto(m, { locationId: to, lotId, quantity: base }));
    } else {
      const places = await placesOf(trx, input, '');
      for (const a of await allocate(trx, item, places, base, input.lotId, '')) {
        const m = await applyMove(trx, ctx, {
          ...common,
          quantity: a.quantity,
          unitQuantity: a.quantity,
          from: a.locationId,
          to: null,
          lotId: a.lotId,
        });
        moves.push(moveDto(m, a));
      }
    }
    await writeAudit(trx, ctx, {
      action: 'stock.adjusted',
      entityType: 'supply.item',
      entityId: item.id,
      after: { ...input, moves },
    });
    return { moves };
  });
}

export async function transfer(db: Db, ctx: RequestContext, input: TransferInput) {
  return inTransaction(db, async (trx) => {
    const date = input.date ?? today();
    const item = await stockItem(trx, input.itemId, 'itemId');
    const { base, unit } = await toBase(trx, item, input.quantity, input.unit, 'quantity');
    const to = (await placesOf(trx, { locationId: input.toLocationId }, 'to'))[0]!;
    const from = (await placesOf(trx, { locationId: input.fromLocationId }, 'from'))[0]!;
    if (to === from) throw errors.validation([{ path: 'toLocationId', message: 'Transfer to another location.' }]);
    const accounts = await supplyAccounts(trx);
    const moves = [];
    for (const a of await allocate(trx, item, [from], base, input.lotId, '')) {
      const m = await applyMove(trx, ctx, {
        kind: 'transfer',
        date,
        item,
        quantity: a.quantity,
        unit,
        unitQuantity: a.quantity,
        from,
        to,
        lotId: a.lotId,
        reason: input.reason,
        sourceType: 'transfer',
        sourceId: null,
        reference: 'Stock transfer',
        counter: { accountId: accounts.inventory },
        accounts,
      });
      moves.push(moveDto(m, { ...a, locationId: to }));
    }
    await writeAudit(trx, ctx, {
      action: 'stock.transferred',
      entityType: 'supply.item',
      entityId: item.id,
      after: { ...input },
    });
    return { moves };
  });
}

// ---- reservations ----

/** Reserves stock (first expiry first out) under a new source id; available = on hand − reserved. */
export async function reserve(
  db: Db,
  ctx: RequestContext,
  input: ReservationInput,
  sourceType = 'reservation',
  sourceId = randomUUID(),
) {
  return inTransaction(db, async (trx) => {
    const item = await stockItem(trx, input.itemId, 'itemId');
    const { base } = await toBase(trx, item, input.quantity, input.unit, 'quantity');
    const places = await placesOf(trx, input, '');
    await repo.lockItemCost(trx, item.id);
    const reservations = [];
    const allocations = await allocate(trx, { ...item, allow_negative: false }, places, base, input.lotId, '');
    for (const a of allocations) {
      const balance = await repo.lockBalance(trx, item.id, a.locationId, a.lotId);
      await repo.changeBalance(trx, balance.id, '0', qtyString(a.quantity));
      const row = await repo.insertReservation(trx, {
        balance_id: balance.id,
        quantity: qtyString(a.quantity),
        source_type: sourceType,
        source_id: sourceId,
      });
      reservations.push({
        id: row.id,
        itemId: item.id,
        locationId: a.locationId,
        lotId: a.lotId,
        quantity: trimZeros(qtyString(a.quantity)),
      });
    }
    await writeAudit(trx, ctx, {
      action: 'stock.reserved',
      entityType: 'supply.item',
      entityId: item.id,
      after: { ...input, sourceId },
    });
    return { sourceId, reservations };
  });
}

export async function releaseReservation(db: Db, ctx: RequestContext, sourceId: string) {
  await inTransaction(db, async (trx) => {
    const rows = await repo.reservationsOf(trx, 'reservation', sourceId);
    if (rows.length === 0) throw errors.notFound('Reservation', sourceId);
    for (const r of [...rows].sort((a, b) => a.item_id.localeCompare(b.item_id))) {
      await repo.lockItemCost(trx, r.item_id);
      await repo.lockBalance(trx, r.item_id, r.location_id, r.lot_id);
      await repo.changeBalance(trx, r.balance_id, '0', qtyString(dec(r.quantity).neg()));
      await repo.deleteReservation(trx, r.id);
    }
    await writeAudit(trx, ctx, {
      action: 'stock.reservation-released',
      entityType: 'supply.reservation',
      entityId: sourceId,
    });
  });
}

// ---- deliveries and customer returns ----

export interface Outgoing {
  item: repo.ItemRow;
  allocation: Allocation;
  release: Dec;
  unit: string;
  unitQuantity: Dec;
  salesOrderLineId?: string | undefined;
}

async function deliveryDto(db: Db, id: string): Promise<DeliveryDto> {
  const d = await repo.findDelivery(db, id);
  if (!d) throw errors.notFound('Delivery', id);
  const lines = await repo.deliveryLines(db, id);
  return {
    id: d.id,
    number: d.number,
    kind: d.kind,
    customerId: d.customer_id,
    date: d.delivery_date,
    reference: d.reference,
    lines: lines.map((l) => ({
      id: l.id,
      itemId: l.item_id,
      locationId: l.location_id,
      lotId: l.lot_id,
      quantity: trimZeros(l.quantity),
      value: dec(l.value).toFixed(2),
    })),
  };
}

export const getDelivery = (db: Db, id: string) => deliveryDto(db, id);

/**
 * Goods out to a customer: from a reservation (which it uses up) or from lines (first expiry first
 * out), each line a delivery move valued at cost and posted (COGS against inventory).
 */
export async function deliver(db: Db, ctx: RequestContext, input: DeliveryInput) {
  return inTransaction(db, async (trx) => {
    const date = input.date ?? today();
    if (input.customerId && !(await lookupParty(trx, input.customerId, 'customer')))
      throw errors.invalidReference('customerId', 'Customer', input.customerId);
    const outgoing: Outgoing[] = [];
    if (input.reservationSourceId) {
      const rows = await repo.reservationsOf(trx, 'reservation', input.reservationSourceId);
      if (rows.length === 0)
        throw errors.invalidReference('reservationSourceId', 'Reservation', input.reservationSourceId);
      for (const r of [...rows].sort((a, b) => a.item_id.localeCompare(b.item_id))) {
        const item = await stockItem(trx, r.item_id, 'reservationSourceId');
        const q = dec(r.quantity);
        outgoing.push({
          item,
          allocation: { locationId: r.location_id, lotId: r.lot_id, quantity: q },
          release: q,
          unit: item.uom,
          unitQuantity: q,
        });
        await repo.deleteReservation(trx, r.id);
      }
    } else {
      if (input.lines.length === 0) throw errors.validation([{ path: 'lines', message: 'Deliver at least one line.' }]);
      const order = input.lines.map((l, i) => ({ l, i })).sort((a, b) => a.l.itemId.localeCompare(b.l.itemId));
      for (const { l, i } of order) {
        const path = `lines.${i}.`;
        const item = await stockItem(trx, l.itemId, `${path}itemId`);
        const { base, unit } = await toBase(trx, item, l.quantity, l.unit, `${path}quantity`);
        const places = await placesOf(trx, l, path);
        for (const a of await allocate(trx, item, places, base, l.lotId, path))
          outgoing.push({ item, allocation: a, release: ZERO, unit, unitQuantity: a.quantity });
      }
    }
    const delivery = await writeDelivery(trx, ctx, {
      date,
      customerId: input.customerId ?? null,
      reference: input.reference,
      outgoing,
    });
    await writeAudit(trx, ctx, {
      action: 'delivery.done',
      entityType: 'supply.delivery',
      entityId: delivery.id,
      after: { ...input, number: delivery.number },
    });
    return deliveryDto(trx, delivery.id);
  });
}

/**
 * Writes a delivery and its moves (each valued and posted: COGS against inventory) and emits
 * `supply.delivery.done`; the stock was allocated (and locked) by the caller.
 */
export async function writeDelivery(
  trx: Tx,
  ctx: RequestContext,
  d: { date: string; customerId: string | null; reference: string; outgoing: Outgoing[]; salesOrderId?: string },
) {
  const { date, outgoing } = d;
  {
    const accounts = await supplyAccounts(trx);
    const number = await repo.nextNumber(trx, 'DL');
    const delivery = await repo.insertDelivery(trx, {
      number,
      kind: 'delivery',
      customer_id: d.customerId,
      delivery_date: date,
      reference: d.reference,
      created_by: ctx.actor?.userId ?? null,
      sales_order_id: d.salesOrderId ?? null,
    });
    for (const o of outgoing) {
      const m = await applyMove(trx, ctx, {
        kind: 'delivery',
        date,
        item: o.item,
        quantity: o.allocation.quantity,
        unit: o.unit,
        unitQuantity: o.unitQuantity,
        from: o.allocation.locationId,
        to: null,
        lotId: o.allocation.lotId,
        reason: 'sale',
        sourceType: 'delivery',
        sourceId: delivery.id,
        reference: number,
        counter: { accountId: accounts.cogs },
        releaseReserved: o.release,
        accounts,
      });
      await repo.insertDeliveryLine(trx, {
        delivery_id: delivery.id,
        item_id: o.item.id,
        location_id: o.allocation.locationId,
        lot_id: o.allocation.lotId,
        quantity: qtyString(o.allocation.quantity),
        value: m.value.neg().toFixed(4),
        returns_line_id: null,
        sales_order_line_id: o.salesOrderLineId ?? null,
      });
    }
    await emit(trx, {
      type: deliveryDone,
      payload: {
        deliveryId: delivery.id,
        number,
        customerId: delivery.customer_id,
        lines: outgoing.map((o) => ({ itemId: o.item.id, quantity: qtyString(o.allocation.quantity) })),
      },
      actorId: ctx.actor?.userId ?? null,
    });
    return delivery;
  }
}

/** Goods back from a customer, at the cost they left at (inventory against COGS). */
export async function customerReturn(db: Db, ctx: RequestContext, deliveryId: string, input: CustomerReturnInput) {
  return inTransaction(db, async (trx) => {
    const date = input.date ?? today();
    const original = await repo.findDelivery(trx, deliveryId);
    if (!original || original.kind !== 'delivery') throw errors.notFound('Delivery', deliveryId);
    const accounts = await supplyAccounts(trx);
    const number = await repo.nextNumber(trx, 'RT');
    const ret = await repo.insertDelivery(trx, {
      number,
      kind: 'return',
      customer_id: original.customer_id,
      delivery_date: date,
      reference: original.number,
      created_by: ctx.actor?.userId ?? null,
      sales_order_id: original.sales_order_id,
    });
    for (const [i, l] of input.lines.entries()) {
      const path = `lines.${i}.`;
      const line = await repo.deliveryLine(trx, l.deliveryLineId);
      if (!line || line.delivery_id !== deliveryId)
        throw errors.invalidReference(`${path}deliveryLineId`, 'Delivery line', l.deliveryLineId);
      const item = await stockItem(trx, line.item_id, `${path}deliveryLineId`);
      await repo.lockItemCost(trx, item.id);
      const left = dec(line.quantity).minus(await repo.returnedQuantity(trx, line.id));
      const q = dec(l.quantity);
      if (q.gt(left)) throw supplyErrors.nothingToReturn(`${path}quantity`, trimZeros(qtyString(left)));
      const to = l.locationId ? (await placesOf(trx, { locationId: l.locationId }, path))[0]! : line.location_id;
      const m = await applyMove(trx, ctx, {
        kind: 'customer-return',
        date,
        item,
        quantity: q,
        unit: item.uom,
        unitQuantity: q,
        from: null,
        to,
        lotId: line.lot_id,
        reason: input.reason,
        sourceType: 'customer-return',
        sourceId: ret.id,
        reference: number,
        unitCost: dec(line.value).div(line.quantity).toDecimalPlaces(6),
        counter: { accountId: accounts.cogs },
        accounts,
      });
      await repo.insertDeliveryLine(trx, {
        delivery_id: ret.id,
        item_id: item.id,
        location_id: to,
        lot_id: line.lot_id,
        quantity: qtyString(q),
        value: m.value.toFixed(4),
        returns_line_id: line.id,
        sales_order_line_id: null,
      });
    }
    await writeAudit(trx, ctx, {
      action: 'delivery.returned',
      entityType: 'supply.delivery',
      entityId: ret.id,
      after: { ...input, deliveryId },
    });
    return deliveryDto(trx, ret.id);
  });
}

// ---- settings and lots ----

const settingsDto = (s: Awaited<ReturnType<typeof repo.findSettings>>) => ({
  valuationMethod: s.valuation_method,
  overReceiptPercent: trimZeros(s.over_receipt_percent),
  priceTolerancePercent: trimZeros(s.price_tolerance_percent),
  version: s.version,
});

export const getSettings = async (db: Db) => settingsDto(await repo.findSettings(db));

export async function updateSettings(db: Db, ctx: RequestContext, input: UpdateSettingsInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findSettings(trx, { forUpdate: true });
    assertVersion('Supply settings', before, input.version);
    if (input.valuationMethod && input.valuationMethod !== before.valuation_method && (await repo.anyMove(trx)))
      throw errors.conflict('The valuation method can change only before the first stock move.');
    await repo.updateSettings(trx, {
      ...(input.valuationMethod ? { valuation_method: input.valuationMethod } : {}),
      ...(input.overReceiptPercent ? { over_receipt_percent: input.overReceiptPercent } : {}),
      ...(input.priceTolerancePercent ? { price_tolerance_percent: input.priceTolerancePercent } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'settings.updated',
      entityType: 'supply.settings',
      entityId: '1',
      before: { ...before },
      after: { ...input },
    });
    return settingsDto(await repo.findSettings(trx));
  });
}

export async function listLots(db: Db, itemId: string) {
  const rows = await repo.lotsOf(db, itemId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      itemId: r.item_id,
      code: r.code,
      expiryDate: r.expiry_date,
      onHand: trimZeros(String(r.on_hand ?? 0)),
    })),
  };
}

export type { SupplyAccounts };
