import { sql, type Kysely } from 'kysely';

/**
 * HR payroll: recurring pay components (allowances and deductions), payroll runs, payslips with
 * their lines, and the employees a run left out. Approved payslips (and their lines) and approved
 * runs are immutable, enforced by triggers whatever code writes. Money is numeric, never a float.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);

  // A recurring allowance (adds to gross) or deduction (taken from net): a fixed amount per pay
  // period, or a percentage of the period's base pay; in force from start_date to end_date.
  await sql`create table hr.pay_components (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references hr.employees(id),
    kind text not null check (kind in ('allowance', 'deduction')),
    name text not null check (length(name) between 1 and 100),
    amount numeric(14, 2) check (amount is null or amount >= 0),
    rate numeric(7, 4) check (rate is null or (rate >= 0 and rate <= 100)),
    start_date date not null,
    end_date date,
    created_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check ((amount is null) <> (rate is null)),
    check (end_date is null or end_date >= start_date)
  )`.execute(db);
  await sql`create index pay_components_employee on hr.pay_components (employee_id, start_date, id)`.execute(db);

  await sql`create table hr.payroll_runs (
    id uuid primary key default gen_random_uuid(),
    period_start date not null,
    period_end date not null,
    pay_date date not null,
    currency char(3) not null check (currency = upper(currency)),
    pay_frequency text not null check (pay_frequency in ('monthly', 'semi_monthly', 'biweekly', 'weekly')),
    status text not null default 'draft'
      check (status in ('draft', 'calculated', 'reviewed', 'approved', 'cancelled')),
    notes text,
    review_notes text,
    cancel_reason text,
    employee_count integer not null default 0,
    total_gross numeric(16, 2) not null default 0,
    total_deductions numeric(16, 2) not null default 0,
    total_net numeric(16, 2) not null default 0,
    journal_entry_id uuid,
    exchange_rate numeric(20, 10),
    created_by uuid,
    calculated_at timestamptz(3),
    reviewed_at timestamptz(3), reviewed_by uuid,
    approved_at timestamptz(3), approved_by uuid,
    cancelled_at timestamptz(3), cancelled_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check (period_end >= period_start),
    check (period_end - period_start < 62),
    check (pay_date >= period_start),
    check (status <> 'approved' or journal_entry_id is not null)
  )`.execute(db);
  await sql`create index payroll_runs_period on hr.payroll_runs (period_start, id)`.execute(db);
  await sql`create index payroll_runs_currency on hr.payroll_runs (currency, period_start) where status <> 'cancelled'`.execute(
    db,
  );

  // One payslip per employee and run: a snapshot (names, dates, amounts) taken when calculated.
  await sql`create table hr.payslips (
    id uuid primary key default gen_random_uuid(),
    run_id uuid not null references hr.payroll_runs(id),
    employee_id uuid not null references hr.employees(id),
    employee_number text not null,
    employee_name text not null,
    period_start date not null,
    period_end date not null,
    pay_date date not null,
    currency char(3) not null,
    status text not null default 'draft' check (status in ('draft', 'approved')),
    paid_days integer not null check (paid_days >= 0),
    period_days integer not null check (period_days > 0),
    base_pay numeric(14, 2) not null,
    total_allowances numeric(14, 2) not null,
    gross numeric(14, 2) not null,
    total_deductions numeric(14, 2) not null,
    net numeric(14, 2) not null,
    flagged boolean not null default false,
    flag_reason text,
    approved_at timestamptz(3),
    ${ts('created_at')},
    unique (run_id, employee_id),
    check (gross = base_pay + total_allowances),
    check (net = gross - total_deductions),
    check (flagged = (net < 0))
  )`.execute(db);
  await sql`create index payslips_employee on hr.payslips (employee_id, period_start, id)`.execute(db);

  await sql`create table hr.payslip_lines (
    payslip_id uuid not null references hr.payslips(id) on delete cascade,
    line_no integer not null,
    kind text not null check (kind in ('base', 'allowance', 'deduction')),
    name text not null,
    amount numeric(14, 2) not null check (amount >= 0),
    rate numeric(7, 4),
    from_date date,
    to_date date,
    component_id uuid,
    primary key (payslip_id, line_no)
  )`.execute(db);

  // Employees active in the period whom a run did not pay, and why (another currency, no salary, …).
  await sql`create table hr.payroll_exclusions (
    run_id uuid not null references hr.payroll_runs(id) on delete cascade,
    employee_id uuid not null references hr.employees(id),
    reason text not null,
    detail text not null,
    primary key (run_id, employee_id)
  )`.execute(db);

  await sql`
    create function hr.payroll_run_guard() returns trigger language plpgsql as $$
    begin
      if old.status = 'approved' then
        raise exception 'an approved payroll run cannot be changed' using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger payroll_runs_immutable before update or delete on hr.payroll_runs
            for each row execute function hr.payroll_run_guard()`.execute(db);

  await sql`
    create function hr.payslip_guard() returns trigger language plpgsql as $$
    begin
      if old.status = 'approved' then
        raise exception 'an approved payslip cannot be changed or deleted' using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger payslips_immutable before update or delete on hr.payslips
            for each row execute function hr.payslip_guard()`.execute(db);

  await sql`
    create function hr.payslip_line_guard() returns trigger language plpgsql as $$
    declare slip_status text;
    begin
      select status into slip_status from hr.payslips
       where id = case when tg_op = 'INSERT' then new.payslip_id else old.payslip_id end;
      if slip_status = 'approved' then
        raise exception 'the lines of an approved payslip cannot be changed' using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger payslip_lines_immutable before insert or update or delete on hr.payslip_lines
            for each row execute function hr.payslip_line_guard()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists hr.payroll_exclusions, hr.payslip_lines, hr.payslips, hr.payroll_runs, hr.pay_components`.execute(
    db,
  );
  await sql`drop function if exists hr.payroll_run_guard(), hr.payslip_guard(), hr.payslip_line_guard()`.execute(db);
}
