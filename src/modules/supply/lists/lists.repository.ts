import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { DeliveryListFilter, ReceiptListFilter } from './lists.schemas.js';

/** Deliveries and customer returns with their order's number, line count and cost, a keyset page. */
export function listDeliveries(db: Db, f: DeliveryListFilter) {
  let q = db
    .selectFrom('supply.deliveries as d')
    .leftJoin('supply.sales_orders as o', 'o.id', 'd.sales_order_id')
    .select([
      'd.id',
      'd.number',
      'd.kind',
      'd.customer_id',
      'd.delivery_date',
      'd.reference',
      'd.sales_order_id',
      'd.invoice_id',
      'o.number as order_number',
    ])
    .select((eb) => [
      eb
        .selectFrom('supply.delivery_lines as l')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('l.delivery_id', '=', 'd.id')
        .as('line_count'),
      eb
        .selectFrom('supply.delivery_lines as l')
        .select(sql<string>`coalesce(sum(l.value), 0)`.as('v'))
        .whereRef('l.delivery_id', '=', 'd.id')
        .as('value'),
    ]);
  if (f.salesOrderId) q = q.where('d.sales_order_id', '=', f.salesOrderId);
  if (f.customerId) q = q.where('d.customer_id', '=', f.customerId);
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.status === 'invoiced') q = q.where('d.invoice_id', 'is not', null);
  if (f.status === 'to-invoice')
    q = q.where('d.kind', '=', 'delivery').where('d.sales_order_id', 'is not', null).where('d.invoice_id', 'is', null);
  if (f.status === 'no-order')
    q = q.where((eb) => eb.or([eb('d.sales_order_id', 'is', null), eb('d.kind', '=', 'return')]));
  if (f.from) q = q.where('d.delivery_date', '>=', f.from);
  if (f.to) q = q.where('d.delivery_date', '<=', f.to);
  if (f.q) {
    const pattern = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('d.number', 'ilike', pattern), eb('d.reference', 'ilike', pattern)]));
  }
  return paginate(q, f, { sort: { number: 'd.number', date: 'd.delivery_date' }, id: 'd.id', idKey: 'id' });
}

/** Receipts and returns to suppliers with their order's number and supplier, a keyset page. */
export function listReceipts(db: Db, f: ReceiptListFilter) {
  let q = db
    .selectFrom('supply.receipts as r')
    .innerJoin('supply.purchase_orders as o', 'o.id', 'r.order_id')
    .select([
      'r.id',
      'r.number',
      'r.kind',
      'r.order_id',
      'r.receipt_date',
      'r.bill_id',
      'o.number as order_number',
      'o.supplier_id',
    ])
    .select((eb) =>
      eb
        .selectFrom('supply.receipt_lines as l')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('l.receipt_id', '=', 'r.id')
        .as('line_count'),
    );
  if (f.orderId) q = q.where('r.order_id', '=', f.orderId);
  if (f.supplierId) q = q.where('o.supplier_id', '=', f.supplierId);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.billed !== undefined) q = q.where('r.bill_id', f.billed ? 'is not' : 'is', null);
  if (f.from) q = q.where('r.receipt_date', '>=', f.from);
  if (f.to) q = q.where('r.receipt_date', '<=', f.to);
  if (f.q) {
    const pattern = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('r.number', 'ilike', pattern), eb('o.number', 'ilike', pattern)]));
  }
  return paginate(q, f, { sort: { number: 'r.number', date: 'r.receipt_date' }, id: 'r.id', idKey: 'id' });
}
