import { sql, type Kysely } from 'kysely';

/** CRM core: teams, organizations, contacts, leads, pipelines, opportunities, stage history, activities. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists crm`.execute(db);
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);

  await sql`create table crm.teams (
    id uuid primary key default gen_random_uuid(),
    name text not null unique check (length(name) between 1 and 200),
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create table crm.team_members (
    team_id uuid not null references crm.teams(id) on delete cascade,
    user_id uuid not null,
    is_manager boolean not null default false,
    primary key (team_id, user_id)
  )`.execute(db);
  await sql`create index team_members_user on crm.team_members (user_id) where is_manager`.execute(db);
  await sql`create index team_members_member on crm.team_members (user_id)`.execute(db);

  await sql`create table crm.organizations (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    domain text check (domain = lower(domain)),
    industry text,
    size text check (size in ('1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+')),
    address jsonb,
    owner_id uuid not null,
    tags text[] not null default '{}',
    parent_id uuid references crm.organizations(id) on delete set null,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index organizations_domain on crm.organizations (domain)`.execute(db);
  await sql`create index organizations_owner on crm.organizations (owner_id)`.execute(db);
  await sql`create index organizations_name on crm.organizations (name, id)`.execute(db);
  await sql`create index organizations_created on crm.organizations (created_at, id)`.execute(db);

  await sql`create table crm.leads (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    email text check (email = lower(email)),
    company text,
    source text,
    status text not null default 'new' check (status in ('new', 'contacted', 'qualified', 'disqualified')),
    disqualified_reason text,
    score integer not null default 0 check (score between 0 and 100),
    owner_id uuid not null,
    converted_at timestamptz(3),
    converted_contact_id uuid,
    converted_organization_id uuid,
    converted_opportunity_id uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check (status <> 'disqualified' or disqualified_reason is not null)
  )`.execute(db);
  await sql`create index leads_owner on crm.leads (owner_id)`.execute(db);
  await sql`create index leads_created on crm.leads (created_at, id)`.execute(db);

  await sql`create table crm.contacts (
    id uuid primary key default gen_random_uuid(),
    first_name text not null,
    last_name text not null,
    emails text[] not null default '{}',
    phones text[] not null default '{}',
    title text,
    organization_id uuid references crm.organizations(id) on delete set null,
    owner_id uuid not null,
    tags text[] not null default '{}',
    marketing_opted_in boolean not null default false,
    marketing_consent_at timestamptz(3),
    marketing_consent_source text,
    lead_id uuid references crm.leads(id) on delete set null,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index contacts_emails on crm.contacts using gin (emails)`.execute(db);
  await sql`create index contacts_owner on crm.contacts (owner_id)`.execute(db);
  await sql`create index contacts_org on crm.contacts (organization_id)`.execute(db);
  await sql`create index contacts_last_name on crm.contacts (last_name, id)`.execute(db);
  await sql`create index contacts_created on crm.contacts (created_at, id)`.execute(db);

  await sql`create table crm.pipelines (
    id uuid primary key default gen_random_uuid(),
    name text not null unique,
    is_default boolean not null default false,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create unique index pipelines_one_default on crm.pipelines (is_default) where is_default`.execute(db);
  await sql`create table crm.stages (
    id uuid primary key default gen_random_uuid(),
    pipeline_id uuid not null references crm.pipelines(id) on delete cascade,
    name text not null,
    position integer not null check (position >= 0),
    probability integer not null check (probability between 0 and 100),
    is_won boolean not null default false,
    is_lost boolean not null default false,
    check (not (is_won and is_lost)),
    unique (pipeline_id, position),
    unique (pipeline_id, name)
  )`.execute(db);

  await sql`create table crm.opportunities (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    organization_id uuid references crm.organizations(id) on delete set null,
    pipeline_id uuid not null references crm.pipelines(id),
    stage_id uuid not null references crm.stages(id),
    position integer not null check (position >= 0),
    amount numeric(19, 4) not null check (amount >= 0),
    currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
    expected_close_date date,
    probability integer not null check (probability between 0 and 100),
    status text not null default 'open' check (status in ('open', 'won', 'lost')),
    close_reason text,
    closed_at timestamptz(3),
    owner_id uuid not null,
    lead_id uuid references crm.leads(id) on delete set null,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index opportunities_stage on crm.opportunities (stage_id, position)`.execute(db);
  await sql`create index opportunities_owner on crm.opportunities (owner_id)`.execute(db);
  await sql`create index opportunities_created on crm.opportunities (created_at, id)`.execute(db);
  await sql`create table crm.opportunity_contacts (
    opportunity_id uuid not null references crm.opportunities(id) on delete cascade,
    contact_id uuid not null references crm.contacts(id) on delete cascade,
    primary key (opportunity_id, contact_id)
  )`.execute(db);
  await sql`create table crm.stage_history (
    id uuid primary key default gen_random_uuid(),
    opportunity_id uuid not null references crm.opportunities(id) on delete cascade,
    from_stage_id uuid references crm.stages(id),
    to_stage_id uuid not null references crm.stages(id),
    changed_by uuid,
    changed_at timestamptz not null default clock_timestamp()
  )`.execute(db);
  await sql`create index stage_history_opportunity on crm.stage_history (opportunity_id, changed_at)`.execute(db);

  await sql`create table crm.activities (
    id uuid primary key default gen_random_uuid(),
    type text not null check (type in ('call', 'meeting', 'email', 'note', 'task')),
    subject text not null,
    body text,
    due_at timestamptz(3),
    completed_at timestamptz(3),
    organization_id uuid references crm.organizations(id) on delete cascade,
    contact_id uuid references crm.contacts(id) on delete cascade,
    lead_id uuid references crm.leads(id) on delete cascade,
    opportunity_id uuid references crm.opportunities(id) on delete cascade,
    owner_id uuid not null,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check (num_nonnulls(organization_id, contact_id, lead_id, opportunity_id) >= 1)
  )`.execute(db);
  for (const col of ['organization_id', 'contact_id', 'lead_id', 'opportunity_id']) {
    await sql`create index ${sql.raw(`activities_${col}`)} on crm.activities (${sql.ref(col)}, created_at)`.execute(db);
  }
  await sql`create index activities_owner on crm.activities (owner_id)`.execute(db);
  await sql`create index activities_created on crm.activities (created_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'activities',
    'stage_history',
    'opportunity_contacts',
    'opportunities',
    'stages',
    'pipelines',
    'contacts',
    'leads',
    'organizations',
    'team_members',
    'teams',
  ]) {
    await sql`drop table if exists ${sql.raw(`crm.${t}`)}`.execute(db);
  }
}
