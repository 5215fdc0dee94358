import { sql, type Kysely } from 'kysely';

/**
 * Strategy core: cycles, objectives (cascading through their parent), key results (manual, bound
 * to a registered metric, or to a Projects milestone), immutable evaluation snapshots, check-ins, KPIs with red/amber/green
 * thresholds, and the frozen scores of a closed cycle (immutable as well).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists strategy`.execute(db);
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);
  const value = (name: string, extra = '') => sql.raw(`${name} numeric(28, 8) ${extra}`);

  await sql`create table strategy.cycles (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    kind text not null check (kind in ('quarter', 'year', 'custom')),
    start_date date not null,
    end_date date not null,
    status text not null default 'open' check (status in ('open', 'closed')),
    closed_at timestamptz(3),
    closed_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check (end_date >= start_date)
  )`.execute(db);

  await sql`create table strategy.objectives (
    id uuid primary key default gen_random_uuid(),
    cycle_id uuid not null references strategy.cycles(id),
    parent_id uuid references strategy.objectives(id),
    title text not null check (length(title) between 1 and 300),
    description text not null default '',
    level text not null check (level in ('company', 'department', 'team', 'person')),
    owner_id uuid not null,
    department text,
    perspective text check (perspective in ('financial', 'customer', 'internal-process', 'learning-growth')),
    status text not null default 'active' check (status in ('active', 'done', 'cancelled')),
    health text check (health in ('on-track', 'at-risk', 'off-track')),
    weight numeric(9, 4) not null default 1 check (weight > 0),
    copied_from_id uuid references strategy.objectives(id),
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check (parent_id is null or parent_id <> id)
  )`.execute(db);
  await sql`create index objectives_cycle on strategy.objectives (cycle_id, parent_id)`.execute(db);
  await sql`create index objectives_owner on strategy.objectives (owner_id)`.execute(db);

  await sql`create table strategy.key_results (
    id uuid primary key default gen_random_uuid(),
    objective_id uuid not null references strategy.objectives(id),
    title text not null check (length(title) between 1 and 300),
    kind text not null check (kind in ('numeric', 'percentage', 'boolean', 'metric', 'milestone')),
    ${value('start_value', 'not null')},
    ${value('target_value', 'not null')},
    ${value('current_value')},
    metric_key text,
    metric_params jsonb not null default '{}',
    milestone_id uuid,
    weight numeric(9, 4) not null default 1 check (weight > 0),
    completed_at timestamptz(3),
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check ((kind = 'metric') = (metric_key is not null)),
    check ((kind = 'milestone') = (milestone_id is not null)),
    check (kind in ('boolean', 'milestone') or start_value <> target_value)
  )`.execute(db);
  await sql`create index key_results_objective on strategy.key_results (objective_id)`.execute(db);
  await sql`create index key_results_milestone on strategy.key_results (milestone_id) where milestone_id is not null`.execute(
    db,
  );

  await sql`create table strategy.snapshots (
    id uuid primary key default gen_random_uuid(),
    key_result_id uuid not null references strategy.key_results(id),
    ${value('value')},
    currency text,
    progress numeric(7, 2) not null check (progress between 0 and 100),
    period_from date not null,
    period_to date not null,
    source text not null check (source in ('on-demand', 'schedule', 'close')),
    created_by uuid,
    ${ts('as_of')}
  )`.execute(db);
  await sql`create index snapshots_key_result on strategy.snapshots (key_result_id, as_of desc, id)`.execute(db);

  await sql`create table strategy.check_ins (
    id uuid primary key default gen_random_uuid(),
    key_result_id uuid not null references strategy.key_results(id),
    author_id uuid not null,
    confidence text not null check (confidence in ('on-track', 'at-risk', 'off-track')),
    comment text not null default '',
    ${value('value')},
    ${ts('created_at')}
  )`.execute(db);
  await sql`create index check_ins_key_result on strategy.check_ins (key_result_id, created_at desc)`.execute(db);

  await sql`create table strategy.kpis (
    id uuid primary key default gen_random_uuid(),
    cycle_id uuid not null references strategy.cycles(id),
    name text not null check (length(name) between 1 and 200),
    metric_key text not null,
    metric_params jsonb not null default '{}',
    perspective text check (perspective in ('financial', 'customer', 'internal-process', 'learning-growth')),
    owner_id uuid not null,
    ${value('target', 'not null')},
    ${value('green', 'not null')},
    ${value('amber', 'not null')},
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index kpis_cycle on strategy.kpis (cycle_id)`.execute(db);

  await sql`create table strategy.scores (
    id uuid primary key default gen_random_uuid(),
    cycle_id uuid not null references strategy.cycles(id),
    objective_id uuid not null references strategy.objectives(id),
    key_result_id uuid references strategy.key_results(id),
    progress numeric(7, 2) not null,
    ${value('value')},
    snapshot_id uuid references strategy.snapshots(id),
    ${ts('created_at')},
    unique nulls not distinct (cycle_id, objective_id, key_result_id)
  )`.execute(db);

  await sql`
    create function strategy.immutable_guard() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are immutable', tg_table_name using errcode = 'P0001';
    end $$`.execute(db);
  await sql`create trigger snapshots_immutable before update or delete on strategy.snapshots
            for each row execute function strategy.immutable_guard()`.execute(db);
  await sql`create trigger scores_immutable before update or delete on strategy.scores
            for each row execute function strategy.immutable_guard()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema strategy cascade`.execute(db);
}
