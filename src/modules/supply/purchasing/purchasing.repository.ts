import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type {
  PurchaseOrderLinesTable,
  PurchaseOrdersTable,
  ReceiptLinesTable,
  ReorderRulesTable,
} from '../supply.tables.js';
import type { OrderFilter } from './purchasing.schemas.js';

export type OrderRow = Selectable<PurchaseOrdersTable>;
export type OrderLineRow = Selectable<PurchaseOrderLinesTable>;
export type ReceiptLineRow = Selectable<ReceiptLinesTable>;
export type RuleRow = Selectable<ReorderRulesTable>;
const bump = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };

export function findOrder(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('supply.purchase_orders').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function orderLines(db: Db, orderIds: string[], options: { forUpdate?: boolean } = {}) {
  if (orderIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('supply.purchase_order_lines as l')
    .innerJoin('supply.items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select('i.sku')
    .where('l.order_id', 'in', orderIds)
    .orderBy('l.order_id')
    .orderBy('l.line_no');
  if (options.forUpdate) q = q.forUpdate('l');
  return q.execute();
}

export function listOrders(db: Db, f: OrderFilter) {
  let q = db
    .selectFrom('supply.purchase_orders as o')
    .selectAll('o')
    .select((eb) =>
      eb
        .selectFrom('supply.purchase_order_lines as l')
        .select(sql<string>`coalesce(sum(l.quantity * l.unit_price), 0)`.as('t'))
        .whereRef('l.order_id', '=', 'o.id')
        .as('total'),
    );
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.supplierId) q = q.where('o.supplier_id', '=', f.supplierId);
  if (f.q) q = q.where('o.number', 'ilike', containsPattern(f.q));
  return paginate(q, f, { sort: { number: 'o.number', orderDate: 'o.order_date' }, id: 'o.id', idKey: 'id' });
}

export function insertOrder(db: Db, values: Insertable<PurchaseOrdersTable>) {
  return db.insertInto('supply.purchase_orders').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrder(db: Db, id: string, patch: Omit<Updateable<PurchaseOrdersTable>, 'id' | 'version'>) {
  await db
    .updateTable('supply.purchase_orders')
    .set({ ...patch, ...bump })
    .where('id', '=', id)
    .execute();
}

export async function replaceOrderLines(
  db: Db,
  orderId: string,
  lines: Omit<Insertable<PurchaseOrderLinesTable>, 'order_id'>[],
) {
  await db.deleteFrom('supply.purchase_order_lines').where('order_id', '=', orderId).execute();
  await db
    .insertInto('supply.purchase_order_lines')
    .values(lines.map((l) => ({ ...l, order_id: orderId })))
    .execute();
}

export async function addReceived(db: Db, lineId: string, delta: string) {
  await db
    .updateTable('supply.purchase_order_lines')
    .set({ received_quantity: sql<string>`received_quantity + ${delta}::numeric` })
    .where('id', '=', lineId)
    .execute();
}

export async function addBilled(db: Db, lineId: string, delta: string) {
  await db
    .updateTable('supply.purchase_order_lines')
    .set({ billed_quantity: sql<string>`billed_quantity + ${delta}::numeric` })
    .where('id', '=', lineId)
    .execute();
}

export function insertReceipt(
  db: Db,
  values: {
    number: string;
    kind: 'receipt' | 'return';
    order_id: string;
    receipt_date: string;
    created_by: string | null;
  },
) {
  return db.insertInto('supply.receipts').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertReceiptLine(db: Db, values: Insertable<ReceiptLinesTable>) {
  await db.insertInto('supply.receipt_lines').values(values).execute();
}

export function findReceipt(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('supply.receipts').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function receiptsOf(db: Db, orderId: string) {
  return db
    .selectFrom('supply.receipts')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('number')
    .execute();
}

export function receiptLines(db: Db, receiptIds: string[], options: { forUpdate?: boolean } = {}) {
  if (receiptIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('supply.receipt_lines').selectAll().where('receipt_id', 'in', receiptIds).orderBy('seq');
  if (options.forUpdate) q = q.forUpdate();
  return q.execute();
}

export async function markLineBilled(db: Db, id: string, delta: string) {
  await db
    .updateTable('supply.receipt_lines')
    .set({ billed_quantity: sql<string>`billed_quantity + ${delta}::numeric` })
    .where('id', '=', id)
    .execute();
}

export async function markLineReturned(db: Db, id: string, delta: string) {
  await db
    .updateTable('supply.receipt_lines')
    .set({ returned_quantity: sql<string>`returned_quantity + ${delta}::numeric` })
    .where('id', '=', id)
    .execute();
}

export async function setReceiptBill(db: Db, id: string, billId: string) {
  await db.updateTable('supply.receipts').set({ bill_id: billId }).where('id', '=', id).execute();
}

// ---- reorder rules ----
export function listRules(db: Db, f: { itemId?: string | undefined; warehouseId?: string | undefined }) {
  let q = db.selectFrom('supply.reorder_rules').selectAll();
  if (f.itemId) q = q.where('item_id', '=', f.itemId);
  if (f.warehouseId) q = q.where('warehouse_id', '=', f.warehouseId);
  return q.orderBy('created_at').orderBy('id').limit(1000).execute();
}

export function findRule(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('supply.reorder_rules').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function insertRule(db: Db, values: Insertable<ReorderRulesTable>) {
  return db.insertInto('supply.reorder_rules').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateRule(db: Db, id: string, patch: Omit<Updateable<ReorderRulesTable>, 'id' | 'version'>) {
  return db
    .updateTable('supply.reorder_rules')
    .set({ ...patch, ...bump })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteRule(db: Db, id: string) {
  await db.deleteFrom('supply.reorder_rules').where('id', '=', id).execute();
}

/**
 * Every reorder rule with the warehouse's available quantity (on hand − reserved) and what is on
 * order (open purchase order lines not yet received), and who supplies it.
 */
export async function replenishmentNeeds(db: Db, warehouseId?: string) {
  const res = await sql<{
    rule_id: string;
    item_id: string;
    warehouse_id: string;
    min_quantity: string;
    max_quantity: string;
    supplier_id: string | null;
    available: string;
    incoming: string;
  }>`
    select r.id as rule_id, r.item_id, r.warehouse_id, r.min_quantity::text, r.max_quantity::text,
           coalesce(r.supplier_id, i.default_supplier_id) as supplier_id,
           coalesce((select sum(b.on_hand - b.reserved) from supply.balances b
                     join supply.locations l on l.id = b.location_id
                     where b.item_id = r.item_id and l.warehouse_id = r.warehouse_id), 0)::text as available,
           coalesce((select sum(greatest(ol.quantity - ol.received_quantity, 0) * ol.factor) from supply.purchase_order_lines ol
                     join supply.purchase_orders o on o.id = ol.order_id
                     where ol.item_id = r.item_id and o.warehouse_id = r.warehouse_id
                       and o.status in ('draft', 'ordered', 'partially-received')), 0)::text as incoming
    from supply.reorder_rules r join supply.items i on i.id = r.item_id
    where i.active and (${warehouseId ?? null}::uuid is null or r.warehouse_id = ${warehouseId ?? null}::uuid)
    order by r.item_id`.execute(db);
  return res.rows;
}

export async function lockReplenishment(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('moms.supply.replenishment'))`.execute(db);
}
