import type { Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { QuotationSendsTable } from './quotation-sends.tables.js';
import './quotation-sends.tables.js';

export { findOrder } from './sales.repository.js';

/** The order's lines as printed: the item's name and SKU, the line's unit, quantity, price, discount. */
export function printLines(db: Db, orderId: string) {
  return db
    .selectFrom('supply.sales_order_lines as l')
    .innerJoin('supply.items as i', 'i.id', 'l.item_id')
    .select(['l.line_no', 'l.unit', 'l.quantity', 'l.unit_price', 'l.discount_percent', 'i.sku', 'i.name'])
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
}

export function insertSend(trx: Db, values: Insertable<QuotationSendsTable>) {
  return trx.insertInto('supply.quotation_sends').values(values).returningAll().executeTakeFirstOrThrow();
}

/** An order's sends (or one), newest first. */
export function listSends(db: Db, where: { orderId: string } | { id: string }) {
  let q = db.selectFrom('supply.quotation_sends').selectAll();
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('order_id', '=', where.orderId);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
}
