import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp, today } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { lookupParty } from '../../finance/index.js';
import { revalueAtStandard } from '../stock/standard-cost.js';
import { dec } from '../stock/stock.engine.js';
import { trimZeros } from '../supply.shared.js';
import type { Address } from '../supply.tables.js';
import * as repo from './catalogue.repository.js';
import type {
  CreateItemInput,
  CreateLocationInput,
  CreatePriceListInput,
  CreateWarehouseInput,
  ItemDto,
  ItemFilter,
  PriceListDto,
  PriceListFilter,
  PriceQueryT,
  UpdateItemInput,
  UpdatePriceListInput,
  UpdateWarehouseInput,
  WarehouseDto,
  WarehouseFilter,
} from './catalogue.schemas.js';

// ---- items ----
async function itemDtos(db: Db, rows: repo.ItemView[]): Promise<ItemDto[]> {
  const units = await repo.unitsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    name: r.name,
    type: r.type,
    uom: r.uom,
    units: units.filter((u) => u.item_id === r.id).map((u) => ({ unit: u.unit, factor: trimZeros(u.factor) })),
    barcode: r.barcode,
    category: r.category,
    tracking: r.tracking,
    shelfLifeDays: r.shelf_life_days,
    allowNegative: r.allow_negative,
    defaultSupplierId: r.default_supplier_id,
    standardCost: r.standard_cost === null ? null : trimZeros(r.standard_cost),
    active: r.active,
    onHand: trimZeros(r.on_hand),
    available: trimZeros(r.available),
    version: r.version,
    createdAt: isoTimestamp(r.created_at),
    updatedAt: isoTimestamp(r.updated_at),
  }));
}

async function itemView(db: Db, id: string): Promise<ItemDto> {
  const row = await repo.findItemView(db, id);
  if (!row) throw errors.notFound('Item', id);
  return (await itemDtos(db, [row]))[0]!;
}

async function checkSupplier(db: Db, id: string | null | undefined, path: string) {
  if (id && !(await lookupParty(db, id, 'vendor'))) throw errors.invalidReference(path, 'Supplier', id);
}

function checkUnits(uom: string, units: { unit: string }[]) {
  const seen = new Set<string>([uom]);
  units.forEach((u, i) => {
    if (seen.has(u.unit))
      throw errors.validation([
        { path: `units.${i}.unit`, message: `"${u.unit}" is listed twice (or is the base unit).` },
      ]);
    seen.add(u.unit);
  });
}

export async function listItems(db: Db, filter: ItemFilter) {
  const page = await repo.listItems(db, filter);
  return { items: await itemDtos(db, page.items), nextCursor: page.nextCursor };
}

export const getItem = (db: Db, id: string) => itemView(db, id);

export async function createItem(db: Db, ctx: RequestContext, input: CreateItemInput) {
  checkUnits(input.uom, input.units);
  if (input.type !== 'stocked' && input.tracking !== 'none')
    throw errors.validation([{ path: 'tracking', message: 'Only stocked items are tracked by lot or serial.' }]);
  return inTransaction(db, async (trx) => {
    await checkSupplier(trx, input.defaultSupplierId, 'defaultSupplierId');
    const row = await repo.insertItem(trx, {
      sku: input.sku,
      name: input.name,
      type: input.type,
      uom: input.uom,
      barcode: input.barcode ?? null,
      category: input.category ?? null,
      tracking: input.tracking,
      shelf_life_days: input.shelfLifeDays ?? null,
      allow_negative: input.allowNegative,
      default_supplier_id: input.defaultSupplierId ?? null,
      standard_cost: input.standardCost ?? null,
    });
    await repo.replaceUnits(trx, row.id, input.units);
    await writeAudit(trx, ctx, {
      action: 'item.created',
      entityType: 'supply.item',
      entityId: row.id,
      after: { ...input },
    });
    return itemView(trx, row.id);
  });
}

