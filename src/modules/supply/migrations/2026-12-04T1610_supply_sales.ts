import { sql, type Kysely } from 'kysely';

/**
 * Sales: quotations that become sales orders (one table, by status), their lines with delivered and
 * invoiced quantities; deliveries know their order and their customer invoice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);
  await sql`create table supply.sales_orders (
    id uuid primary key default gen_random_uuid(),
    number text not null unique,
    status text not null default 'quotation'
      check (status in ('quotation', 'confirmed', 'partially-delivered', 'delivered', 'cancelled')),
    customer_id uuid not null,
    warehouse_id uuid not null references supply.warehouses(id),
    order_date date not null,
    valid_until date,
    currency char(3) not null,
    memo text not null default '',
    created_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index sales_orders_customer on supply.sales_orders (customer_id, status)`.execute(db);
  await sql`create table supply.sales_order_lines (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null references supply.sales_orders(id) on delete cascade,
    line_no integer not null,
    item_id uuid not null references supply.items(id),
    quantity numeric(19,4) not null check (quantity > 0),
    unit_price numeric(19,4) not null check (unit_price >= 0),
    discount_percent numeric(7,4) not null default 0 check (discount_percent between 0 and 100),
    delivered_quantity numeric(19,4) not null default 0 check (delivered_quantity >= 0),
    invoiced_quantity numeric(19,4) not null default 0 check (invoiced_quantity >= 0),
    unique (order_id, line_no)
  )`.execute(db);
  await sql`alter table supply.deliveries add column sales_order_id uuid references supply.sales_orders(id),
            add column invoice_id uuid`.execute(db);
  await sql`alter table supply.delivery_lines add column sales_order_line_id uuid references supply.sales_order_lines(id)`.execute(
    db,
  );
  await sql`create index deliveries_sales_order on supply.deliveries (sales_order_id) where sales_order_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table supply.delivery_lines drop column sales_order_line_id`.execute(db);
  await sql`alter table supply.deliveries drop column sales_order_id, drop column invoice_id`.execute(db);
  await sql`drop table supply.sales_order_lines`.execute(db);
  await sql`drop table supply.sales_orders`.execute(db);
}
