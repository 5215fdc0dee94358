import { Decimal } from 'decimal.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp, today } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { emit } from '../../../platform/events/emit.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { minorUnits } from '../../../platform/money/money.js';
import {
  baseCurrency,
  createDocumentDraft,
  issueDocument,
  lookupParty,
  postJournalEntry,
} from '../../finance/index.js';
import { baseQuantity, entered, lineUnit, listPrice } from '../order-lines.js';
import { applyMove, dec, qtyString, supplyAccounts, ZERO } from '../stock/stock.engine.js';
import * as stockRepo from '../stock/stock.repository.js';
import { incomingLocation, incomingLot, stockItem } from '../stock/stock.service.js';
import { supplyErrors } from '../supply.errors.js';
import { receiptDone } from '../supply.events.js';
import { trimZeros } from '../supply.shared.js';
import * as repo from './purchasing.repository.js';
import type {
  BillInput,
  CreateOrderInput,
  OrderDto,
  OrderFilter,
  ReceiptDto,
  ReceiveInput,
  SupplierReturnInput,
  UpdateOrderInput,
} from './purchasing.schemas.js';

const ENTITY = 'supply.purchase-order';
type DocumentDraftInput = Parameters<typeof createDocumentDraft>[3];

function orderDto(o: repo.OrderRow, lines: Awaited<ReturnType<typeof repo.orderLines>>): OrderDto {
  const total = lines.reduce((s, l) => s.plus(dec(l.quantity).times(l.unit_price)), ZERO);
  return {
    id: o.id,
    number: o.number,
    supplierId: o.supplier_id,
    warehouseId: o.warehouse_id,
    orderDate: o.order_date,
    expectedDate: o.expected_date,
    currency: o.currency,
    exchangeRate: trimZeros(o.exchange_rate),
    status: o.status,
    memo: o.memo,
    total: total.toFixed(minorUnits(o.currency)),
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      itemId: l.item_id,
      sku: l.sku,
      unit: l.unit,
      factor: trimZeros(l.factor),
      quantity: trimZeros(l.quantity),
      baseQuantity: trimZeros(qtyString(dec(l.quantity).times(l.factor))),
      unitPrice: trimZeros(l.unit_price),
      expectedDate: l.expected_date,
      receivedQuantity: trimZeros(l.received_quantity),
      billedQuantity: trimZeros(l.billed_quantity),
    })),
    version: o.version,
    createdAt: isoTimestamp(o.created_at),
    updatedAt: isoTimestamp(o.updated_at),
  };
}

async function orderView(db: Db, id: string) {
  const o = await repo.findOrder(db, id);
  if (!o) throw errors.notFound('Purchase order', id);
  return orderDto(o, await repo.orderLines(db, [id]));
}

export const getOrder = (db: Db, id: string) => orderView(db, id);

export async function listOrders(db: Db, filter: OrderFilter) {
  const page = await repo.listOrders(db, filter);
  return {
    items: page.items.map((o) => {
      const { lines: _lines, ...dto } = orderDto(o, []);
      return { ...dto, total: dec(o.total ?? 0).toFixed(minorUnits(o.currency)) };
    }),
    nextCursor: page.nextCursor,
  };
}

async function orderLinesFor(
  trx: Tx,
  input: { lines: CreateOrderInput['lines'] },
  supplierId: string,
  currency: string,
) {
  const out = [];
  for (const [i, l] of input.lines.entries()) {
    const item = await stockItem(trx, l.itemId, `lines.${i}.itemId`);
    const unit = await lineUnit(trx, item, l.unit, `lines.${i}.unit`);
    const base = baseQuantity(l.quantity, unit, `lines.${i}.quantity`);
    let price = l.unitPrice;
    if (price === undefined) {
      price = await listPrice(trx, {
        itemId: l.itemId,
        base,
        unit,
        kind: 'purchase',
        currency,
        partyId: supplierId,
      });
      if (price === undefined)
        throw errors.validation([
          { path: `lines.${i}.unitPrice`, message: 'No supplier price list has this item: give the price.' },
        ]);
    }
    out.push({
      line_no: i + 1,
      item_id: l.itemId,
      unit: unit.unit,
      factor: unit.factor.toFixed(6),
      quantity: l.quantity,
      unit_price: price,
      expected_date: l.expectedDate ?? null,
    });
  }
  return out;
}

