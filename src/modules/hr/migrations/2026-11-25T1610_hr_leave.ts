import { sql, type Kysely } from 'kysely';

/**
 * HR leave: leave types (yearly allowance, carry-over rule), public holidays per location, days
 * carried over into a year, and leave requests. Days are numeric(5,1) in half-day steps; balances
 * are computed from the requests (never a running counter that can drift).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);
  const halfDays = (column: string) => sql.raw(`check (${column} * 2 = trunc(${column} * 2))`);

  await sql`create table hr.leave_types (
    id uuid primary key default gen_random_uuid(),
    code text not null unique check (code ~ '^[a-z0-9][a-z0-9_-]{0,29}$'),
    name text not null check (length(name) between 1 and 100),
    yearly_allowance numeric(5, 1) not null check (yearly_allowance between 0 and 366), ${halfDays('yearly_allowance')},
    paid boolean not null default true,
    allow_negative boolean not null default false,
    requires_approval boolean not null default true,
    carry_over_max numeric(5, 1) not null default 0 check (carry_over_max between 0 and 366), ${halfDays('carry_over_max')},
    carry_over_expiry_month smallint check (carry_over_expiry_month between 1 and 12),
    active boolean not null default true,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);

  await sql`create table hr.public_holidays (
    id uuid primary key default gen_random_uuid(),
    location_id uuid not null references hr.locations(id),
    date date not null,
    name text not null check (length(name) between 1 and 100),
    created_by uuid,
    ${ts('created_at')},
    unique (location_id, date)
  )`.execute(db);
  await sql`create index public_holidays_date on hr.public_holidays (date, location_id)`.execute(db);

  // What the year-end carry-over moved into `year` (set, not added: rerunning it changes nothing).
  await sql`create table hr.leave_carry_overs (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references hr.employees(id),
    leave_type_id uuid not null references hr.leave_types(id),
    year integer not null check (year between 1900 and 9999),
    days numeric(5, 1) not null check (days >= 0), ${halfDays('days')},
    expires_on date,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    unique (employee_id, leave_type_id, year)
  )`.execute(db);

  await sql`create table hr.leave_requests (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references hr.employees(id),
    leave_type_id uuid not null references hr.leave_types(id),
    start_date date not null,
    end_date date not null,
    start_portion text not null default 'full' check (start_portion in ('full', 'pm')),
    end_portion text not null default 'full' check (end_portion in ('full', 'am')),
    days numeric(5, 1) not null check (days > 0), ${halfDays('days')},
    status text not null check (status in ('draft', 'submitted', 'approved', 'rejected', 'cancelled')),
    reason text check (reason is null or length(reason) <= 1000),
    submitted_at timestamptz(3),
    decided_by uuid,
    decided_at timestamptz(3),
    decision_comment text check (decision_comment is null or length(decision_comment) <= 1000),
    cancelled_by uuid,
    cancelled_at timestamptz(3),
    created_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check (end_date >= start_date),
    check (extract(year from start_date) = extract(year from end_date)),
    check (start_date < end_date or start_portion = 'full' or end_portion = 'full')
  )`.execute(db);
  await sql`create index leave_requests_employee on hr.leave_requests (employee_id, start_date, id)`.execute(db);
  await sql`create index leave_requests_status on hr.leave_requests (status, start_date, id)`.execute(db);
  await sql`create index leave_requests_dates on hr.leave_requests (start_date, end_date)`.execute(db);
  await sql`create index leave_requests_created on hr.leave_requests (created_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists hr.leave_requests`.execute(db);
  await sql`drop table if exists hr.leave_carry_overs`.execute(db);
  await sql`drop table if exists hr.public_holidays`.execute(db);
  await sql`drop table if exists hr.leave_types`.execute(db);
}
