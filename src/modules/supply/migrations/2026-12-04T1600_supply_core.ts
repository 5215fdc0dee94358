import { sql, type Kysely } from 'kysely';

/**
 * Supply chain (schema `supply`): the catalogue (items, units, price lists), warehouses and their
 * locations, lots, the append-only stock ledger (moves) with its balance table, reservations, cost
 * layers and per-item valuation, purchasing (orders, receipts), deliveries, counts and reorder rules.
 * Quantities are numeric(19,4) in the item's base unit; money numeric(19,4), unit costs numeric(19,6).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists supply`.execute(db);
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);
  const qty = (name: string, extra = '') => sql.raw(`${name} numeric(19,4) not null default 0 ${extra}`);

  await sql`create table supply.settings (
    id integer primary key default 1 check (id = 1),
    valuation_method text not null default 'fifo' check (valuation_method in ('fifo', 'average')),
    over_receipt_percent numeric(7,4) not null default 0 check (over_receipt_percent >= 0),
    price_tolerance_percent numeric(7,4) not null default 0 check (price_tolerance_percent >= 0),
    version integer not null default 1,
    ${ts('updated_at')}
  )`.execute(db);
  await sql`insert into supply.settings (id) values (1)`.execute(db);

  await sql`create table supply.items (
    id uuid primary key default gen_random_uuid(),
    sku text not null unique check (length(sku) between 1 and 64),
    name text not null check (length(name) between 1 and 200),
    type text not null check (type in ('stocked', 'service', 'consumable')),
    uom text not null check (length(uom) between 1 and 20),
    barcode text unique,
    category text,
    tracking text not null default 'none' check (tracking in ('none', 'lot', 'serial')),
    shelf_life_days integer check (shelf_life_days > 0),
    allow_negative boolean not null default false,
    default_supplier_id uuid,
    active boolean not null default true,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index items_name on supply.items (name, id)`.execute(db);
  await sql`create table supply.item_units (
    item_id uuid not null references supply.items(id) on delete cascade,
    unit text not null check (length(unit) between 1 and 20),
    factor numeric(19,6) not null check (factor > 0),
    primary key (item_id, unit)
  )`.execute(db);

  await sql`create table supply.price_lists (
    id uuid primary key default gen_random_uuid(),
    name text not null unique check (length(name) between 1 and 200),
    kind text not null check (kind in ('sales', 'purchase')),
    currency char(3) not null,
    party_id uuid,
    active boolean not null default true,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create table supply.prices (
    id uuid primary key default gen_random_uuid(),
    price_list_id uuid not null references supply.price_lists(id) on delete cascade,
    item_id uuid not null references supply.items(id),
    ${qty('min_quantity', 'check (min_quantity >= 0)')},
    unit_price numeric(19,4) not null check (unit_price >= 0),
    unique (price_list_id, item_id, min_quantity)
  )`.execute(db);

  await sql`create table supply.warehouses (
    id uuid primary key default gen_random_uuid(),
    code text not null unique check (length(code) between 1 and 20),
    name text not null check (length(name) between 1 and 200),
    address jsonb,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create table supply.locations (
    id uuid primary key default gen_random_uuid(),
    warehouse_id uuid not null references supply.warehouses(id),
    code text not null check (length(code) between 1 and 40),
    name text not null check (length(name) between 1 and 200),
    is_default boolean not null default false,
    active boolean not null default true,
    ${ts('created_at')},
    unique (warehouse_id, code)
  )`.execute(db);
  await sql`create unique index locations_one_default on supply.locations (warehouse_id) where is_default`.execute(db);

  await sql`create table supply.lots (
    id uuid primary key default gen_random_uuid(),
    item_id uuid not null references supply.items(id),
    code text not null check (length(code) between 1 and 64),
    expiry_date date,
    ${ts('created_at')},
    unique (item_id, code)
  )`.execute(db);

  await sql`create table supply.moves (
    id uuid primary key default gen_random_uuid(),
    seq bigserial not null unique,
    kind text not null check (kind in ('receipt', 'delivery', 'transfer', 'adjustment', 'count', 'supplier-return', 'customer-return')),
    move_date date not null,
    item_id uuid not null references supply.items(id),
    quantity numeric(19,4) not null check (quantity > 0),
    unit text not null,
    unit_quantity numeric(19,4) not null check (unit_quantity > 0),
    from_location_id uuid references supply.locations(id),
    to_location_id uuid references supply.locations(id),
    lot_id uuid references supply.lots(id),
    reason text not null default '',
    value numeric(19,4) not null default 0,
    source_type text,
    source_id uuid,
    journal_entry_id uuid,
    created_by uuid,
    ${ts('created_at')},
    check (from_location_id is not null or to_location_id is not null),
    check (from_location_id is distinct from to_location_id)
  )`.execute(db);
  await sql`create index moves_item on supply.moves (item_id, move_date, seq)`.execute(db);
  await sql`create index moves_date on supply.moves (move_date, seq)`.execute(db);
  await sql`create index moves_source on supply.moves (source_type, source_id)`.execute(db);
  await sql`
    create function supply.moves_guard() returns trigger language plpgsql as $$
    begin
      raise exception 'stock moves are immutable: post a correcting move instead' using errcode = 'P0001';
    end $$`.execute(db);
  await sql`create trigger moves_immutable before update or delete on supply.moves
            for each row execute function supply.moves_guard()`.execute(db);

  await sql`create table supply.balances (
    id uuid primary key default gen_random_uuid(),
    item_id uuid not null references supply.items(id),
    location_id uuid not null references supply.locations(id),
    lot_id uuid references supply.lots(id),
    ${qty('on_hand')},
    ${qty('reserved', 'check (reserved >= 0)')},
    unique nulls not distinct (item_id, location_id, lot_id)
  )`.execute(db);
  await sql`create index balances_location on supply.balances (location_id, item_id)`.execute(db);

  await sql`create table supply.reservations (
    id uuid primary key default gen_random_uuid(),
    balance_id uuid not null references supply.balances(id),
    quantity numeric(19,4) not null check (quantity > 0),
    source_type text not null,
    source_id uuid not null,
    ${ts('created_at')}
  )`.execute(db);
  await sql`create index reservations_source on supply.reservations (source_type, source_id)`.execute(db);

  await sql`create table supply.item_costs (
    item_id uuid primary key references supply.items(id),
    ${qty('quantity')},
    value numeric(19,4) not null default 0,
    last_unit_cost numeric(19,6) not null default 0
  )`.execute(db);
  await sql`create table supply.cost_layers (
    id uuid primary key default gen_random_uuid(),
    seq bigserial not null unique,
    item_id uuid not null references supply.items(id),
    move_id uuid not null references supply.moves(id) deferrable initially deferred,
    layer_date date not null,
    quantity numeric(19,4) not null,
    remaining numeric(19,4) not null,
    unit_cost numeric(19,6) not null
  )`.execute(db);
  await sql`create index cost_layers_open on supply.cost_layers (item_id, seq) where remaining <> 0`.execute(db);

  await sql`create sequence supply.document_number_seq`.execute(db);
  await sql`create table supply.purchase_orders (
    id uuid primary key default gen_random_uuid(),
    number text not null unique,
    supplier_id uuid not null,
    warehouse_id uuid not null references supply.warehouses(id),
    order_date date not null,
    expected_date date,
    currency char(3) not null,
    exchange_rate numeric(19,8) not null default 1 check (exchange_rate > 0),
    status text not null default 'draft'
      check (status in ('draft', 'ordered', 'partially-received', 'received', 'cancelled')),
    memo text not null default '',
    created_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index purchase_orders_supplier on supply.purchase_orders (supplier_id, status)`.execute(db);
  await sql`create table supply.purchase_order_lines (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null references supply.purchase_orders(id) on delete cascade,
    line_no integer not null,
    item_id uuid not null references supply.items(id),
    quantity numeric(19,4) not null check (quantity > 0),
    unit_price numeric(19,4) not null check (unit_price >= 0),
    expected_date date,
    ${qty('received_quantity')},
    ${qty('billed_quantity', 'check (billed_quantity >= 0)')},
    unique (order_id, line_no)
  )`.execute(db);

  await sql`create table supply.receipts (
    id uuid primary key default gen_random_uuid(),
    number text not null unique,
    kind text not null check (kind in ('receipt', 'return')),
    order_id uuid not null references supply.purchase_orders(id),
    receipt_date date not null,
    bill_id uuid,
    created_by uuid,
    ${ts('created_at')}
  )`.execute(db);
  await sql`create index receipts_order on supply.receipts (order_id)`.execute(db);
  await sql`create table supply.receipt_lines (
    id uuid primary key default gen_random_uuid(),
    seq bigserial not null,
    receipt_id uuid not null references supply.receipts(id),
    order_line_id uuid not null references supply.purchase_order_lines(id),
    item_id uuid not null references supply.items(id),
    location_id uuid not null references supply.locations(id),
    lot_id uuid references supply.lots(id),
    quantity numeric(19,4) not null check (quantity > 0),
    unit_cost numeric(19,6) not null,
    ${qty('billed_quantity', 'check (billed_quantity >= 0 and billed_quantity <= quantity)')},
    ${qty('returned_quantity', 'check (returned_quantity >= 0 and returned_quantity + billed_quantity <= quantity)')},
    returns_line_id uuid references supply.receipt_lines(id)
  )`.execute(db);

  await sql`create table supply.deliveries (
    id uuid primary key default gen_random_uuid(),
    number text not null unique,
    kind text not null check (kind in ('delivery', 'return')),
    customer_id uuid,
    delivery_date date not null,
    reference text not null default '',
    created_by uuid,
    ${ts('created_at')}
  )`.execute(db);
  await sql`create table supply.delivery_lines (
    id uuid primary key default gen_random_uuid(),
    seq bigserial not null,
    delivery_id uuid not null references supply.deliveries(id),
    item_id uuid not null references supply.items(id),
    location_id uuid not null references supply.locations(id),
    lot_id uuid references supply.lots(id),
    quantity numeric(19,4) not null check (quantity > 0),
    value numeric(19,4) not null,
    returns_line_id uuid references supply.delivery_lines(id)
  )`.execute(db);
  await sql`create index delivery_lines_returns on supply.delivery_lines (returns_line_id) where returns_line_id is not null`.execute(
    db,
  );

  await sql`create table supply.counts (
    id uuid primary key default gen_random_uuid(),
    number text not null unique,
    warehouse_id uuid not null references supply.warehouses(id),
    count_date date not null,
    status text not null default 'open' check (status in ('open', 'posted')),
    reason text not null default 'cycle count',
    created_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create table supply.count_lines (
    id uuid primary key default gen_random_uuid(),
    count_id uuid not null references supply.counts(id) on delete cascade,
    item_id uuid not null references supply.items(id),
    location_id uuid not null references supply.locations(id),
    lot_id uuid references supply.lots(id),
    counted_quantity numeric(19,4) not null check (counted_quantity >= 0),
    unit_cost numeric(19,6),
    unique nulls not distinct (count_id, item_id, location_id, lot_id)
  )`.execute(db);

  await sql`create table supply.reorder_rules (
    id uuid primary key default gen_random_uuid(),
    item_id uuid not null references supply.items(id),
    warehouse_id uuid not null references supply.warehouses(id),
    min_quantity numeric(19,4) not null check (min_quantity >= 0),
    max_quantity numeric(19,4) not null,
    supplier_id uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    unique (item_id, warehouse_id),
    check (max_quantity >= min_quantity)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema if exists supply cascade`.execute(db);
}
