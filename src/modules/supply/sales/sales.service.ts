import { Decimal } from 'decimal.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { today } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { baseCurrency, createDocumentDraft, issueDocument } from '../../finance/index.js';
import { baseQuantity, entered } from '../order-lines.js';
import { dec, qtyString, ZERO } from '../stock/stock.engine.js';
import * as stockRepo from '../stock/stock.repository.js';
import { allocate, getDelivery, placesOf, stockItem, writeDelivery, type Outgoing } from '../stock/stock.service.js';
import { supplyErrors } from '../supply.errors.js';
import { trimZeros } from '../supply.shared.js';
import * as repo from './sales.repository.js';
import { followOpportunity } from './quotations.service.js';
import type { DeliverOrderInput, InvoiceInput } from './sales.schemas.js';
import { lineNet, orderView } from './sales.view.js';

const ENTITY = 'supply.sales-order';
const SOURCE = 'sales-order-line';
type DocumentDraftInput = Parameters<typeof createDocumentDraft>[3];
const unitOf = (l: { unit: string; factor: string }) => ({ unit: l.unit, factor: dec(l.factor) });

async function lockOrder(trx: Tx, id: string, version?: number) {
  const o = await repo.findOrder(trx, id, { forUpdate: true });
  if (!o) throw errors.notFound('Sales order', id);
  if (version !== undefined) assertVersion('Sales order', o, version);
  return o;
}

/**
 * The customer accepts: the quotation becomes a sales order and reserves what is available now in
 * its warehouse (first expiry first out); the rest waits as a backorder.
 */
export async function confirmOrder(db: Db, ctx: RequestContext, id: string, version: number) {
  return inTransaction(db, async (trx) => {
    const o = await lockOrder(trx, id, version);
    if (o.status !== 'quotation') throw supplyErrors.orderStatus(o.number, o.status, 'confirmed');
    if (o.valid_until && o.valid_until < today())
      throw supplyErrors.orderStatus(o.number, `expired (valid until ${o.valid_until})`, 'confirmed');
    const places = await placesOf(trx, { warehouseId: o.warehouse_id }, '');
    const lines = [...(await repo.orderLines(trx, id))].sort((a, b) => a.item_id.localeCompare(b.item_id));
    for (const l of lines) {
      const item = (await stockRepo.findItem(trx, l.item_id))!;
      await stockRepo.lockItemCost(trx, item.id);
      const available = (await stockRepo.availableBalances(trx, item.id, places)).reduce(
        (s, b) => s.plus(b.available),
        ZERO,
      );
      const q = Decimal.min(available, dec(l.quantity).times(l.factor));
      if (q.lte(0)) continue;
      for (const a of await allocate(trx, { ...item, allow_negative: false }, places, q, null, '')) {
        const balance = await stockRepo.lockBalance(trx, item.id, a.locationId, a.lotId);
        await stockRepo.changeBalance(trx, balance.id, '0', qtyString(a.quantity));
        await stockRepo.insertReservation(trx, {
          balance_id: balance.id,
          quantity: qtyString(a.quantity),
          source_type: SOURCE,
          source_id: l.id,
        });
      }
    }
    await repo.setStatus(trx, id, 'confirmed');
    await followOpportunity(trx, ctx, id);
    await writeAudit(trx, ctx, {
      action: 'sales-order.confirmed',
      entityType: ENTITY,
      entityId: id,
      before: { status: o.status },
      after: { status: 'confirmed' },
    });
    return orderView(trx, id);
  });
}

async function releaseLine(trx: Tx, lineId: string, upTo?: Decimal) {
  let left = upTo;
  const used: { locationId: string; lotId: string | null; quantity: Decimal }[] = [];
  for (const r of await stockRepo.reservationsOf(trx, SOURCE, lineId)) {
    if (left !== undefined && left.lte(0)) break;
    const q = left === undefined ? dec(r.quantity) : Decimal.min(left, dec(r.quantity));
    if (q.eq(r.quantity)) await stockRepo.deleteReservation(trx, r.id);
    else await stockRepo.setReservationQuantity(trx, r.id, qtyString(dec(r.quantity).minus(q)));
    used.push({ locationId: r.location_id, lotId: r.lot_id, quantity: q });
    if (left !== undefined) left = left.minus(q);
  }
  return used;
}

