import { Decimal } from 'decimal.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp, today } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { baseCurrency, createDocumentDraft, issueDocument, lookupParty } from '../../finance/index.js';
import { findPrice } from '../catalogue/catalogue.repository.js';
import { dec, qtyString, ZERO } from '../stock/stock.engine.js';
import * as stockRepo from '../stock/stock.repository.js';
import { allocate, getDelivery, placesOf, stockItem, writeDelivery, type Outgoing } from '../stock/stock.service.js';
import { supplyErrors } from '../supply.errors.js';
import { trimZeros } from '../supply.shared.js';
import * as repo from './sales.repository.js';
import type { CreateQuotationInput, DeliverOrderInput, SalesOrderDto, SalesOrderFilter } from './sales.schemas.js';

const ENTITY = 'supply.sales-order';
const SOURCE = 'sales-order-line';
type DocumentDraftInput = Parameters<typeof createDocumentDraft>[3];
const lineNet = (q: string | Decimal, price: string, discount: string) =>
  dec(q).times(price).times(dec(100).minus(discount).div(100)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

function summary(o: repo.SalesOrderRow, total: Decimal) {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    customerId: o.customer_id,
    warehouseId: o.warehouse_id,
    date: o.order_date,
    validUntil: o.valid_until,
    currency: o.currency,
    memo: o.memo,
    total: total.toFixed(2),
    version: o.version,
    createdAt: isoTimestamp(o.created_at),
    updatedAt: isoTimestamp(o.updated_at),
  };
}

async function orderView(db: Db, id: string): Promise<SalesOrderDto> {
  const o = await repo.findOrder(db, id);
  if (!o) throw errors.notFound('Sales order', id);
  const lines = await repo.orderLines(db, id);
  const deliveries = await repo.orderDeliveries(db, id);
  const total = lines.reduce((s, l) => s.plus(lineNet(l.quantity, l.unit_price, l.discount_percent)), ZERO);
  return {
    ...summary(o, total),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      number: d.number,
      kind: d.kind,
      date: d.delivery_date,
      invoiceId: d.invoice_id,
    })),
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      itemId: l.item_id,
      sku: l.sku,
      quantity: trimZeros(l.quantity),
      unitPrice: trimZeros(l.unit_price),
      discountPercent: trimZeros(l.discount_percent),
      reservedQuantity: trimZeros(dec(l.reserved ?? 0).toFixed(4)),
      deliveredQuantity: trimZeros(l.delivered_quantity),
      backorderQuantity:
        o.status === 'quotation' || o.status === 'cancelled'
          ? '0'
          : trimZeros(Decimal.max(dec(l.quantity).minus(l.delivered_quantity), 0).toFixed(4)),
      invoicedQuantity: trimZeros(l.invoiced_quantity),
    })),
  };
}

export const getOrder = (db: Db, id: string) => orderView(db, id);

export async function listOrders(db: Db, filter: SalesOrderFilter) {
  const page = await repo.listOrders(db, filter);
  return { items: page.items.map((o) => summary(o, dec(o.total ?? 0))), nextCursor: page.nextCursor };
}

/** A quotation: prices from the customer's (else the general) sales price list, with quantity breaks. */
export async function createQuotation(db: Db, ctx: RequestContext, input: CreateQuotationInput) {
  return inTransaction(db, async (trx) => {
    const customer = await lookupParty(trx, input.customerId, 'customer');
    if (!customer) throw errors.invalidReference('customerId', 'Customer', input.customerId);
    if (!(await stockRepo.findDefaultLocation(trx, input.warehouseId)))
      throw errors.invalidReference('warehouseId', 'Warehouse', input.warehouseId);
    const currency = await baseCurrency(trx);
    if (customer.currency && customer.currency !== currency)
      throw errors.validation([
        {
          path: 'customerId',
          message: `Sales orders are in ${currency} for now; this customer buys in ${customer.currency}.`,
        },
      ]);
    const date = input.date ?? today();
    if (input.validUntil && input.validUntil < date)
      throw errors.validation([
        { path: 'validUntil', message: 'A quotation is valid until a date on or after its own.' },
      ]);
    const row = await repo.insertOrder(trx, {
      number: await stockRepo.nextNumber(trx, 'SO'),
      customer_id: customer.id,
      warehouse_id: input.warehouseId,
      order_date: date,
      valid_until: input.validUntil ?? null,
      currency,
      memo: input.memo,
      created_by: ctx.actor?.userId ?? null,
    });
    const lines = [];
    for (const [i, l] of input.lines.entries()) {
      await stockItem(trx, l.itemId, `lines.${i}.itemId`);
      let price = l.unitPrice;
      if (price === undefined) {
        const found = await findPrice(trx, {
          itemId: l.itemId,
          quantity: l.quantity,
          kind: 'sales',
          currency,
          partyId: customer.id,
        });
        if (!found)
          throw errors.validation([
            { path: `lines.${i}.unitPrice`, message: 'No sales price list has this item: give the price.' },
          ]);
        price = found.unit_price;
      }
      lines.push({
        order_id: row.id,
        line_no: i + 1,
        item_id: l.itemId,
        quantity: l.quantity,
        unit_price: price,
        discount_percent: l.discountPercent,
      });
    }
    await repo.insertLines(trx, lines);
    await writeAudit(trx, ctx, {
      action: 'quotation.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...input, number: row.number },
    });
    return orderView(trx, row.id);
  });
}

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
      const q = Decimal.min(available, dec(l.quantity));
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
      const open = dec(line.quantity).minus(line.delivered_quantity);
      const item = await stockItem(trx, line.item_id, `${path}orderLineId`);
      await stockRepo.lockItemCost(trx, item.id);
      const reserved = dec(line.reserved ?? 0);
      let q: Decimal;
      if (w.quantity) {
        q = dec(w.quantity);
        if (q.gt(open)) throw supplyErrors.nothingToReturn(`${path}quantity`, trimZeros(qtyString(open)));
      } else {
        const free = (await stockRepo.availableBalances(trx, item.id, places)).reduce(
          (s, b) => s.plus(b.available),
          ZERO,
        );
        q = Decimal.min(open, reserved.plus(free));
      }
      if (q.lte(0)) continue;
      for (const u of await releaseLine(trx, line.id, q))
        outgoing.push({
          item,
          allocation: u,
          release: u.quantity,
          unit: item.uom,
          unitQuantity: u.quantity,
          salesOrderLineId: line.id,
        });
      const rest = q.minus(Decimal.min(q, reserved));
      if (rest.gt(0))
        for (const a of await allocate(trx, item, places, rest, null, path))
          outgoing.push({
            item,
            allocation: a,
            release: ZERO,
            unit: item.uom,
            unitQuantity: a.quantity,
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
export async function invoiceDelivery(db: Db, ctx: RequestContext, deliveryId: string, date?: string) {
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
    const lines: DocumentDraftInput['lines'] = sLines
      .sort((a, b) => a.line_no - b.line_no)
      .map((l) => ({
        description: `${l.sku} (${o.number}, ${d.number})`,
        quantity: qtyString(qty.get(l.id)!),
        unitPrice: dec(l.unit_price).toFixed(4),
        discountPercent: trimZeros(l.discount_percent),
        taxRate: '0',
      }));
    const draft: DocumentDraftInput = {
      partyId: o.customer_id,
      date: date ?? today(),
      currency: o.currency,
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
    return { invoiceId, number: issued.number, total: total.toFixed(2), delivery: await getDelivery(trx, deliveryId) };
  });
}
