import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type {
  CostLayersTable,
  ItemCostsTable,
  ItemsTable,
  LotsTable,
  MovesTable,
  ValuationMethod,
} from '../supply.tables.js';

export type ItemRow = Selectable<ItemsTable>;
export type LotRow = Selectable<LotsTable>;
export type LayerRow = Selectable<CostLayersTable>;
export type ItemCostRow = Selectable<ItemCostsTable>;

export async function findValuationMethod(db: Db) {
  const row = await db.selectFrom('supply.settings').select('valuation_method').executeTakeFirstOrThrow();
  return row.valuation_method;
}

export function findItem(db: Db, id: string) {
  return db.selectFrom('supply.items').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findItems(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('supply.items').selectAll().where('id', 'in', ids).execute();
}

export function findUnitFactor(db: Db, itemId: string, unit: string) {
  return db
    .selectFrom('supply.item_units')
    .select('factor')
    .where('item_id', '=', itemId)
    .where('unit', '=', unit)
    .executeTakeFirst();
}

export function findLocation(db: Db, id: string) {
  return db.selectFrom('supply.locations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDefaultLocation(db: Db, warehouseId: string) {
  return db
    .selectFrom('supply.locations')
    .selectAll()
    .where('warehouse_id', '=', warehouseId)
    .where('is_default', '=', true)
    .executeTakeFirst();
}

export function findLot(db: Db, id: string) {
  return db.selectFrom('supply.lots').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLotByCode(db: Db, itemId: string, code: string) {
  return db
    .selectFrom('supply.lots')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Inserts a lot, or returns the existing one with that code (a concurrent insert wins the race). */
export async function upsertLot(db: Db, itemId: string, code: string, expiry: string | null): Promise<LotRow> {
  await db
    .insertInto('supply.lots')
    .values({ item_id: itemId, code, expiry_date: expiry })
    .onConflict((oc) => oc.columns(['item_id', 'code']).doNothing())
    .execute();
  return (await findLotByCode(db, itemId, code))!;
}

/** The item's cost row, locked: every stock change of one item is serialized on it. */
export async function lockItemCost(db: Db, itemId: string): Promise<ItemCostRow> {
  await db
    .insertInto('supply.item_costs')
    .values({ item_id: itemId })
    .onConflict((oc) => oc.column('item_id').doNothing())
    .execute();
  return db
    .selectFrom('supply.item_costs')
    .selectAll()
    .where('item_id', '=', itemId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateItemCost(
  db: Db,
  itemId: string,
  values: { quantity: string; value: string; last_unit_cost: string },
) {
  await db.updateTable('supply.item_costs').set(values).where('item_id', '=', itemId).execute();
}

/** The balance row of item × location × lot, created at zero when missing, and locked. */
export async function lockBalance(db: Db, itemId: string, locationId: string, lotId: string | null) {
  await db
    .insertInto('supply.balances')
    .values({ item_id: itemId, location_id: locationId, lot_id: lotId })
    .onConflict((oc) => oc.columns(['item_id', 'location_id', 'lot_id']).doNothing())
    .execute();
  return db
    .selectFrom('supply.balances')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('location_id', '=', locationId)
    .where(lotId === null ? sql<boolean>`lot_id is null` : sql<boolean>`lot_id = ${lotId}`)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function changeBalance(db: Db, id: string, onHandDelta: string, reservedDelta = '0') {
  await db
    .updateTable('supply.balances')
    .set({
      on_hand: sql<string>`on_hand + ${onHandDelta}::numeric`,
      reserved: sql<string>`reserved + ${reservedDelta}::numeric`,
    })
    .where('id', '=', id)
    .execute();
}

/** On hand of a serial number across every location (at most 1). */
export async function serialOnHand(db: Db, itemId: string, lotId: string): Promise<string> {
  const row = await db
    .selectFrom('supply.balances')
    .select(sql<string>`coalesce(sum(on_hand), 0)`.as('q'))
    .where('item_id', '=', itemId)
    .where('lot_id', '=', lotId)
    .executeTakeFirstOrThrow();
  return String(row.q);
}

export interface Candidate {
  id: string;
  location_id: string;
  lot_id: string | null;
  available: string;
  expiry_date: string | null;
}

/**
 * Balances of an item with stock available in these locations, locked, first-expiry-first-out:
 * lots by expiry (no expiry last), then the oldest lot, then the location code.
 */
export function availableBalances(db: Db, itemId: string, locationIds: string[], lotId?: string | null) {
  let q = db
    .selectFrom('supply.balances as b')
    .innerJoin('supply.locations as l', 'l.id', 'b.location_id')
    .leftJoin('supply.lots as t', 't.id', 'b.lot_id')
    .select(['b.id', 'b.location_id', 'b.lot_id', sql<string>`b.on_hand - b.reserved`.as('available'), 't.expiry_date'])
    .where('b.item_id', '=', itemId)
    .where('b.location_id', 'in', locationIds)
    .where(sql<boolean>`b.on_hand - b.reserved > 0`);
  if (lotId) q = q.where('b.lot_id', '=', lotId);
  return q
    .orderBy(sql`t.expiry_date asc nulls last`)
    .orderBy(sql`t.created_at asc nulls first`)
    .orderBy('l.code')
    .orderBy('b.id')
    .forUpdate('b')
    .execute() as Promise<Candidate[]>;
}

export function warehouseLocationIds(db: Db, warehouseId: string) {
  return db
    .selectFrom('supply.locations')
    .select(['id', 'is_default'])
    .where('warehouse_id', '=', warehouseId)
    .execute();
}

/** Open cost layers of an item, oldest first, locked. */
export function openLayers(db: Db, itemId: string) {
  return db
    .selectFrom('supply.cost_layers')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('remaining', '<>', '0')
    .orderBy('seq')
    .forUpdate()
    .execute();
}

export async function setLayerRemaining(db: Db, id: string, remaining: string) {
  await db.updateTable('supply.cost_layers').set({ remaining }).where('id', '=', id).execute();
}

export async function insertLayer(db: Db, values: Insertable<CostLayersTable>) {
  await db.insertInto('supply.cost_layers').values(values).execute();
}

export async function insertMove(db: Db, values: Insertable<MovesTable>) {
  await db.insertInto('supply.moves').values(values).execute();
}

export async function nextNumber(db: Db, prefix: string): Promise<string> {
  const row = await sql<{ n: string }>`select nextval('supply.document_number_seq')::text as n`.execute(db);
  return `${prefix}-${row.rows[0]!.n.padStart(6, '0')}`;
}

export async function insertReservation(
  db: Db,
  values: { balance_id: string; quantity: string; source_type: string; source_id: string },
) {
  return db.insertInto('supply.reservations').values(values).returning('id').executeTakeFirstOrThrow();
}

export function reservationsOf(db: Db, sourceType: string, sourceId: string) {
  return db
    .selectFrom('supply.reservations as r')
    .innerJoin('supply.balances as b', 'b.id', 'r.balance_id')
    .select(['r.id', 'r.balance_id', 'r.quantity', 'b.item_id', 'b.location_id', 'b.lot_id'])
    .where('r.source_type', '=', sourceType)
    .where('r.source_id', '=', sourceId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

export function findReservation(db: Db, id: string) {
  return db
    .selectFrom('supply.reservations as r')
    .innerJoin('supply.balances as b', 'b.id', 'r.balance_id')
    .select([
      'r.id',
      'r.balance_id',
      'r.quantity',
      'r.source_type',
      'r.source_id',
      'b.item_id',
      'b.location_id',
      'b.lot_id',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function deleteReservation(db: Db, id: string) {
  await db.deleteFrom('supply.reservations').where('id', '=', id).execute();
}

export async function setReservationQuantity(db: Db, id: string, quantity: string) {
  await db.updateTable('supply.reservations').set({ quantity }).where('id', '=', id).execute();
}

/** The unit cost of a delivery's line (for a customer return at the cost it left at). */
export function deliveryLine(db: Db, id: string) {
  return db.selectFrom('supply.delivery_lines').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- deliveries ----
export function insertDelivery(
  db: Db,
  values: {
    number: string;
    kind: 'delivery' | 'return';
    customer_id: string | null;
    delivery_date: string;
    reference: string;
    created_by: string | null;
    sales_order_id: string | null;
  },
) {
  return db.insertInto('supply.deliveries').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertDeliveryLine(
  db: Db,
  values: {
    delivery_id: string;
    item_id: string;
    location_id: string;
    lot_id: string | null;
    quantity: string;
    value: string;
    returns_line_id: string | null;
    sales_order_line_id: string | null;
  },
) {
  await db.insertInto('supply.delivery_lines').values(values).execute();
}

export function findDelivery(db: Db, id: string) {
  return db.selectFrom('supply.deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export function deliveryLines(db: Db, deliveryId: string) {
  return db
    .selectFrom('supply.delivery_lines')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('seq')
    .execute();
}

export async function returnedQuantity(db: Db, lineId: string): Promise<string> {
  const row = await db
    .selectFrom('supply.delivery_lines')
    .select(sql<string>`coalesce(sum(quantity), 0)`.as('q'))
    .where('returns_line_id', '=', lineId)
    .executeTakeFirstOrThrow();
  return String(row.q);
}

// ---- settings ----
export function findSettings(db: Db, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('supply.settings').selectAll();
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

export async function updateSettings(
  db: Db,
  values: { valuation_method?: ValuationMethod; over_receipt_percent?: string; price_tolerance_percent?: string },
) {
  await db
    .updateTable('supply.settings')
    .set({ ...values, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .execute();
}

export async function anyMove(db: Db): Promise<boolean> {
  return (await db.selectFrom('supply.moves').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export function lotsOf(db: Db, itemId: string) {
  return db
    .selectFrom('supply.lots as t')
    .select((eb) => [
      't.id',
      't.item_id',
      't.code',
      't.expiry_date',
      eb
        .selectFrom('supply.balances as b')
        .select(sql<string>`coalesce(sum(b.on_hand), 0)`.as('q'))
        .whereRef('b.lot_id', '=', 't.id')
        .as('on_hand'),
    ])
    .where('t.item_id', '=', itemId)
    .orderBy(sql`t.expiry_date asc nulls last`)
    .orderBy('t.code')
    .execute();
}

/** A location where the item has stock (for a revaluation move, which changes the value only). */
export async function someStockLocation(db: Db, itemId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('supply.balances')
    .select('location_id')
    .where('item_id', '=', itemId)
    .where('on_hand', '<>', '0')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.location_id;
}
