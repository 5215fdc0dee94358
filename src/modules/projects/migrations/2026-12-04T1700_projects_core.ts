import { sql, type Kysely } from 'kysely';

/**
 * Projects core: projects with members (a project role and a rate card), per-project workflow
 * statuses, tasks (hierarchy, board rank), assignees, dependencies, comments, time entries, weekly
 * timesheets, invoiced periods and saved views.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists projects`.execute(db);
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);

  await sql`create table projects.projects (
    id uuid primary key default gen_random_uuid(),
    code text not null unique check (code ~ '^[A-Z][A-Z0-9]{1,11}$'),
    name text not null check (length(name) between 1 and 200),
    description text not null default '',
    client_party_id uuid,
    manager_id uuid not null,
    status text not null default 'proposed'
      check (status in ('proposed', 'active', 'on_hold', 'completed', 'cancelled')),
    start_date date,
    end_date date,
    budget_hours numeric(12, 2) check (budget_hours >= 0),
    budget_amount numeric(19, 4) check (budget_amount >= 0),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    billing_method text not null default 'non_billable'
      check (billing_method in ('non_billable', 'time_and_materials', 'fixed_price')),
    fixed_price numeric(19, 4) check (fixed_price >= 0),
    default_billing_rate numeric(19, 4) check (default_billing_rate >= 0),
    tags text[] not null default '{}',
    next_task_number integer not null default 1,
    archived_at timestamptz(3),
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check (end_date is null or start_date is null or end_date >= start_date)
  )`.execute(db);
  await sql`create index projects_manager on projects.projects (manager_id)`.execute(db);
  await sql`create index projects_name on projects.projects (name, id)`.execute(db);

  await sql`create table projects.members (
    project_id uuid not null references projects.projects(id) on delete cascade,
    user_id uuid not null,
    role text not null default 'member' check (role in ('manager', 'member', 'viewer')),
    cost_rate numeric(19, 4) check (cost_rate >= 0),
    billing_rate numeric(19, 4) check (billing_rate >= 0),
    primary key (project_id, user_id)
  )`.execute(db);
  await sql`create index members_user on projects.members (user_id)`.execute(db);

  await sql`create table projects.statuses (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references projects.projects(id) on delete cascade,
    name text not null check (length(name) between 1 and 60),
    category text not null check (category in ('todo', 'in_progress', 'done')),
    position integer not null,
    unique (project_id, name)
  )`.execute(db);
  await sql`create index statuses_project on projects.statuses (project_id, position)`.execute(db);

  await sql`create table projects.tasks (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references projects.projects(id) on delete cascade,
    number integer not null,
    parent_id uuid references projects.tasks(id) on delete cascade,
    type text not null default 'task' check (type in ('task', 'milestone', 'phase')),
    title text not null check (length(title) between 1 and 300),
    description text not null default '',
    status_id uuid not null references projects.statuses(id),
    priority text not null default 'medium' check (priority in ('low', 'medium', 'high', 'urgent')),
    start_date date,
    due_date date,
    estimate_hours numeric(10, 2) check (estimate_hours >= 0),
    labels text[] not null default '{}',
    checklist jsonb not null default '[]',
    rank numeric not null,
    completed_at timestamptz(3),
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    unique (project_id, number),
    check (due_date is null or start_date is null or due_date >= start_date)
  )`.execute(db);
  await sql`create index tasks_board on projects.tasks (project_id, status_id, rank)`.execute(db);
  await sql`create index tasks_parent on projects.tasks (parent_id)`.execute(db);
  await sql`create index tasks_project_start on projects.tasks (project_id, start_date)`.execute(db);

  await sql`create table projects.task_assignees (
    task_id uuid not null references projects.tasks(id) on delete cascade,
    user_id uuid not null,
    primary key (task_id, user_id)
  )`.execute(db);
  await sql`create index task_assignees_user on projects.task_assignees (user_id)`.execute(db);

  await sql`create table projects.dependencies (
    id uuid primary key default gen_random_uuid(),
    predecessor_id uuid not null references projects.tasks(id) on delete cascade,
    successor_id uuid not null references projects.tasks(id) on delete cascade,
    kind text not null default 'finish_to_start' check (kind in ('finish_to_start', 'start_to_start')),
    lag_days integer not null default 0 check (lag_days between -365 and 365),
    ${ts('created_at')},
    unique (predecessor_id, successor_id),
    check (predecessor_id <> successor_id)
  )`.execute(db);
  await sql`create index dependencies_successor on projects.dependencies (successor_id)`.execute(db);

  await sql`create table projects.comments (
    id uuid primary key default gen_random_uuid(),
    task_id uuid not null references projects.tasks(id) on delete cascade,
    author_id uuid not null,
    body text not null check (length(body) between 1 and 10000),
    mentions uuid[] not null default '{}',
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index comments_task on projects.comments (task_id, created_at)`.execute(db);

  await sql`create table projects.timesheets (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references projects.projects(id) on delete cascade,
    user_id uuid not null,
    week_start date not null check (extract(isodow from week_start) = 1),
    status text not null default 'open' check (status in ('open', 'submitted', 'approved', 'rejected')),
    submitted_at timestamptz(3),
    decided_by uuid,
    decided_at timestamptz(3),
    decision_comment text,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    unique (project_id, user_id, week_start)
  )`.execute(db);
  await sql`create index timesheets_status on projects.timesheets (status, project_id)`.execute(db);

  await sql`create table projects.invoices (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references projects.projects(id) on delete cascade,
    period_from date not null,
    period_to date not null,
    document_id uuid not null,
    hours numeric(12, 2) not null,
    amount numeric(19, 4) not null,
    currency text not null,
    created_by uuid,
    ${ts('created_at')},
    check (period_to >= period_from)
  )`.execute(db);
  await sql`create index invoices_project on projects.invoices (project_id, period_from)`.execute(db);

  await sql`create table projects.time_entries (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references projects.projects(id) on delete cascade,
    task_id uuid references projects.tasks(id) on delete set null,
    user_id uuid not null,
    entry_date date not null,
    hours numeric(5, 2) not null check (hours > 0 and hours <= 24),
    note text not null default '',
    billable boolean not null default true,
    cost_rate numeric(19, 4),
    billing_rate numeric(19, 4),
    currency text not null,
    invoice_id uuid references projects.invoices(id),
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index time_entries_project on projects.time_entries (project_id, entry_date)`.execute(db);
  await sql`create index time_entries_user on projects.time_entries (user_id, entry_date)`.execute(db);
  await sql`create index time_entries_task on projects.time_entries (task_id)`.execute(db);

  await sql`create table projects.saved_views (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null,
    name text not null check (length(name) between 1 and 100),
    filters jsonb not null,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    unique (user_id, name)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema if exists projects cascade`.execute(db);
}