/** A draft purchase order (prices default to the supplier's price list, with quantity breaks). */
export async function createOrder(db: Db, ctx: RequestContext, input: CreateOrderInput) {
  return inTransaction(db, async (trx) => {
    const supplier = await lookupParty(trx, input.supplierId, 'vendor');
    if (!supplier) throw errors.invalidReference('supplierId', 'Supplier', input.supplierId);
    if (!(await stockRepo.findDefaultLocation(trx, input.warehouseId)))
      throw errors.invalidReference('warehouseId', 'Warehouse', input.warehouseId);
    const base = await baseCurrency(trx);
    const currency = input.currency ?? supplier.currency ?? base;
    if (currency !== base && !input.exchangeRate)
      throw errors.validation([
        { path: 'exchangeRate', message: `An order in ${currency} needs its rate to ${base}.` },
      ]);
    if (currency === base && input.exchangeRate && !dec(input.exchangeRate).eq(1))
      throw errors.validation([{ path: 'exchangeRate', message: 'An order in the base currency has the rate 1.' }]);
    const lines = await orderLinesFor(trx, input, supplier.id, currency);
    const row = await repo.insertOrder(trx, {
      number: await stockRepo.nextNumber(trx, 'PO'),
      supplier_id: supplier.id,
      warehouse_id: input.warehouseId,
      order_date: input.orderDate ?? today(),
      expected_date: input.expectedDate ?? null,
      currency,
      exchange_rate: currency === base ? '1' : input.exchangeRate!,
      memo: input.memo,
      created_by: ctx.actor?.userId ?? null,
    });
    await repo.replaceOrderLines(trx, row.id, lines);
    await writeAudit(trx, ctx, {
      action: 'purchase-order.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...input, number: row.number },
    });
    return orderView(trx, row.id);
  });
}

export async function updateOrder(db: Db, ctx: RequestContext, id: string, input: UpdateOrderInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findOrder(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Purchase order', id);
    assertVersion('Purchase order', before, input.version);
    if (input.lines) {
      if (before.status !== 'draft')
        throw supplyErrors.orderStatus(before.number, before.status, 'changed line by line');
      await repo.replaceOrderLines(
        trx,
        id,
        await orderLinesFor(trx, { lines: input.lines }, before.supplier_id, before.currency),
      );
    } else if (before.status === 'cancelled' || before.status === 'received')
      throw supplyErrors.orderStatus(before.number, before.status, 'changed');
    await repo.updateOrder(trx, id, {
      ...(input.expectedDate !== undefined ? { expected_date: input.expectedDate } : {}),
      ...(input.memo !== undefined ? { memo: input.memo } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'purchase-order.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...input },
    });
    return orderView(trx, id);
  });
}

async function setStatus(db: Db, ctx: RequestContext, id: string, version: number, to: 'ordered' | 'cancelled') {
  return inTransaction(db, async (trx) => {
    const before = await repo.findOrder(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Purchase order', id);
    assertVersion('Purchase order', before, version);
    const allowed =
      to === 'ordered' ? before.status === 'draft' : before.status === 'draft' || before.status === 'ordered';
    if (!allowed)
      throw supplyErrors.orderStatus(before.number, before.status, to === 'ordered' ? 'confirmed' : 'cancelled');
    await repo.updateOrder(trx, id, { status: to });
    await writeAudit(trx, ctx, {
      action: `purchase-order.${to}`,
      entityType: ENTITY,
      entityId: id,
      before: { status: before.status },
      after: { status: to },
    });
    return orderView(trx, id);
  });
}

export const confirmOrder = (db: Db, ctx: RequestContext, id: string, version: number) =>
  setStatus(db, ctx, id, version, 'ordered');
export const cancelOrder = (db: Db, ctx: RequestContext, id: string, version: number) =>
  setStatus(db, ctx, id, version, 'cancelled');

async function receiptDto(db: Db, r: NonNullable<Awaited<ReturnType<typeof repo.findReceipt>>>): Promise<ReceiptDto> {
  const lines = await repo.receiptLines(db, [r.id]);
  const units = new Map((await repo.orderLines(db, [r.order_id])).map((l) => [l.id, l.unit]));
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    orderId: r.order_id,
    date: r.receipt_date,
    billId: r.bill_id,
    lines: lines.map((l) => ({
      id: l.id,
      orderLineId: l.order_line_id,
      itemId: l.item_id,
      locationId: l.location_id,
      lotId: l.lot_id,
      unit: units.get(l.order_line_id) ?? '',
      quantity: trimZeros(l.quantity),
      unitCost: trimZeros(l.unit_cost),
      billedQuantity: trimZeros(l.billed_quantity),
      returnedQuantity: trimZeros(l.returned_quantity),
    })),
  };
}

