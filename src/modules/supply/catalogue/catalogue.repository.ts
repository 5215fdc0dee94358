import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { ItemsTable, PriceListsTable, WarehousesTable } from '../supply.tables.js';
import type { ItemFilter, PriceListFilter, WarehouseFilter } from './catalogue.schemas.js';

type Values<T> = Omit<Updateable<T>, 'id' | 'version' | 'created_at' | 'updated_at'>;
const bump = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };

// ---- items ----
export type ItemRow = Selectable<ItemsTable>;
export type ItemValues = Values<ItemsTable>;
export type ItemView = ItemRow & { on_hand: string; available: string };

function itemsWithStock(db: Db) {
  return db
    .selectFrom('supply.items as i')
    .selectAll('i')
    .select((eb) => [
      eb
        .selectFrom('supply.balances as b')
        .select(sql<string>`coalesce(sum(b.on_hand), 0)`.as('q'))
        .whereRef('b.item_id', '=', 'i.id')
        .as('on_hand'),
      eb
        .selectFrom('supply.balances as b')
        .select(sql<string>`coalesce(sum(b.on_hand - b.reserved), 0)`.as('q'))
        .whereRef('b.item_id', '=', 'i.id')
        .as('available'),
    ]);
}

export async function findItemView(db: Db, id: string): Promise<ItemView | undefined> {
  const row = await itemsWithStock(db).where('i.id', '=', id).executeTakeFirst();
  return row ? { ...row, on_hand: String(row.on_hand ?? 0), available: String(row.available ?? 0) } : undefined;
}

export function findItem(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('supply.items').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listItems(db: Db, f: ItemFilter) {
  let q = itemsWithStock(db).select('i.created_at as createdAt');
  if (f.type) q = q.where('i.type', '=', f.type);
  if (f.category) q = q.where('i.category', '=', f.category);
  if (f.active !== undefined) q = q.where('i.active', '=', f.active);
  if (f.barcode) q = q.where('i.barcode', '=', f.barcode);
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('i.sku', 'ilike', p), eb('i.name', 'ilike', p), eb('i.barcode', 'ilike', p)]));
  }
  const page = await paginate(q, f, {
    sort: { sku: 'i.sku', name: 'i.name', createdAt: 'i.created_at' },
    id: 'i.id',
    idKey: 'id',
  });
  return {
    ...page,
    items: page.items.map((r) => ({ ...r, on_hand: String(r.on_hand ?? 0), available: String(r.available ?? 0) })),
  };
}

