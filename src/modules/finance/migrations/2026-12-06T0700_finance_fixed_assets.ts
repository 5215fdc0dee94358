import { sql, type Kysely } from 'kysely';

/**
 * Fixed assets (issue #23):
 *
 * - `finance.asset_categories`: the three accounts an asset posts to (cost, accumulated
 *   depreciation, depreciation expense) and the defaults of its assets (useful life, method).
 * - `finance.assets`: the register (cost, dates, useful life, residual value, method; draft → active
 *   → disposed), with the disposal (date, proceeds, entry) once disposed.
 * - `finance.asset_depreciation`: one row per asset and month posted (unique: the monthly job and
 *   `POST /assets/depreciation/run` post each month once, even when they run at the same moment).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table finance.asset_categories (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      asset_account_id uuid not null references finance.accounts(id),
      accumulated_account_id uuid not null references finance.accounts(id),
      expense_account_id uuid not null references finance.accounts(id),
      useful_life_months integer not null check (useful_life_months between 1 and 1200),
      method text not null check (method in ('straight-line', 'declining-balance')),
      rate numeric(9, 6) check (rate > 0 and rate <= 100),
      check ((method = 'declining-balance') = (rate is not null)),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index asset_categories_name_idx on finance.asset_categories (lower(name))`.execute(db);
  await sql`
    create table finance.assets (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      category_id uuid not null references finance.asset_categories(id),
      cost numeric(19, 4) not null check (cost > 0),
      residual_value numeric(19, 4) not null default 0 check (residual_value >= 0 and residual_value < cost),
      acquisition_date date not null,
      in_service_date date not null check (in_service_date >= acquisition_date),
      useful_life_months integer not null check (useful_life_months between 1 and 1200),
      method text not null check (method in ('straight-line', 'declining-balance')),
      rate numeric(9, 6) check (rate > 0 and rate <= 100),
      check ((method = 'declining-balance') = (rate is not null)),
      status text not null default 'draft' check (status in ('draft', 'active', 'disposed')),
      disposal_date date,
      disposal_proceeds numeric(19, 4),
      disposal_entry_id uuid references finance.journal_entries(id),
      check ((status = 'disposed') = (disposal_date is not null)),
      last_error text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index assets_category_idx on finance.assets (category_id)`.execute(db);
  await sql`create index assets_status_idx on finance.assets (status)`.execute(db);
  await sql`
    create table finance.asset_depreciation (
      asset_id uuid not null references finance.assets(id),
      period text not null check (period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
      amount numeric(19, 4) not null check (amount >= 0),
      entry_id uuid references finance.journal_entries(id),
      created_at timestamptz not null default now(),
      primary key (asset_id, period)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table finance.asset_depreciation`.execute(db);
  await sql`drop table finance.assets`.execute(db);
  await sql`drop table finance.asset_categories`.execute(db);
}