export async function getReceipt(db: Db, id: string) {
  const r = await repo.findReceipt(db, id);
  if (!r) throw errors.notFound('Receipt', id);
  return receiptDto(db, r);
}

export async function listReceipts(db: Db, orderId: string) {
  if (!(await repo.findOrder(db, orderId))) throw errors.notFound('Purchase order', orderId);
  const rows = await repo.receiptsOf(db, orderId);
  return { items: await Promise.all(rows.map((r) => receiptDto(db, r))) };
}

function orderStatusAfter(lines: { quantity: string; received_quantity: string }[]) {
  const any = lines.some((l) => dec(l.received_quantity).gt(0));
  const all = lines.every((l) => dec(l.received_quantity).gte(l.quantity));
  return all ? ('received' as const) : any ? ('partially-received' as const) : ('ordered' as const);
}

/**
 * Goods in against an ordered purchase order: partial receipts are fine; beyond the ordered quantity
 * only up to the over-receipt tolerance (settings). Each line is a receipt move at the order price
 * (in the base currency), posted inventory against goods received not invoiced.
 */
export async function receive(db: Db, ctx: RequestContext, orderId: string, input: ReceiveInput) {
  return inTransaction(db, async (trx) => {
    const order = await repo.findOrder(trx, orderId, { forUpdate: true });
    if (!order) throw errors.notFound('Purchase order', orderId);
    if (order.status !== 'ordered' && order.status !== 'partially-received')
      throw supplyErrors.orderStatus(order.number, order.status, 'received (confirm it first)');
    const settings = await stockRepo.findSettings(trx);
    const tolerance = dec(settings.over_receipt_percent).div(100).plus(1);
    const lines = new Map((await repo.orderLines(trx, [orderId], { forUpdate: true })).map((l) => [l.id, l]));
    const date = input.date ?? today();
    const location = await incomingLocation(trx, { warehouseId: order.warehouse_id, locationId: input.locationId }, '');
    const accounts = await supplyAccounts(trx);
    const number = await stockRepo.nextNumber(trx, 'GR');
    const receipt = await repo.insertReceipt(trx, {
      number,
      kind: 'receipt',
      order_id: orderId,
      receipt_date: date,
      created_by: ctx.actor?.userId ?? null,
    });
    const order_ = input.lines
      .map((l, i) => ({ l, i }))
      .sort((a, b) =>
        (lines.get(a.l.orderLineId)?.item_id ?? '').localeCompare(lines.get(b.l.orderLineId)?.item_id ?? ''),
      );
    for (const { l, i } of order_) {
      const path = `lines.${i}.`;
      const line = lines.get(l.orderLineId);
      if (!line) throw errors.invalidReference(`${path}orderLineId`, 'Order line', l.orderLineId);
      const q = dec(l.quantity);
      const allowed = dec(line.quantity).times(tolerance);
      const after = dec(line.received_quantity).plus(q);
      if (after.gt(allowed))
        throw supplyErrors.overReceipt(
          `${path}quantity`,
          trimZeros(line.quantity),
          trimZeros(qtyString(allowed)),
          trimZeros(qtyString(q)),
        );
      line.received_quantity = qtyString(after);
      const item = await stockItem(trx, line.item_id, `${path}orderLineId`);
      await stockRepo.lockItemCost(trx, item.id);
      const lotId = await incomingLot(trx, item, l, date, path);
      const unit = { unit: line.unit, factor: dec(line.factor) };
      const base = baseQuantity(q, unit, `${path}quantity`);
      // Per the line's unit in the base currency; the move's value is exactly quantity × that cost.
      const unitCost = dec(line.unit_price).times(order.exchange_rate).toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
      await applyMove(trx, ctx, {
        kind: 'receipt',
        date,
        item,
        quantity: base,
        ...entered(item, unit, base),
        from: null,
        to: location,
        lotId,
        reason: 'purchase',
        sourceType: 'receipt',
        sourceId: receipt.id,
        reference: `${number} ${order.number}`,
        unitCost: unitCost.div(unit.factor).toDecimalPlaces(6, Decimal.ROUND_HALF_UP),
        incomingValue: q.times(unitCost).toDecimalPlaces(minorUnits(accounts.currency), Decimal.ROUND_HALF_UP),
        counter: { accountId: accounts.grni },
        accounts,
      });
      await repo.addReceived(trx, line.id, qtyString(q));
      await repo.insertReceiptLine(trx, {
        receipt_id: receipt.id,
        order_line_id: line.id,
        item_id: item.id,
        location_id: location,
        lot_id: lotId,
        quantity: qtyString(q),
        unit_cost: unitCost.toFixed(6),
        returns_line_id: null,
      });
    }
    await repo.updateOrder(trx, orderId, { status: orderStatusAfter([...lines.values()]) });
    await emit(trx, {
      type: receiptDone,
      payload: {
        receiptId: receipt.id,
        number,
        orderId,
        supplierId: order.supplier_id,
        lines: input.lines.map((l) => {
          const line = lines.get(l.orderLineId)!;
          return { itemId: line.item_id, quantity: qtyString(dec(l.quantity).times(line.factor)) };
        }),
      },
      actorId: ctx.actor?.userId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'receipt.done',
      entityType: 'supply.receipt',
      entityId: receipt.id,
      after: { ...input, orderId, number },
    });
    return receiptDto(trx, receipt);
  });
}

