// The supply module's tables (schema `supply`), merged into Database.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type CreatedAt = ColumnType<Date, never, never>;
export type UpdatedAt = ColumnType<Date, never, Date | string>;
/** `date` columns come back as 'YYYY-MM-DD' strings (see the dialects). */
export type DateColumn = ColumnType<string, string, string>;
/** numeric columns come back as strings: quantities and money are never floats. */
export type Numeric = ColumnType<string, string, string>;
type NumericDefault = ColumnType<string, string | undefined, string>;

export type ItemType = 'stocked' | 'service' | 'consumable';
export type Tracking = 'none' | 'lot' | 'serial';
export type ValuationMethod = 'fifo' | 'average' | 'standard';
export type MoveKind =
  | 'receipt'
  | 'delivery'
  | 'transfer'
  | 'adjustment'
  | 'count'
  | 'supplier-return'
  | 'customer-return'
  /** A change of value only (quantity 0): a new standard cost. */
  | 'revaluation';
export type PurchaseOrderStatus = 'draft' | 'ordered' | 'partially-received' | 'received' | 'cancelled';

export interface Address {
  street?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postalCode?: string | undefined;
  country?: string | undefined;
}

export interface SettingsTable {
  id: Generated<number>;
  valuation_method: ValuationMethod;
  over_receipt_percent: Numeric;
  price_tolerance_percent: Numeric;
  version: Generated<number>;
  updated_at: UpdatedAt;
}

