import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { booleanQuery, currencyCode, optionalText, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { code, quantity, quantityOrZero, timestamps, unitCost } from '../supply.shared.js';

// ---- items ----
const unitName = z.string().trim().min(1, 'Required.').max(20);
export const ItemUnit = z
  .strictObject({
    unit: unitName,
    factor: unitCost
      .refine((v) => !/^0(\.0+)?$/.test(v), 'A factor is greater than 0.')
      .openapi({
        description: 'How many base units one of this unit holds (a box of 12: "12")',
        example: '12',
      }),
  })
  .openapi('SupplyItemUnit');
const itemFields = {
  sku: code(64),
  name: shortText(),
  type: z.enum(['stocked', 'service', 'consumable']).default('stocked'),
  uom: unitName.default('pcs').openapi({ description: 'The base unit: quantities are kept in it' }),
  units: z.array(ItemUnit).max(20).default([]),
  barcode: optionalText(64),
  category: optionalText(100),
  tracking: z.enum(['none', 'lot', 'serial']).default('none'),
  shelfLifeDays: z.number().int().min(1).max(36500).nullable().optional(),
  allowNegative: z.boolean().default(false),
  defaultSupplierId: uuid.nullable().optional().openapi({ description: 'A Finance party (vendor)' }),
  standardCost: unitCost.nullable().optional().openapi({
    description:
      'Per base unit in the base currency (the standard cost valuation method); changing it revalues the stock on hand',
  }),
};
export const CreateItemBody = z.strictObject(itemFields).openapi('CreateSupplyItemRequest');
export const UpdateItemBody = z
  .strictObject({
    version: versionField,
    name: itemFields.name.optional(),
    units: z.array(ItemUnit).max(20).optional(),
    barcode: itemFields.barcode,
    category: itemFields.category,
    shelfLifeDays: itemFields.shelfLifeDays,
    allowNegative: z.boolean().optional(),
    defaultSupplierId: itemFields.defaultSupplierId,
    standardCost: itemFields.standardCost,
    active: z.boolean().optional(),
  })
  .openapi('UpdateSupplyItemRequest');
export const Item = z
  .object({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    type: z.enum(['stocked', 'service', 'consumable']),
    uom: z.string(),
    units: z.array(z.object({ unit: z.string(), factor: z.string() })),
    barcode: z.string().nullable(),
    category: z.string().nullable(),
    tracking: z.enum(['none', 'lot', 'serial']),
    shelfLifeDays: z.number().int().nullable(),
    allowNegative: z.boolean(),
    defaultSupplierId: z.string().nullable(),
    standardCost: z.string().nullable(),
    active: z.boolean(),
    onHand: z.string().openapi({ description: 'Over every warehouse, in the base unit' }),
    available: z.string().openapi({ description: 'On hand less reserved' }),
    ...timestamps,
  })
  .openapi('SupplyItem');
export const ItemPage = pageSchema(Item).openapi('SupplyItemPage');
export const ItemListQuery = listQuery(['sku', 'name', 'createdAt'], 'sku').extend({
  type: z.enum(['stocked', 'service', 'consumable']).optional(),
  category: z.string().trim().max(100).optional(),
  active: booleanQuery.optional(),
  barcode: z.string().trim().max(64).optional(),
});

// ---- price lists ----
export const PriceInput = z
  .strictObject({ itemId: uuid, minQuantity: quantityOrZero.default('0'), unitPrice: unitCost })
  .openapi('SupplyPriceInput');
const priceListFields = {
  name: shortText(),
  kind: z.enum(['sales', 'purchase']),
  currency: currencyCode,
  partyId: uuid.nullable().optional().openapi({ description: 'The supplier (purchase) or customer (sales) it is for' }),
  prices: z.array(PriceInput).max(1000).default([]),
};
export const CreatePriceListBody = z.strictObject(priceListFields).openapi('CreateSupplyPriceListRequest');
export const UpdatePriceListBody = z
  .strictObject({
    version: versionField,
    name: priceListFields.name.optional(),
    partyId: priceListFields.partyId,
    prices: z.array(PriceInput).max(1000).optional().openapi({ description: 'Replaces every price of the list' }),
    active: z.boolean().optional(),
  })
  .openapi('UpdateSupplyPriceListRequest');
export const Price = z
  .object({ itemId: z.string(), sku: z.string(), minQuantity: z.string(), unitPrice: z.string() })
  .openapi('SupplyPrice');
export const PriceList = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['sales', 'purchase']),
    currency: z.string(),
    partyId: z.string().nullable(),
    active: z.boolean(),
    prices: z.array(Price),
    ...timestamps,
  })
  .openapi('SupplyPriceList');
