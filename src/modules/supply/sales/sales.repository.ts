import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { SalesOrderLinesTable, SalesOrdersTable, SalesOrderStatus } from '../supply.tables.js';
import type { SalesOrderFilter } from './sales.schemas.js';

export type SalesOrderRow = Selectable<SalesOrdersTable>;

export function findOrder(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('supply.sales_orders').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The order's deliveries and customer returns, oldest first, with the invoice each produced. */
export function orderDeliveries(db: Db, orderId: string) {
  return db
    .selectFrom('supply.deliveries')
    .select(['id', 'number', 'kind', 'delivery_date', 'invoice_id'])
    .where('sales_order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Lines with their open reservations. */
export function orderLines(db: Db, orderId: string) {
  return db
    .selectFrom('supply.sales_order_lines as l')
    .innerJoin('supply.items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select((eb) => [
      'i.sku',
      eb
        .selectFrom('supply.reservations as r')
        .select(sql<string>`coalesce(sum(r.quantity), 0)`.as('q'))
        .where('r.source_type', '=', 'sales-order-line')
        .whereRef('r.source_id', '=', 'l.id')
        .as('reserved'),
    ])
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
}

export function listOrders(db: Db, f: SalesOrderFilter) {
  let q = db
    .selectFrom('supply.sales_orders as o')
    .selectAll('o')
    .select((eb) => [
      'o.order_date as date',
      eb
        .selectFrom('supply.sales_order_lines as l')
        .select(
          sql<string>`coalesce(sum(round(l.quantity * l.unit_price * (1 - l.discount_percent / 100), 2)), 0)`.as('t'),
        )
        .whereRef('l.order_id', '=', 'o.id')
        .as('total'),
    ]);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.customerId) q = q.where('o.customer_id', '=', f.customerId);
  if (f.opportunityId) q = q.where('o.opportunity_id', '=', f.opportunityId);
  if (f.q) q = q.where('o.number', 'ilike', containsPattern(f.q));
  return paginate(q, f, { sort: { number: 'o.number', date: 'o.order_date' }, id: 'o.id', idKey: 'id' });
}

export function insertOrder(db: Db, values: Insertable<SalesOrdersTable>) {
  return db.insertInto('supply.sales_orders').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertLines(db: Db, lines: Insertable<SalesOrderLinesTable>[]) {
  await db.insertInto('supply.sales_order_lines').values(lines).execute();
}

export async function updateOrder(
  db: Db,
  id: string,
  patch: { exchange_rate?: string; valid_until?: string | null; memo?: string },
) {
  await db
    .updateTable('supply.sales_orders')
    .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteLines(db: Db, orderId: string) {
  await db.deleteFrom('supply.sales_order_lines').where('order_id', '=', orderId).execute();
}

export async function setStatus(db: Db, id: string, status: SalesOrderStatus) {
  await db
    .updateTable('supply.sales_orders')
    .set({ status, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function addDelivered(db: Db, lineId: string, delta: string) {
  await db
    .updateTable('supply.sales_order_lines')
    .set({ delivered_quantity: sql<string>`delivered_quantity + ${delta}::numeric` })
    .where('id', '=', lineId)
    .execute();
}

export async function addInvoiced(db: Db, lineId: string, delta: string) {
  await db
    .updateTable('supply.sales_order_lines')
    .set({ invoiced_quantity: sql<string>`invoiced_quantity + ${delta}::numeric` })
    .where('id', '=', lineId)
    .execute();
}

export function lockDelivery(db: Db, id: string) {
  return db.selectFrom('supply.deliveries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setInvoice(db: Db, deliveryId: string, invoiceId: string) {
  await db.updateTable('supply.deliveries').set({ invoice_id: invoiceId }).where('id', '=', deliveryId).execute();
}

export function salesLinesByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('supply.sales_order_lines as l')
    .innerJoin('supply.items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select('i.sku')
    .where('l.id', 'in', ids)
    .execute();
}
