import { sql, type Kysely } from 'kysely';

/**
 * Issue #23, the rest:
 *
 * - `finance.exchange_rates`: the company's exchange-rate table — one rate per currency pair and
 *   date (units of `to_currency` for one `from_currency`, an exact decimal). Revaluation takes the
 *   latest rate on or before the period end when a run names no rates.
 * - `finance.payments.discount_of_payment_id`: an early-payment discount taken with a payment is a
 *   payment of its own (Dr discounts allowed / Cr receivable, or Dr payable / Cr discounts received)
 *   allocated to the documents the payment settled for the discounted amount; it names that payment.
 * - `finance.assets.opening_accumulated_depreciation` / `depreciated_through`: an asset brought in
 *   part-depreciated; its schedule continues after that month and nothing posts up to it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table finance.exchange_rates (
      id uuid primary key default gen_random_uuid(),
      from_currency char(3) not null check (from_currency ~ '^[A-Z]{3}$'),
      to_currency char(3) not null check (to_currency ~ '^[A-Z]{3}$'),
      check (from_currency <> to_currency),
      rate_date date not null,
      rate numeric(20, 10) not null check (rate > 0),
      source text not null default '' check (length(source) <= 200),
      version integer not null default 1,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (from_currency, to_currency, rate_date)
    )`.execute(db);
  await sql`alter table finance.payments add column discount_of_payment_id uuid references finance.payments(id)`.execute(
    db,
  );
  await sql`create index payments_discount_of on finance.payments (discount_of_payment_id)
            where discount_of_payment_id is not null`.execute(db);
  await sql`alter table finance.assets
              add column opening_accumulated_depreciation numeric(19, 4) not null default 0
                check (opening_accumulated_depreciation >= 0),
              add column depreciated_through date,
              add constraint assets_opening_depreciation
                check ((depreciated_through is null) = (opening_accumulated_depreciation = 0)
                       and opening_accumulated_depreciation <= cost - residual_value)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table finance.assets drop constraint assets_opening_depreciation,
              drop column depreciated_through, drop column opening_accumulated_depreciation`.execute(db);
  await sql`drop index finance.payments_discount_of`.execute(db);
  await sql`alter table finance.payments drop column discount_of_payment_id`.execute(db);
  await sql`drop table finance.exchange_rates`.execute(db);
}