/** Cancels a quotation, or an order nothing was delivered on (its reservations are released). */
export async function cancelOrder(db: Db, ctx: RequestContext, id: string, version: number) {
  return inTransaction(db, async (trx) => {
    const o = await lockOrder(trx, id, version);
    const lines = await repo.orderLines(trx, id);
    if (!(o.status === 'quotation' || o.status === 'confirmed') || lines.some((l) => dec(l.delivered_quantity).gt(0)))
      throw supplyErrors.orderStatus(o.number, o.status, 'cancelled');
    for (const l of [...lines].sort((a, b) => a.item_id.localeCompare(b.item_id))) {
      await stockRepo.lockItemCost(trx, l.item_id);
      for (const u of await releaseLine(trx, l.id)) {
        const b = await stockRepo.lockBalance(trx, l.item_id, u.locationId, u.lotId);
        await stockRepo.changeBalance(trx, b.id, '0', qtyString(u.quantity.neg()));
      }
    }
    await repo.setStatus(trx, id, 'cancelled');
    await writeAudit(trx, ctx, {
      action: 'sales-order.cancelled',
      entityType: ENTITY,
      entityId: id,
      before: { status: o.status },
      after: { status: 'cancelled' },
    });
    return orderView(trx, id);
  });
}

/**
 * Delivers a sales order: its reservations first, then whatever else is available in the warehouse.
 * Without lines, everything that can go now goes and the rest stays a backorder; a line asked for
 * beyond what is available is a 409.
 */
export async function deliverOrder(db: Db, ctx: RequestContext, id: string, input: DeliverOrderInput) {
  return inTransaction(db, async (trx) => {
    const o = await lockOrder(trx, id);
    if (o.status !== 'confirmed' && o.status !== 'partially-delivered')
      throw supplyErrors.orderStatus(o.number, o.status, 'delivered');
    const lines = await repo.orderLines(trx, id);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const places = await placesOf(trx, { warehouseId: o.warehouse_id }, '');
    const wanted = input.lines ?? lines.map((l) => ({ orderLineId: l.id, quantity: '' }));
    const order = wanted
      .map((w, i) => ({ w, i }))
      .sort((a, b) =>
        (byId.get(a.w.orderLineId)?.item_id ?? '').localeCompare(byId.get(b.w.orderLineId)?.item_id ?? ''),
      );
    const outgoing: Outgoing[] = [];
    for (const { w, i } of order) {
      const path = `lines.${i}.`;
      const line = byId.get(w.orderLineId);
      if (!line) throw errors.invalidReference(`${path}orderLineId`, 'Order line', w.orderLineId);
      // In the line's unit (q) and in the base unit (base): reservations and stock are in the base unit.
      const unit = unitOf(line);
      const open = dec(line.quantity).minus(line.delivered_quantity);
      const item = await stockItem(trx, line.item_id, `${path}orderLineId`);
      await stockRepo.lockItemCost(trx, item.id);
      const reserved = dec(line.reserved ?? 0);
      let q: Decimal;
      let base: Decimal;
      if (w.quantity) {
        q = dec(w.quantity);
        if (q.gt(open)) throw supplyErrors.nothingToReturn(`${path}quantity`, trimZeros(qtyString(open)));
        base = baseQuantity(q, unit, `${path}quantity`);
      } else {
        const free = (await stockRepo.availableBalances(trx, item.id, places)).reduce(
          (s, b) => s.plus(b.available),
          ZERO,
        );
        // What can go, in whole ten-thousandths of the line's unit.
        q = Decimal.min(open.times(unit.factor), reserved.plus(free))
          .div(unit.factor)
          .toDecimalPlaces(4, Decimal.ROUND_DOWN);
        base = q.times(unit.factor).toDecimalPlaces(4, Decimal.ROUND_DOWN);
      }
      if (base.lte(0)) continue;
      for (const u of await releaseLine(trx, line.id, base))
        outgoing.push({
          item,
          allocation: u,
          release: u.quantity,
          ...entered(item, unit, u.quantity),
          salesOrderLineId: line.id,
        });
      const rest = base.minus(Decimal.min(base, reserved));
      if (rest.gt(0))
        for (const a of await allocate(trx, item, places, rest, null, path))
          outgoing.push({
            item,
            allocation: a,
            release: ZERO,
            ...entered(item, unit, a.quantity),
            salesOrderLineId: line.id,
          });
      await repo.addDelivered(trx, line.id, qtyString(q));
      line.delivered_quantity = qtyString(dec(line.delivered_quantity).plus(q));
    }
    if (outgoing.length === 0) throw supplyErrors.insufficientStock(o.number, 'the open quantities', '0');
    const delivery = await writeDelivery(trx, ctx, {
      date: input.date ?? today(),
      customerId: o.customer_id,
      reference: o.number,
      outgoing,
      salesOrderId: o.id,
    });
    const done = lines.every((l) => dec(l.delivered_quantity).gte(l.quantity));
    await repo.setStatus(trx, id, done ? 'delivered' : 'partially-delivered');
    await writeAudit(trx, ctx, {
      action: 'sales-order.delivered',
      entityType: ENTITY,
      entityId: id,
      after: { deliveryId: delivery.id, number: delivery.number },
    });
    return getDelivery(trx, delivery.id);
  });
}