export async function updateItem(db: Db, ctx: RequestContext, id: string, input: UpdateItemInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findItem(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Item', id);
    assertVersion('Item', before, input.version);
    await checkSupplier(trx, input.defaultSupplierId, 'defaultSupplierId');
    if (input.units) {
      checkUnits(before.uom, input.units);
      // Moves keep the quantity they were entered in and its base quantity: changing factors is safe.
      await repo.replaceUnits(trx, id, input.units);
    }
    const after = await repo.updateItem(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.barcode !== undefined ? { barcode: input.barcode } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.shelfLifeDays !== undefined ? { shelf_life_days: input.shelfLifeDays } : {}),
      ...(input.allowNegative !== undefined ? { allow_negative: input.allowNegative } : {}),
      ...(input.defaultSupplierId !== undefined ? { default_supplier_id: input.defaultSupplierId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.standardCost !== undefined ? { standard_cost: input.standardCost } : {}),
    });
    const revaluation =
      input.standardCost && !(before.standard_cost !== null && dec(before.standard_cost).eq(input.standardCost))
        ? await revalueAtStandard(trx, ctx, after, dec(input.standardCost), today())
        : null;
    await writeAudit(trx, ctx, {
      action: 'item.updated',
      entityType: 'supply.item',
      entityId: id,
      before: { ...before },
      after: { ...after, ...(revaluation ? { revaluation } : {}) },
    });
    return itemView(trx, id);
  });
}

// ---- price lists ----
async function priceListView(db: Db, id: string): Promise<PriceListDto> {
  const row = await repo.findPriceList(db, id);
  if (!row) throw errors.notFound('Price list', id);
  const prices = await repo.pricesOf(db, id);
  return {
    ...priceListSummary(row),
    prices: prices.map((p) => ({
      itemId: p.item_id,
      sku: p.sku,
      minQuantity: trimZeros(p.min_quantity),
      unitPrice: trimZeros(p.unit_price),
    })),
  };
}

function priceListSummary(row: repo.PriceListRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    currency: row.currency,
    partyId: row.party_id,
    active: row.active,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

async function checkPrices(trx: Tx, prices: { itemId: string; minQuantity: string }[]) {
  const known = await repo.existingItemIds(trx, [...new Set(prices.map((p) => p.itemId))]);
  const seen = new Set<string>();
  prices.forEach((p, i) => {
    if (!known.has(p.itemId)) throw errors.invalidReference(`prices.${i}.itemId`, 'Item', p.itemId);
    const key = `${p.itemId}|${Number(p.minQuantity)}`;
    if (seen.has(key))
      throw errors.validation([
        { path: `prices.${i}.minQuantity`, message: 'This item already has a price for this quantity.' },
      ]);
    seen.add(key);
  });
}

async function checkParty(db: Db, kind: 'sales' | 'purchase', id: string | null | undefined) {
  if (id && !(await lookupParty(db, id, kind === 'sales' ? 'customer' : 'vendor')))
    throw errors.invalidReference('partyId', kind === 'sales' ? 'Customer' : 'Supplier', id);
}

export async function listPriceLists(db: Db, filter: PriceListFilter) {
  const page = await repo.listPriceLists(db, filter);
  return { items: page.items.map(priceListSummary), nextCursor: page.nextCursor };
}

export const getPriceList = (db: Db, id: string) => priceListView(db, id);

export async function createPriceList(db: Db, ctx: RequestContext, input: CreatePriceListInput) {
  return inTransaction(db, async (trx) => {
    await checkParty(trx, input.kind, input.partyId);
    await checkPrices(trx, input.prices);
    const row = await repo.insertPriceList(trx, {
      name: input.name,
      kind: input.kind,
      currency: input.currency,
      party_id: input.partyId ?? null,
    });
    await repo.replacePrices(trx, row.id, input.prices);
    await writeAudit(trx, ctx, {
      action: 'price-list.created',
      entityType: 'supply.price-list',
      entityId: row.id,
      after: { ...input },
    });
    return priceListView(trx, row.id);
  });
}

export async function updatePriceList(db: Db, ctx: RequestContext, id: string, input: UpdatePriceListInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findPriceList(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Price list', id);
    assertVersion('Price list', before, input.version);
    await checkParty(trx, before.kind, input.partyId);
    if (input.prices) {
      await checkPrices(trx, input.prices);
      await repo.replacePrices(trx, id, input.prices);
    }
    await repo.updatePriceList(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.partyId !== undefined ? { party_id: input.partyId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'price-list.updated',
      entityType: 'supply.price-list',
      entityId: id,
      before: { ...before },
      after: { ...input },
    });
    return priceListView(trx, id);
  });
}

