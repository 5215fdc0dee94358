import { sql, type Kysely } from 'kysely';

/**
 * Tax engine, tax returns and fiscal years that fit (issue #22):
 *
 * - `tax_codes`: a rate (a decimal fraction, 0.2 = 20 %), its kind (sales / purchase), its treatment
 *   (standard, exempt or zero-rated with a reason, reverse charge), the tax account it posts to (and,
 *   for reverse charge, the output account of the self-assessed tax) and the reporting boxes. A group
 *   code (`is_group`) stands for its components (`tax_code_components`, in order; a compound
 *   component is charged on the net plus the taxes before it).
 * - `fiscal_positions` map codes for a party (domestic, intra-EU, export); `account_tax_defaults`
 *   name the code a line on an account gets when it names none.
 * - `document_taxes`: the tax breakdown of a document per code (component), a snapshot of the rate,
 *   account and boxes at the time (later edits of a code change nothing that was issued); reverse
 *   charge has an input and an output row. Existing documents get one row per tax rate ("no code").
 * - `tax_returns`: a filed return per period with its figures; documents it covered name it.
 * - Settings: the fiscal year's first month and the tax rounding (per line or per document).
 *   Periods of a long first year can number up to 24.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table finance.settings
            add column fiscal_year_start_month smallint not null default 1
              constraint settings_fy_start_month check (fiscal_year_start_month between 1 and 12),
            add column tax_rounding text not null default 'line'
              constraint settings_tax_rounding check (tax_rounding in ('line', 'document'))`.execute(db);
  await sql`alter table finance.fiscal_periods drop constraint if exists fiscal_periods_period_check`.execute(db);
  await sql`alter table finance.fiscal_periods add constraint fiscal_periods_period_range
            check (period between 1 and 24)`.execute(db);
  await sql`alter table finance.fiscal_years add constraint fiscal_years_dates check (start_date <= end_date)`.execute(
    db,
  );

  await sql`
    create table finance.tax_codes (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[0-9A-Za-z][0-9A-Za-z._-]{0,29}$'),
      name text not null,
      kind text not null check (kind in ('sales', 'purchase')),
      is_group boolean not null default false,
      rate numeric(9, 6) not null default 0 check (rate >= 0 and rate < 10),
      treatment text not null default 'standard'
        check (treatment in ('standard', 'exempt', 'zero-rated', 'reverse-charge')),
      exempt_reason text not null default '',
      account_id uuid references finance.accounts (id),
      reverse_account_id uuid references finance.accounts (id),
      net_box text not null default '',
      tax_box text not null default '',
      reverse_tax_box text not null default '',
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint tax_codes_reason check (treatment not in ('exempt', 'zero-rated') or exempt_reason <> ''),
      constraint tax_codes_reverse check (treatment <> 'reverse-charge' or (kind = 'purchase' and reverse_account_id is not null)),
      constraint tax_codes_account check (is_group or treatment in ('exempt', 'zero-rated') or account_id is not null)
    )`.execute(db);
  await sql`
    create table finance.tax_code_components (
      group_id uuid not null references finance.tax_codes (id) on delete cascade,
      seq integer not null,
      component_id uuid not null references finance.tax_codes (id),
      compound boolean not null default false,
      primary key (group_id, seq),
      check (group_id <> component_id)
    )`.execute(db);
  await sql`
    create table finance.fiscal_positions (
      id uuid primary key default gen_random_uuid(),
      name text not null unique,
      kind text not null check (kind in ('domestic', 'intra-eu', 'export')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table finance.fiscal_position_taxes (
      position_id uuid not null references finance.fiscal_positions (id) on delete cascade,
      from_tax_code_id uuid not null references finance.tax_codes (id),
      to_tax_code_id uuid not null references finance.tax_codes (id),
      primary key (position_id, from_tax_code_id)
    )`.execute(db);
  await sql`alter table finance.parties add column fiscal_position_id uuid references finance.fiscal_positions (id)`.execute(
    db,
  );
  await sql`
    create table finance.account_tax_defaults (
      account_id uuid primary key references finance.accounts (id),
      tax_code_id uuid not null references finance.tax_codes (id)
    )`.execute(db);

  await sql`alter table finance.document_lines add column tax_code_id uuid references finance.tax_codes (id)`.execute(
    db,
  );
  await sql`alter table finance.documents add column prices_include_tax boolean not null default false`.execute(db);

  await sql`
    create table finance.tax_returns (
      id uuid primary key default gen_random_uuid(),
      period_start date not null,
      period_end date not null,
      status text not null default 'filed' check (status in ('filed')),
      output_tax numeric(19, 4) not null,
      input_tax numeric(19, 4) not null,
      net_payable numeric(19, 4) not null,
      figures jsonb not null,
      filed_by uuid,
      filed_at timestamptz not null default now(),
      check (period_start <= period_end)
    )`.execute(db);
  await sql`create index tax_returns_period on finance.tax_returns (period_start, period_end)`.execute(db);
  await sql`alter table finance.documents add column tax_return_id uuid references finance.tax_returns (id)`.execute(
    db,
  );
  await sql`alter table finance.documents add column void_tax_return_id uuid references finance.tax_returns (id)`.execute(
    db,
  );

  await sql`
    create table finance.document_taxes (
      id bigserial primary key,
      document_id uuid not null references finance.documents (id) on delete cascade,
      seq integer not null,
      tax_code_id uuid references finance.tax_codes (id),
      code text not null default '',
      name text not null default '',
      treatment text not null default 'standard',
      exempt_reason text not null default '',
      rate numeric(9, 6) not null,
      side text not null check (side in ('output', 'input')),
      self_assessed boolean not null default false,
      account_id uuid references finance.accounts (id),
      box text not null default '',
      net_box text not null default '',
      base numeric(19, 4) not null,
      tax numeric(19, 4) not null check (tax >= 0),
      unique (document_id, seq)
    )`.execute(db);
  await sql`create index document_taxes_code on finance.document_taxes (tax_code_id)`.execute(db);

  // Existing documents: one "no code" row per document and rate, on the role account of its side.
  await sql`
    insert into finance.document_taxes
      (document_id, seq, rate, side, account_id, base, tax)
    select d.id,
           row_number() over (partition by d.id order by l.tax_rate),
           l.tax_rate / 100,
           case when d.kind in ('invoice', 'credit-note') then 'output' else 'input' end,
           (select account_id from finance.account_roles
             where role = case when d.kind in ('invoice', 'credit-note') then 'tax-payable' else 'tax-receivable' end),
           sum(l.net), sum(l.tax)
      from finance.documents d join finance.document_lines l on l.document_id = d.id
     group by d.id, d.kind, l.tax_rate`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table finance.document_taxes`.execute(db);
  await sql`alter table finance.documents drop column tax_return_id, drop column void_tax_return_id,
            drop column prices_include_tax`.execute(db);
  await sql`drop table finance.tax_returns`.execute(db);
  await sql`alter table finance.document_lines drop column tax_code_id`.execute(db);
  await sql`drop table finance.account_tax_defaults`.execute(db);
  await sql`alter table finance.parties drop column fiscal_position_id`.execute(db);
  await sql`drop table finance.fiscal_position_taxes`.execute(db);
  await sql`drop table finance.fiscal_positions`.execute(db);
  await sql`drop table finance.tax_code_components`.execute(db);
  await sql`drop table finance.tax_codes`.execute(db);
  await sql`alter table finance.fiscal_years drop constraint fiscal_years_dates`.execute(db);
  await sql`alter table finance.fiscal_periods drop constraint fiscal_periods_period_range`.execute(db);
  await sql`alter table finance.fiscal_periods add constraint fiscal_periods_period_check
            check (period between 1 and 12)`.execute(db);
  await sql`alter table finance.settings drop column tax_rounding, drop column fiscal_year_start_month`.execute(db);
}