/** The customer invoice for a sales order's delivery, created and issued in Finance (once per delivery). */
export async function invoiceDelivery(db: Db, ctx: RequestContext, deliveryId: string, input: InvoiceInput) {
  return inTransaction(db, async (trx) => {
    const d = await repo.lockDelivery(trx, deliveryId);
    if (!d || d.kind !== 'delivery') throw errors.notFound('Delivery', deliveryId);
    if (!d.sales_order_id)
      throw errors.conflict('Only a sales order\u2019s delivery is invoiced here: this delivery has no order.');
    if (d.invoice_id) throw errors.conflict('This delivery is invoiced already.', { invoiceId: d.invoice_id });
    const o = (await repo.findOrder(trx, d.sales_order_id, { forUpdate: true }))!;
    const dLines = await stockRepo.deliveryLines(trx, deliveryId);
    const qty = new Map<string, Decimal>();
    for (const l of dLines)
      if (l.sales_order_line_id)
        qty.set(l.sales_order_line_id, (qty.get(l.sales_order_line_id) ?? ZERO).plus(l.quantity));
    const sLines = await repo.salesLinesByIds(trx, [...qty.keys()]);
    // Delivered base quantities back in each line's unit (exact for what deliverOrder delivered).
    for (const l of sLines) qty.set(l.id, qty.get(l.id)!.div(l.factor).toDecimalPlaces(4, Decimal.ROUND_HALF_UP));
    const lines: DocumentDraftInput['lines'] = sLines
      .sort((a, b) => a.line_no - b.line_no)
      .map((l) => ({
        description: `${l.sku} × ${trimZeros(qtyString(qty.get(l.id)!))} ${l.unit} (${o.number}, ${d.number})`,
        quantity: qtyString(qty.get(l.id)!),
        unitPrice: dec(l.unit_price).toFixed(4),
        discountPercent: trimZeros(l.discount_percent),
        taxRate: '0',
      }));
    const foreign = o.currency !== (await baseCurrency(trx));
    if (!foreign && input.exchangeRate && !dec(input.exchangeRate).eq(1))
      throw errors.validation([{ path: 'exchangeRate', message: 'The order is in the base currency: its rate is 1.' }]);
    const draft: DocumentDraftInput = {
      partyId: o.customer_id,
      date: input.date ?? today(),
      currency: o.currency,
      ...(foreign ? { exchangeRate: input.exchangeRate ?? trimZeros(o.exchange_rate) } : {}),
      reference: o.number,
      memo: `${o.number} / ${d.number}`,
      lines,
    };
    const invoiceId = await createDocumentDraft(trx, ctx, 'invoice', draft);
    const issued = await issueDocument(trx, ctx, 'invoice', invoiceId, undefined);
    for (const l of sLines) await repo.addInvoiced(trx, l.id, qtyString(qty.get(l.id)!));
    await repo.setInvoice(trx, deliveryId, invoiceId);
    const total = sLines.reduce((s, l) => s.plus(lineNet(qty.get(l.id)!, l.unit_price, l.discount_percent)), ZERO);
    await writeAudit(trx, ctx, {
      action: 'delivery.invoiced',
      entityType: 'supply.delivery',
      entityId: deliveryId,
      after: { invoiceId },
    });
    return {
      invoiceId,
      number: issued.number,
      currency: o.currency,
      total: total.toFixed(2),
      delivery: await getDelivery(trx, deliveryId),
    };
  });
}