/** The price of an item for a quantity (quantity breaks; a party's own list first). */
export async function findPrice(db: Db, q: PriceQueryT) {
  const row = await repo.findPrice(db, q);
  return {
    itemId: q.itemId,
    quantity: q.quantity,
    unitPrice: row ? trimZeros(row.unit_price) : null,
    currency: row?.currency ?? null,
    priceListId: row?.price_list_id ?? null,
  };
}

// ---- warehouses ----
async function warehouseDtos(db: Db, rows: repo.WarehouseRow[]): Promise<WarehouseDto[]> {
  const locations = await repo.locationsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((w) => ({
    id: w.id,
    code: w.code,
    name: w.name,
    address: w.address,
    locations: locations
      .filter((l) => l.warehouse_id === w.id)
      .map((l) => ({
        id: l.id,
        warehouseId: l.warehouse_id,
        code: l.code,
        name: l.name,
        isDefault: l.is_default,
        active: l.active,
      })),
    version: w.version,
    createdAt: isoTimestamp(w.created_at),
    updatedAt: isoTimestamp(w.updated_at),
  }));
}

async function warehouseView(db: Db, id: string) {
  const row = await repo.findWarehouse(db, id);
  if (!row) throw errors.notFound('Warehouse', id);
  return (await warehouseDtos(db, [row]))[0]!;
}

export async function listWarehouses(db: Db, filter: WarehouseFilter) {
  const page = await repo.listWarehouses(db, filter);
  return { items: await warehouseDtos(db, page.items), nextCursor: page.nextCursor };
}

export const getWarehouse = (db: Db, id: string) => warehouseView(db, id);

const addressJson = (a: Address | null | undefined) => (a ? JSON.stringify(a) : null);

/** A warehouse comes with its default location `STOCK` (receipts go there unless told otherwise). */
export async function createWarehouse(db: Db, ctx: RequestContext, input: CreateWarehouseInput) {
  return inTransaction(db, async (trx) => {
    const row = await repo.insertWarehouse(trx, {
      code: input.code,
      name: input.name,
      address: addressJson(input.address),
    });
    await repo.insertLocation(trx, { warehouse_id: row.id, code: 'STOCK', name: 'Stock', is_default: true });
    await writeAudit(trx, ctx, {
      action: 'warehouse.created',
      entityType: 'supply.warehouse',
      entityId: row.id,
      after: { ...input },
    });
    return warehouseView(trx, row.id);
  });
}

export async function updateWarehouse(db: Db, ctx: RequestContext, id: string, input: UpdateWarehouseInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findWarehouse(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Warehouse', id);
    assertVersion('Warehouse', before, input.version);
    await repo.updateWarehouse(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.address !== undefined ? { address: addressJson(input.address) } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'warehouse.updated',
      entityType: 'supply.warehouse',
      entityId: id,
      before: { ...before },
      after: { ...input },
    });
    return warehouseView(trx, id);
  });
}

export async function createLocation(db: Db, ctx: RequestContext, warehouseId: string, input: CreateLocationInput) {
  return inTransaction(db, async (trx) => {
    if (!(await repo.findWarehouse(trx, warehouseId))) throw errors.notFound('Warehouse', warehouseId);
    const row = await repo.insertLocation(trx, { warehouse_id: warehouseId, code: input.code, name: input.name });
    await writeAudit(trx, ctx, {
      action: 'location.created',
      entityType: 'supply.location',
      entityId: row.id,
      after: { ...input, warehouseId },
    });
    return warehouseView(trx, warehouseId);
  });
}