export function insertItem(
  db: Db,
  values: Omit<ItemValues, 'sku' | 'name'> & {
    sku: string;
    name: string;
    type: ItemRow['type'];
    uom: string;
    tracking: ItemRow['tracking'];
    allow_negative: boolean;
  },
) {
  return db.insertInto('supply.items').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateItem(db: Db, id: string, patch: ItemValues) {
  return db
    .updateTable('supply.items')
    .set({ ...patch, ...bump })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function unitsOf(db: Db, itemIds: string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('supply.item_units').selectAll().where('item_id', 'in', itemIds).orderBy('unit').execute();
}

export async function replaceUnits(db: Db, itemId: string, units: { unit: string; factor: string }[]) {
  await db.deleteFrom('supply.item_units').where('item_id', '=', itemId).execute();
  if (units.length > 0)
    await db
      .insertInto('supply.item_units')
      .values(units.map((u) => ({ item_id: itemId, unit: u.unit, factor: u.factor })))
      .execute();
}

export async function itemHasMoves(db: Db, itemId: string): Promise<boolean> {
  const row = await db
    .selectFrom('supply.moves')
    .select('id')
    .where('item_id', '=', itemId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function existingItemIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('supply.items').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

// ---- price lists ----
export type PriceListRow = Selectable<PriceListsTable>;

export function findPriceList(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('supply.price_lists').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listPriceLists(db: Db, f: PriceListFilter) {
  let q = db.selectFrom('supply.price_lists as p').selectAll('p').select('p.created_at as createdAt');
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.q) q = q.where('p.name', 'ilike', containsPattern(f.q));
  return paginate(q, f, { sort: { name: 'p.name', createdAt: 'p.created_at' }, id: 'p.id', idKey: 'id' });
}

export function insertPriceList(
  db: Db,
  values: { name: string; kind: 'sales' | 'purchase'; currency: string; party_id: string | null },
) {
  return db.insertInto('supply.price_lists').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePriceList(db: Db, id: string, patch: Values<PriceListsTable>) {
  return db
    .updateTable('supply.price_lists')
    .set({ ...patch, ...bump })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function pricesOf(db: Db, priceListId: string) {
  return db
    .selectFrom('supply.prices as p')
    .innerJoin('supply.items as i', 'i.id', 'p.item_id')
    .select(['p.item_id', 'i.sku', 'p.min_quantity', 'p.unit_price'])
    .where('p.price_list_id', '=', priceListId)
    .orderBy('i.sku')
    .orderBy('p.min_quantity')
    .execute();
}

export async function replacePrices(
  db: Db,
  priceListId: string,
  prices: { itemId: string; minQuantity: string; unitPrice: string }[],
) {
  await db.deleteFrom('supply.prices').where('price_list_id', '=', priceListId).execute();
  if (prices.length > 0)
    await db
      .insertInto('supply.prices')
      .values(
        prices.map((p) => ({
          price_list_id: priceListId,
          item_id: p.itemId,
          min_quantity: p.minQuantity,
          unit_price: p.unitPrice,
        })),
      )
      .execute();
}

/**
 * The best price of an item for a quantity: the largest quantity break not above it, from an active list
 * of the kind (and currency); a list for the party wins over a general one.
 */
export function findPrice(
  db: Db,
  q: {
    itemId: string;
    quantity: string;
    kind: 'sales' | 'purchase';
    currency?: string | undefined;
    partyId?: string | undefined;
  },
) {
  let query = db
    .selectFrom('supply.prices as p')
    .innerJoin('supply.price_lists as l', 'l.id', 'p.price_list_id')
    .select(['p.unit_price', 'l.currency', 'l.id as price_list_id'])
    .where('p.item_id', '=', q.itemId)
    .where('l.kind', '=', q.kind)
    .where('l.active', '=', true)
    .where('p.min_quantity', '<=', q.quantity);
  if (q.currency) query = query.where('l.currency', '=', q.currency);
  query = q.partyId
    ? query.where((eb) => eb.or([eb('l.party_id', '=', q.partyId!), eb('l.party_id', 'is', null)]))
    : query.where('l.party_id', 'is', null);
  return query
    .orderBy(sql`l.party_id is null`)
    .orderBy('p.min_quantity', 'desc')
    .orderBy('l.name')
    .limit(1)
    .executeTakeFirst();
}

// ---- warehouses ----
export type WarehouseRow = Selectable<WarehousesTable>;

export function findWarehouse(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('supply.warehouses').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listWarehouses(db: Db, f: WarehouseFilter) {
  let q = db.selectFrom('supply.warehouses as w').selectAll('w');
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('w.code', 'ilike', p), eb('w.name', 'ilike', p)]));
  }
  return paginate(q, f, { sort: { code: 'w.code', name: 'w.name' }, id: 'w.id', idKey: 'id' });
}

export function insertWarehouse(db: Db, values: { code: string; name: string; address: string | null }) {
  return db.insertInto('supply.warehouses').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateWarehouse(db: Db, id: string, patch: Values<WarehousesTable>) {
  return db
    .updateTable('supply.warehouses')
    .set({ ...patch, ...bump })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function locationsOf(db: Db, warehouseIds: string[]) {
  if (warehouseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('supply.locations')
    .selectAll()
    .where('warehouse_id', 'in', warehouseIds)
    .orderBy('code')
    .execute();
}

export function insertLocation(
  db: Db,
  values: { warehouse_id: string; code: string; name: string; is_default?: boolean },
) {
  return db.insertInto('supply.locations').values(values).returningAll().executeTakeFirstOrThrow();
}