/**
 * The supplier's bill for a receipt, checked three ways (order price, received quantity, billed
 * quantity): a quantity beyond what was received and not yet billed, or a price off the order price by
 * more than the tolerance, refuses the whole bill (422, every mismatch listed) and posts nothing. A
 * matching bill is created and issued in Finance (goods received not invoiced against payable); a
 * price difference within the tolerance goes to purchase price differences.
 */
export async function billReceipt(db: Db, ctx: RequestContext, receiptId: string, input: BillInput) {
  return inTransaction(db, async (trx) => {
    const receipt = await repo.findReceipt(trx, receiptId, { forUpdate: true });
    if (!receipt || receipt.kind !== 'receipt') throw errors.notFound('Receipt', receiptId);
    const order = (await repo.findOrder(trx, receipt.order_id, { forUpdate: true }))!;
    const rLines = await repo.receiptLines(trx, [receiptId], { forUpdate: true });
    const oLines = new Map((await repo.orderLines(trx, [order.id], { forUpdate: true })).map((l) => [l.id, l]));
    const open = (l: repo.ReceiptLineRow) => dec(l.quantity).minus(l.billed_quantity).minus(l.returned_quantity);
    const wanted =
      input.lines ??
      rLines
        .filter((l) => open(l).gt(0))
        .map((l) => ({
          receiptLineId: l.id,
          quantity: qtyString(open(l)),
          unitPrice: oLines.get(l.order_line_id)!.unit_price,
        }));
    if (wanted.length === 0) throw supplyErrors.nothingToBill(receipt.number);
    const tolerance = dec((await stockRepo.findSettings(trx)).price_tolerance_percent).div(100);
    const mismatches: { path: string; message: string; code: string }[] = [];
    const byLine = new Map(rLines.map((l) => [l.id, l]));
    const matched = [];
    const seen = new Set<string>();
    for (const [i, w] of wanted.entries()) {
      const line = byLine.get(w.receiptLineId);
      if (!line || seen.has(w.receiptLineId)) {
        mismatches.push({
          path: `lines.${i}.receiptLineId`,
          message: 'Not a line of this receipt (or listed twice).',
          code: 'unknown_line',
        });
        continue;
      }
      seen.add(w.receiptLineId);
      const orderLine = oLines.get(line.order_line_id)!;
      const q = dec(w.quantity);
      if (q.gt(open(line)))
        mismatches.push({
          path: `lines.${i}.quantity`,
          message: `Billed ${trimZeros(w.quantity)}, but only ${trimZeros(qtyString(open(line)))} was received and not yet billed or returned.`,
          code: 'quantity_mismatch',
        });
      const orderPrice = dec(orderLine.unit_price);
      const diff = dec(w.unitPrice).minus(orderPrice);
      if (diff.abs().gt(orderPrice.times(tolerance)))
        mismatches.push({
          path: `lines.${i}.unitPrice`,
          message: `Billed at ${trimZeros(w.unitPrice)}, but the order price is ${trimZeros(orderLine.unit_price)} (tolerance ${trimZeros(tolerance.times(100).toString())}%).`,
          code: 'price_mismatch',
        });
      matched.push({ line, orderLine, sku: orderLine.sku, q, price: dec(w.unitPrice), orderPrice });
    }
    if (mismatches.length > 0) throw supplyErrors.threeWayMismatch(mismatches);

    const accounts = await supplyAccounts(trx);
    const base = await baseCurrency(trx);
    const date = input.date ?? today();
    const dp = minorUnits(order.currency);
    const draftLines: DocumentDraftInput['lines'] = [];
    let lower = ZERO; // billed below the order price: GRNI cleared at the order price, the rest to price differences
    for (const m of matched) {
      const higher = m.price.gt(m.orderPrice);
      draftLines.push({
        description: `${m.sku} × ${trimZeros(qtyString(m.q))} (${order.number})`,
        quantity: qtyString(m.q),
        unitPrice: (higher ? m.orderPrice : m.price).toFixed(4),
        discountPercent: '0',
        taxRate: '0',
        accountId: accounts.grni,
      });
      if (higher)
        draftLines.push({
          description: `Price difference ${m.sku} (${order.number})`,
          quantity: '1',
          unitPrice: m.price.minus(m.orderPrice).times(m.q).toFixed(dp, Decimal.ROUND_HALF_UP),
          discountPercent: '0',
          taxRate: '0',
          accountId: accounts.priceDifference,
        });
      else lower = lower.plus(m.orderPrice.minus(m.price).times(m.q));
      await repo.markLineBilled(trx, m.line.id, qtyString(m.q));
      await repo.addBilled(trx, m.orderLine.id, qtyString(m.q));
    }
    const draft: DocumentDraftInput = {
      partyId: order.supplier_id,
      date,
      currency: order.currency,
      ...(order.currency !== base ? { exchangeRate: trimZeros(order.exchange_rate) } : {}),
      reference: (input.supplierReference || receipt.number).slice(0, 100),
      memo: `${order.number} / ${receipt.number}`,
      lines: draftLines,
    };
    const billId = await createDocumentDraft(trx, ctx, 'bill', draft);
    const issued = await issueDocument(trx, ctx, 'bill', billId, undefined);
    const lowerAmount = lower.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
    if (lowerAmount.gt(0))
      await postJournalEntry(
        trx,
        ctx,
        {
          date,
          reference: receipt.number,
          memo: `Price difference on ${order.number} / ${receipt.number}`,
          currency: order.currency,
          ...(order.currency !== base ? { exchangeRate: trimZeros(order.exchange_rate) } : {}),
          lines: [
            { accountId: accounts.grni, debit: lowerAmount.toFixed(dp), description: 'Billed below the order price' },
            {
              accountId: accounts.priceDifference,
              credit: lowerAmount.toFixed(dp),
              description: 'Billed below the order price',
            },
          ],
        },
        { sourceType: 'supply-bill-price-difference', sourceId: receiptId },
      );
    await repo.setReceiptBill(trx, receiptId, billId);
    const total = matched.reduce((s, m) => s.plus(m.price.times(m.q).toDecimalPlaces(dp, Decimal.ROUND_HALF_UP)), ZERO);
    const difference = matched.reduce((s, m) => s.plus(m.price.minus(m.orderPrice).times(m.q)), ZERO);
    await writeAudit(trx, ctx, {
      action: 'receipt.billed',
      entityType: 'supply.receipt',
      entityId: receiptId,
      after: { billId, ...input },
    });
    return {
      billId,
      number: issued.number,
      total: total.toFixed(dp),
      priceDifference: difference.toFixed(dp, Decimal.ROUND_HALF_UP),
      receipt: await receiptDto(trx, (await repo.findReceipt(trx, receiptId))!),
    };
  });
}