export interface ItemsTable {
  id: Generated<string>;
  sku: string;
  name: string;
  type: ItemType;
  uom: string;
  barcode: string | null;
  category: string | null;
  tracking: Tracking;
  shelf_life_days: number | null;
  allow_negative: boolean;
  default_supplier_id: string | null;
  /** Per base unit, in the base currency (the standard cost valuation method). */
  standard_cost: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ItemUnitsTable {
  item_id: string;
  unit: string;
  factor: Numeric;
}

export interface PriceListsTable {
  id: Generated<string>;
  name: string;
  kind: 'sales' | 'purchase';
  currency: string;
  party_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PricesTable {
  id: Generated<string>;
  price_list_id: string;
  item_id: string;
  min_quantity: NumericDefault;
  unit_price: Numeric;
}

export interface WarehousesTable {
  id: Generated<string>;
  code: string;
  name: string;
  address: JSONColumnType<Address | null, string | null, string | null>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface LocationsTable {
  id: Generated<string>;
  warehouse_id: string;
  code: string;
  name: string;
  is_default: Generated<boolean>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface LotsTable {
  id: Generated<string>;
  item_id: string;
  code: string;
  expiry_date: DateColumn | null;
  created_at: CreatedAt;
}

export interface MovesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  kind: MoveKind;
  move_date: DateColumn;
  item_id: string;
  quantity: Numeric;
  unit: string;
  unit_quantity: Numeric;
  from_location_id: string | null;
  to_location_id: string | null;
  lot_id: string | null;
  reason: string;
  value: Numeric;
  source_type: string | null;
  source_id: string | null;
  journal_entry_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface BalancesTable {
  id: Generated<string>;
  item_id: string;
  location_id: string;
  lot_id: string | null;
  on_hand: NumericDefault;
  reserved: NumericDefault;
}

export interface ReservationsTable {
  id: Generated<string>;
  balance_id: string;
  quantity: Numeric;
  source_type: string;
  source_id: string;
  created_at: CreatedAt;
}

export interface ItemCostsTable {
  item_id: string;
  quantity: NumericDefault;
  value: NumericDefault;
  last_unit_cost: NumericDefault;
}

export interface CostLayersTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  item_id: string;
  move_id: string;
  layer_date: DateColumn;
  quantity: Numeric;
  remaining: Numeric;
  unit_cost: Numeric;
}

export interface PurchaseOrdersTable {
  id: Generated<string>;
  number: string;
  supplier_id: string;
  warehouse_id: string;
  order_date: DateColumn;
  expected_date: DateColumn | null;
  currency: string;
  exchange_rate: NumericDefault;
  status: Generated<PurchaseOrderStatus>;
  memo: Generated<string>;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PurchaseOrderLinesTable {
  id: Generated<string>;
  order_id: string;
  line_no: number;
  item_id: string;
  /** The line's unit (the item's base unit or one of its conversions) and its factor to the base unit. */
  unit: string;
  factor: NumericDefault;
  /** In the line's unit, as is the price. */
  quantity: Numeric;
  unit_price: Numeric;
  expected_date: DateColumn | null;
  received_quantity: NumericDefault;
  billed_quantity: NumericDefault;
}

export interface ReceiptsTable {
  id: Generated<string>;
  number: string;
  kind: 'receipt' | 'return';
  order_id: string;
  receipt_date: DateColumn;
  bill_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ReceiptLinesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  receipt_id: string;
  order_line_id: string;
  item_id: string;
  location_id: string;
  lot_id: string | null;
  quantity: Numeric;
  unit_cost: Numeric;
  billed_quantity: NumericDefault;
  returned_quantity: NumericDefault;
  returns_line_id: string | null;
}

export interface DeliveriesTable {
  id: Generated<string>;
  number: string;
  kind: 'delivery' | 'return';
  customer_id: string | null;
  delivery_date: DateColumn;
  reference: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  sales_order_id: string | null;
  invoice_id: Generated<string | null>;
}

export interface DeliveryLinesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  delivery_id: string;
  item_id: string;
  location_id: string;
  lot_id: string | null;
  quantity: Numeric;
  value: Numeric;
  returns_line_id: string | null;
  sales_order_line_id: string | null;
}

export type SalesOrderStatus = 'quotation' | 'confirmed' | 'partially-delivered' | 'delivered' | 'cancelled';

export interface SalesOrdersTable {
  id: Generated<string>;
  number: string;
  status: Generated<SalesOrderStatus>;
  customer_id: string;
  warehouse_id: string;
  order_date: DateColumn;
  valid_until: DateColumn | null;
  currency: string;
  exchange_rate: NumericDefault;
  opportunity_id: string | null;
  memo: Generated<string>;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SalesOrderLinesTable {
  id: Generated<string>;
  order_id: string;
  line_no: number;
  item_id: string;
  /** The line's unit and its factor to the base unit; quantities and the price are per that unit. */
  unit: string;
  factor: NumericDefault;
  quantity: Numeric;
  unit_price: Numeric;
  discount_percent: NumericDefault;
  delivered_quantity: NumericDefault;
  invoiced_quantity: NumericDefault;
}

export interface CountsTable {
  id: Generated<string>;
  number: string;
  warehouse_id: string;
  count_date: DateColumn;
  status: Generated<'open' | 'posted'>;
  reason: Generated<string>;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CountLinesTable {
  id: Generated<string>;
  count_id: string;
  item_id: string;
  location_id: string;
  lot_id: string | null;
  counted_quantity: Numeric;
  unit_cost: Numeric | null;
}

export interface ReorderRulesTable {
  id: Generated<string>;
  item_id: string;
  warehouse_id: string;
  min_quantity: Numeric;
  max_quantity: Numeric;
  supplier_id: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ValuationSnapshotDatesTable {
  as_of: string;
  created_at: CreatedAt;
}

export interface ValuationSnapshotsTable {
  as_of: string;
  item_id: string;
  quantity: Numeric;
  value: Numeric;
}

export interface SupplyTables {
  'supply.settings': SettingsTable;
  'supply.items': ItemsTable;
  'supply.item_units': ItemUnitsTable;
  'supply.price_lists': PriceListsTable;
  'supply.prices': PricesTable;
  'supply.warehouses': WarehousesTable;
  'supply.locations': LocationsTable;
  'supply.lots': LotsTable;
  'supply.moves': MovesTable;
  'supply.balances': BalancesTable;
  'supply.reservations': ReservationsTable;
  'supply.item_costs': ItemCostsTable;
  'supply.cost_layers': CostLayersTable;
  'supply.purchase_orders': PurchaseOrdersTable;
  'supply.purchase_order_lines': PurchaseOrderLinesTable;
  'supply.receipts': ReceiptsTable;
  'supply.receipt_lines': ReceiptLinesTable;
  'supply.deliveries': DeliveriesTable;
  'supply.delivery_lines': DeliveryLinesTable;
  'supply.counts': CountsTable;
  'supply.count_lines': CountLinesTable;
  'supply.reorder_rules': ReorderRulesTable;
  'supply.sales_orders': SalesOrdersTable;
  'supply.sales_order_lines': SalesOrderLinesTable;
  'supply.valuation_snapshot_dates': ValuationSnapshotDatesTable;
  'supply.valuation_snapshots': ValuationSnapshotsTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends SupplyTables {}
}
