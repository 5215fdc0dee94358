import { Decimal } from 'decimal.js';
import { isoTimestamp } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { dec, qtyString, ZERO } from '../stock/stock.engine.js';
import { trimZeros } from '../supply.shared.js';
import * as repo from './sales.repository.js';
import type { SalesOrderDto, SalesOrderFilter } from './sales.schemas.js';

/** A line's net amount: quantity (in the line's unit) × price per that unit, less the discount, to the cent. */
export const lineNet = (q: string | Decimal, price: string, discount: string) =>
  dec(q).times(price).times(dec(100).minus(discount).div(100)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export const orderTotal = (lines: { quantity: string; unit_price: string; discount_percent: string }[]) =>
  lines.reduce((s, l) => s.plus(lineNet(l.quantity, l.unit_price, l.discount_percent)), ZERO);

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
    exchangeRate: trimZeros(o.exchange_rate),
    opportunityId: o.opportunity_id,
    memo: o.memo,
    total: total.toFixed(2),
    version: o.version,
    createdAt: isoTimestamp(o.created_at),
    updatedAt: isoTimestamp(o.updated_at),
  };
}

/** In the line's unit, to 4 decimals (exact for whole boxes of a whole factor). */
const inLineUnit = (base: Decimal.Value, factor: string) =>
  trimZeros(qtyString(dec(String(base)).div(factor).toDecimalPlaces(4, Decimal.ROUND_HALF_UP)));

export async function orderView(db: Db, id: string): Promise<SalesOrderDto> {
  const o = await repo.findOrder(db, id);
  if (!o) throw errors.notFound('Sales order', id);
  const lines = await repo.orderLines(db, id);
  const deliveries = await repo.orderDeliveries(db, id);
  return {
    ...summary(o, orderTotal(lines)),
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
      unit: l.unit,
      factor: trimZeros(l.factor),
      baseQuantity: trimZeros(qtyString(dec(l.quantity).times(l.factor))),
      quantity: trimZeros(l.quantity),
      unitPrice: trimZeros(l.unit_price),
      discountPercent: trimZeros(l.discount_percent),
      reservedQuantity: inLineUnit(l.reserved ?? 0, l.factor),
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