export const PriceListPage = pageSchema(PriceList.omit({ prices: true })).openapi('SupplyPriceListPage');
export const PriceListQuery = listQuery(['name', 'createdAt'], 'name').extend({
  kind: z.enum(['sales', 'purchase']).optional(),
});
export const PriceQuery = z.object({
  itemId: uuid,
  quantity: quantity.default('1'),
  kind: z.enum(['sales', 'purchase']).default('sales'),
  currency: currencyCode.optional(),
  partyId: uuid.optional(),
});
export const PriceAnswer = z
  .object({
    itemId: z.string(),
    quantity: z.string(),
    unitPrice: z.string().nullable().openapi({ description: 'null when no list has a price for it' }),
    currency: z.string().nullable(),
    priceListId: z.string().nullable(),
  })
  .openapi('SupplyPriceAnswer');

// ---- warehouses ----
export const Address = z
  .strictObject({
    street: z.string().trim().max(200).optional(),
    city: z.string().trim().max(100).optional(),
    region: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().max(20).optional(),
    country: z.string().trim().max(100).optional(),
  })
  .openapi('SupplyAddress');
export const CreateWarehouseBody = z
  .strictObject({ code: code(20), name: shortText(), address: Address.nullable().optional() })
  .openapi('CreateSupplyWarehouseRequest');
export const UpdateWarehouseBody = z
  .strictObject({ version: versionField, name: shortText().optional(), address: Address.nullable().optional() })
  .openapi('UpdateSupplyWarehouseRequest');
export const Location = z
  .object({
    id: z.string(),
    warehouseId: z.string(),
    code: z.string(),
    name: z.string(),
    isDefault: z.boolean(),
    active: z.boolean(),
  })
  .openapi('SupplyLocation');
export const Warehouse = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    address: Address.nullable(),
    locations: z.array(Location),
    ...timestamps,
  })
  .openapi('SupplyWarehouse');
export const WarehousePage = pageSchema(Warehouse).openapi('SupplyWarehousePage');
export const WarehouseListQuery = listQuery(['code', 'name'], 'code');
export const CreateLocationBody = z
  .strictObject({ code: code(40), name: shortText() })
  .openapi('CreateSupplyLocationRequest');

export type CreateItemInput = z.output<typeof CreateItemBody>;
export type UpdateItemInput = z.output<typeof UpdateItemBody>;
export type ItemDto = z.input<typeof Item>;
export type ItemFilter = z.output<typeof ItemListQuery>;
export type CreatePriceListInput = z.output<typeof CreatePriceListBody>;
export type UpdatePriceListInput = z.output<typeof UpdatePriceListBody>;
export type PriceListDto = z.input<typeof PriceList>;
export type PriceListFilter = z.output<typeof PriceListQuery>;
export type PriceQueryT = z.output<typeof PriceQuery>;
export type CreateWarehouseInput = z.output<typeof CreateWarehouseBody>;
export type UpdateWarehouseInput = z.output<typeof UpdateWarehouseBody>;
export type WarehouseDto = z.input<typeof Warehouse>;
export type WarehouseFilter = z.output<typeof WarehouseListQuery>;
export type CreateLocationInput = z.output<typeof CreateLocationBody>;