/**
 * Goods back to the supplier from a receipt, before they are billed (billed goods go back with a vendor
 * credit in Finance): out of stock at their cost, goods received not invoiced cleared at the receipt
 * cost, the difference (FIFO may take other layers) to price differences.
 */
export async function returnToSupplier(db: Db, ctx: RequestContext, receiptId: string, input: SupplierReturnInput) {
  return inTransaction(db, async (trx) => {
    const receipt = await repo.findReceipt(trx, receiptId, { forUpdate: true });
    if (!receipt || receipt.kind !== 'receipt') throw errors.notFound('Receipt', receiptId);
    const order = (await repo.findOrder(trx, receipt.order_id, { forUpdate: true }))!;
    const rLines = new Map((await repo.receiptLines(trx, [receiptId], { forUpdate: true })).map((l) => [l.id, l]));
    const oLines = new Map((await repo.orderLines(trx, [order.id], { forUpdate: true })).map((l) => [l.id, l]));
    const accounts = await supplyAccounts(trx);
    const date = input.date ?? today();
    const number = await stockRepo.nextNumber(trx, 'RS');
    const ret = await repo.insertReceipt(trx, {
      number,
      kind: 'return',
      order_id: order.id,
      receipt_date: date,
      created_by: ctx.actor?.userId ?? null,
    });
    const dp = minorUnits(await baseCurrency(trx));
    for (const [i, l] of input.lines.entries()) {
      const path = `lines.${i}.`;
      const line = rLines.get(l.receiptLineId);
      if (!line) throw errors.invalidReference(`${path}receiptLineId`, 'Receipt line', l.receiptLineId);
      const q = dec(l.quantity);
      const open = dec(line.quantity).minus(line.billed_quantity).minus(line.returned_quantity);
      if (q.gt(open)) {
        if (dec(line.billed_quantity).gt(0)) throw supplyErrors.alreadyBilled(`${path}quantity`);
        throw supplyErrors.nothingToReturn(`${path}quantity`, trimZeros(qtyString(open)));
      }
      const item = await stockItem(trx, line.item_id, `${path}receiptLineId`);
      await stockRepo.lockItemCost(trx, item.id);
      const ordered = oLines.get(line.order_line_id)!;
      const unit = { unit: ordered.unit, factor: dec(ordered.factor) };
      const base = baseQuantity(q, unit, `${path}quantity`);
      await applyMove(trx, ctx, {
        kind: 'supplier-return',
        date,
        item,
        quantity: base,
        ...entered(item, unit, base),
        from: line.location_id,
        to: null,
        lotId: line.lot_id,
        reason: input.reason,
        sourceType: 'supplier-return',
        sourceId: ret.id,
        reference: `${number} ${order.number}`,
        counter: {
          accountId: accounts.grni,
          signedAmount: q.times(line.unit_cost).toDecimalPlaces(dp, Decimal.ROUND_HALF_UP),
          differenceAccountId: accounts.priceDifference,
        },
        accounts,
      });
      line.returned_quantity = qtyString(dec(line.returned_quantity).plus(q));
      await repo.markLineReturned(trx, line.id, qtyString(q));
      const orderLine = oLines.get(line.order_line_id)!;
      orderLine.received_quantity = qtyString(dec(orderLine.received_quantity).minus(q));
      await repo.addReceived(trx, orderLine.id, qtyString(q.neg()));
      await repo.insertReceiptLine(trx, {
        receipt_id: ret.id,
        order_line_id: orderLine.id,
        item_id: item.id,
        location_id: line.location_id,
        lot_id: line.lot_id,
        quantity: qtyString(q),
        unit_cost: line.unit_cost,
        returns_line_id: line.id,
      });
    }
    await repo.updateOrder(trx, order.id, { status: orderStatusAfter([...oLines.values()]) });
    await writeAudit(trx, ctx, {
      action: 'receipt.returned',
      entityType: 'supply.receipt',
      entityId: ret.id,
      after: { ...input, receiptId },
    });
    return receiptDto(trx, ret);
  });
}
