import { sql, type Kysely } from 'kysely';

/**
 * Order lines in any unit of the item (the unit and its factor to the base unit, frozen on the line;
 * quantities and prices per that unit), sales orders in a foreign currency (their rate) and from a
 * CRM opportunity, standard cost as a third valuation method (the item's standard cost) with
 * revaluation moves (quantity 0: they change the value only).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['purchase_order_lines', 'sales_order_lines']) {
    await sql`alter table ${sql.table(`supply.${table}`)}
      add column unit text, add column factor numeric(19,6) not null default 1 check (factor > 0)`.execute(db);
    await sql`update ${sql.table(`supply.${table}`)} l set unit = i.uom from supply.items i where i.id = l.item_id`.execute(
      db,
    );
    await sql`alter table ${sql.table(`supply.${table}`)} alter column unit set not null`.execute(db);
  }
  await sql`alter table supply.sales_orders
    add column exchange_rate numeric(19,8) not null default 1 check (exchange_rate > 0),
    add column opportunity_id uuid`.execute(db);
  await sql`create index sales_orders_opportunity on supply.sales_orders (opportunity_id) where opportunity_id is not null`.execute(
    db,
  );

  await sql`alter table supply.items add column standard_cost numeric(19,6) check (standard_cost >= 0)`.execute(db);
  await dropChecks(db, 'supply.settings', '%valuation_method%');
  await sql`alter table supply.settings add constraint settings_valuation_method_check
    check (valuation_method in ('fifo', 'average', 'standard'))`.execute(db);

  await dropChecks(db, 'supply.moves', '%kind%');
  await dropChecks(db, 'supply.moves', '%quantity > %');
  await sql`alter table supply.moves
    add constraint moves_kind_check check (kind in ('receipt', 'delivery', 'transfer', 'adjustment', 'count',
      'supplier-return', 'customer-return', 'revaluation')),
    add constraint moves_quantity_check check (quantity > 0 or (kind = 'revaluation' and quantity = 0)),
    add constraint moves_unit_quantity_check check (unit_quantity > 0 or (kind = 'revaluation' and unit_quantity = 0))`.execute(
    db,
  );
}

/** Drops the check constraints of `table` whose definition matches `pattern` (their names were generated). */
async function dropChecks(db: Kysely<any>, table: string, pattern: string) {
  const res = await sql<{ conname: string }>`
    select conname from pg_constraint
    where conrelid = ${table}::regclass and contype = 'c' and pg_get_constraintdef(oid) like ${pattern}`.execute(db);
  for (const { conname } of res.rows)
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(conname)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table supply.moves drop constraint moves_kind_check, drop constraint moves_quantity_check,
    drop constraint moves_unit_quantity_check`.execute(db);
  await sql`alter table supply.moves
    add constraint moves_kind_check check (kind in ('receipt', 'delivery', 'transfer', 'adjustment', 'count',
      'supplier-return', 'customer-return')),
    add constraint moves_quantity_check check (quantity > 0),
    add constraint moves_unit_quantity_check check (unit_quantity > 0)`.execute(db);
  await sql`alter table supply.settings drop constraint settings_valuation_method_check`.execute(db);
  await sql`alter table supply.settings add constraint settings_valuation_method_check
    check (valuation_method in ('fifo', 'average'))`.execute(db);
  await sql`alter table supply.items drop column standard_cost`.execute(db);
  await sql`alter table supply.sales_orders drop column exchange_rate, drop column opportunity_id`.execute(db);
  for (const table of ['purchase_order_lines', 'sales_order_lines'])
    await sql`alter table ${sql.table(`supply.${table}`)} drop column unit, drop column factor`.execute(db);
}
