import { sql, type Kysely } from 'kysely';

/**
 * HR core: locations, departments (a tree with a head), positions, employees (with manager), the
 * history of job changes, and compensation history. Leave and payroll tables come in their own
 * migrations. Salaries are numeric(14,2): money is never a float.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists hr`.execute(db);
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);

  await sql`create table hr.locations (
    id uuid primary key default gen_random_uuid(),
    name text not null unique check (length(name) between 1 and 200),
    country_code char(2) not null check (country_code = upper(country_code)),
    timezone text not null default 'UTC',
    address jsonb,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);

  await sql`create table hr.departments (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    code text unique check (code is null or length(code) between 1 and 20),
    parent_id uuid references hr.departments(id),
    head_employee_id uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check (parent_id is distinct from id)
  )`.execute(db);
  await sql`create index departments_parent on hr.departments (parent_id)`.execute(db);
  await sql`create index departments_name on hr.departments (name, id)`.execute(db);

  await sql`create table hr.positions (
    id uuid primary key default gen_random_uuid(),
    title text not null check (length(title) between 1 and 200),
    code text unique check (code is null or length(code) between 1 and 20),
    department_id uuid references hr.departments(id),
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index positions_title on hr.positions (title, id)`.execute(db);

  await sql`create sequence hr.employee_number_seq`.execute(db);
  await sql`create table hr.employees (
    id uuid primary key default gen_random_uuid(),
    employee_number text not null unique default ('E' || lpad(nextval('hr.employee_number_seq')::text, 6, '0')),
    first_name text not null check (length(first_name) between 1 and 100),
    last_name text not null check (length(last_name) between 1 and 100),
    work_email text not null check (work_email = lower(work_email)),
    work_phone text,
    personal_email text check (personal_email = lower(personal_email)),
    personal_phone text,
    birth_date date,
    home_address jsonb,
    department_id uuid references hr.departments(id),
    position_id uuid references hr.positions(id),
    location_id uuid references hr.locations(id),
    manager_id uuid references hr.employees(id),
    employment_type text not null default 'full_time'
      check (employment_type in ('full_time', 'part_time', 'contractor', 'intern', 'temporary')),
    start_date date not null,
    end_date date,
    status text not null default 'active' check (status in ('active', 'terminated')),
    termination_reason text,
    user_id uuid unique,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check (end_date is null or end_date >= start_date),
    check (manager_id is distinct from id),
    check (status = 'active' or end_date is not null)
  )`.execute(db);
  await sql`create unique index employees_work_email on hr.employees (work_email) where status = 'active'`.execute(db);
  await sql`create index employees_manager on hr.employees (manager_id)`.execute(db);
  await sql`create index employees_department on hr.employees (department_id)`.execute(db);
  await sql`create index employees_name on hr.employees (last_name, first_name, id)`.execute(db);
  await sql`create index employees_created on hr.employees (created_at, id)`.execute(db);
  // Directory filters, and the "what still uses this?" checks before deleting a location or position.
  await sql`create index employees_location on hr.employees (location_id)`.execute(db);
  await sql`create index employees_position on hr.employees (position_id)`.execute(db);
  await sql`create index employees_first_name on hr.employees (first_name, id)`.execute(db);
  await sql`create index positions_department on hr.positions (department_id)`.execute(db);

  await sql`alter table hr.departments add constraint departments_head_fk
    foreign key (head_employee_id) references hr.employees(id)`.execute(db);
  await sql`create index departments_head on hr.departments (head_employee_id)`.execute(db);

  // A job change: what the employee's department, position and manager became on a date.
  await sql`create table hr.job_changes (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references hr.employees(id),
    effective_date date not null,
    department_id uuid references hr.departments(id),
    position_id uuid references hr.positions(id),
    manager_id uuid references hr.employees(id),
    reason text,
    created_by uuid,
    ${ts('created_at')}
  )`.execute(db);
  await sql`create index job_changes_employee on hr.job_changes (employee_id, effective_date, id)`.execute(db);
  await sql`create index job_changes_department on hr.job_changes (department_id)`.execute(db);
  await sql`create index job_changes_position on hr.job_changes (position_id)`.execute(db);
  await sql`create index job_changes_manager on hr.job_changes (manager_id)`.execute(db);

  // Compensation history: the salary in force from a date (sensitive: hr:compensation).
  await sql`create table hr.compensations (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references hr.employees(id),
    effective_date date not null,
    base_salary numeric(14, 2) not null check (base_salary >= 0),
    currency char(3) not null check (currency = upper(currency)),
    pay_frequency text not null check (pay_frequency in ('monthly', 'semi_monthly', 'biweekly', 'weekly')),
    reason text,
    created_by uuid,
    ${ts('created_at')},
    unique (employee_id, effective_date)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema hr cascade`.execute(db);
}
