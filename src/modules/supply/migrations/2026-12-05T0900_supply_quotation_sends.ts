import { sql, type Kysely } from 'kysely';

/**
 * The log of quotations and sales orders sent by email as PDFs: who sent which order to whom, and
 * the Finance job that renders the PDF and queues the mail (its state is read through Finance).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table supply.quotation_sends (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null references supply.sales_orders(id) on delete cascade,
    recipients jsonb not null,
    subject text not null,
    file_name text not null,
    job_id uuid not null,
    sent_by uuid,
    sent_by_email text,
    created_at timestamptz(3) not null default now()
  )`.execute(db);
  await sql`create index quotation_sends_order on supply.quotation_sends (order_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table supply.quotation_sends`.execute(db);
}
