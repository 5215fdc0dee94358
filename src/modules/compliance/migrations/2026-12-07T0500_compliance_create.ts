import { sql, type Kysely } from 'kysely';

/**
 * Compliance: frameworks (one row per imported version) and their requirement trees, mappings between
 * requirements of different frameworks, controls (many-to-many with requirements), evidence,
 * collector runs (hashed artefacts), the risk matrix, assets and risks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists compliance`.execute(db);
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);

  await sql`create table compliance.frameworks (
    id uuid primary key default gen_random_uuid(),
    key text not null check (key ~ '^[a-z0-9][a-z0-9.-]{0,62}$'),
    version text not null check (length(version) between 1 and 40),
    name text not null check (length(name) between 1 and 200),
    description text not null default '',
    publisher text not null default '',
    builtin boolean not null default false,
    current boolean not null default true,
    requirement_count integer not null default 0,
    imported_by uuid,
    ${ts('imported_at')},
    unique (key, version)
  )`.execute(db);
  await sql`create unique index frameworks_current on compliance.frameworks (key) where current`.execute(db);

  await sql`create table compliance.requirements (
    id uuid primary key default gen_random_uuid(),
    framework_id uuid not null references compliance.frameworks(id) on delete cascade,
    parent_id uuid references compliance.requirements(id) on delete cascade,
    ref_id text not null,
    title text not null,
    description text not null default '',
    assessable boolean not null,
    depth integer not null,
    position integer not null,
    unique (framework_id, ref_id),
    unique (framework_id, position)
  )`.execute(db);
  await sql`create index requirements_parent on compliance.requirements (parent_id)`.execute(db);

  await sql`create table compliance.requirement_mappings (
    source_id uuid not null references compliance.requirements(id) on delete cascade,
    target_id uuid not null references compliance.requirements(id) on delete cascade,
    relationship text not null check (relationship in ('equal', 'subset', 'superset', 'intersect', 'related')),
    created_by uuid,
    ${ts('created_at')},
    primary key (source_id, target_id),
    check (source_id <> target_id)
  )`.execute(db);
  await sql`create index requirement_mappings_target on compliance.requirement_mappings (target_id)`.execute(db);

  await sql`create table compliance.controls (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    description text not null default '',
    owner_id uuid not null,
    status text not null check (status in ('planned', 'in-progress', 'implemented', 'not-implemented', 'retired')),
    implementation_notes text not null default '',
    review_frequency_days integer not null check (review_frequency_days between 1 and 3660),
    next_review_date date,
    collectors text[] not null default '{}',
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index controls_owner on compliance.controls (owner_id)`.execute(db);

  await sql`create table compliance.control_requirements (
    control_id uuid not null references compliance.controls(id) on delete cascade,
    requirement_id uuid not null references compliance.requirements(id) on delete cascade,
    primary key (control_id, requirement_id)
  )`.execute(db);
  await sql`create index control_requirements_requirement on compliance.control_requirements (requirement_id)`.execute(
    db,
  );

  await sql`create table compliance.evidence (
    id uuid primary key default gen_random_uuid(),
    control_id uuid not null references compliance.controls(id) on delete cascade,
    kind text not null check (kind in ('link', 'note', 'file')),
    title text not null check (length(title) between 1 and 200),
    url text,
    note text not null default '',
    owner_id uuid not null,
    expires_on date,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check ((kind = 'link') = (url is not null))
  )`.execute(db);
  await sql`create index evidence_control on compliance.evidence (control_id)`.execute(db);

  await sql`create table compliance.collector_runs (
    id uuid primary key default gen_random_uuid(),
    collector text not null,
    status text not null check (status in ('passed', 'failed', 'error')),
    summary text not null,
    artefact text not null,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    job_id uuid,
    ${ts('collected_at')}
  )`.execute(db);
  await sql`create index collector_runs_latest on compliance.collector_runs (collector, collected_at desc)`.execute(db);

  await sql`create table compliance.risk_matrix (
    id integer primary key check (id = 1),
    likelihood_levels jsonb not null,
    impact_levels jsonb not null,
    bands jsonb not null,
    version integer not null default 1,
    ${ts('updated_at')}
  )`.execute(db);
  await sql`insert into compliance.risk_matrix (id, likelihood_levels, impact_levels, bands) values (1,
    '["Rare","Unlikely","Possible","Likely","Almost certain"]',
    '["Insignificant","Minor","Moderate","Major","Severe"]',
    '[{"name":"low","minScore":1},{"name":"medium","minScore":5},{"name":"high","minScore":10},{"name":"critical","minScore":17}]'
  )`.execute(db);

  await sql`create table compliance.assets (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    kind text not null check (kind in ('information', 'system', 'service', 'process', 'people', 'facility')),
    description text not null default '',
    owner_id uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);

  await sql`create table compliance.risks (
    id uuid primary key default gen_random_uuid(),
    title text not null check (length(title) between 1 and 200),
    description text not null default '',
    asset_id uuid references compliance.assets(id),
    threat text not null default '',
    owner_id uuid not null,
    inherent_likelihood integer not null check (inherent_likelihood >= 1),
    inherent_impact integer not null check (inherent_impact >= 1),
    residual_likelihood integer check (residual_likelihood >= 1),
    residual_impact integer check (residual_impact >= 1),
    treatment text check (treatment in ('mitigate', 'accept', 'transfer', 'avoid')),
    treatment_notes text not null default '',
    accepted_by uuid,
    acceptance_expires_on date,
    transferred_to text,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check ((residual_likelihood is null) = (residual_impact is null)),
    check (treatment is distinct from 'accept' or (accepted_by is not null and acceptance_expires_on is not null)),
    check (treatment is distinct from 'transfer' or transferred_to is not null)
  )`.execute(db);
  await sql`create index risks_asset on compliance.risks (asset_id)`.execute(db);

  await sql`create table compliance.risk_controls (
    risk_id uuid not null references compliance.risks(id) on delete cascade,
    control_id uuid not null references compliance.controls(id) on delete cascade,
    primary key (risk_id, control_id)
  )`.execute(db);
  await sql`create index risk_controls_control on compliance.risk_controls (control_id)`.execute(db);
  await sql`create table compliance.assessments (
    id uuid primary key default gen_random_uuid(),
    framework_id uuid not null references compliance.frameworks(id),
    name text not null check (length(name) between 1 and 200),
    scope text not null default '',
    status text not null default 'in-progress' check (status in ('in-progress', 'completed')),
    created_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index assessments_framework on compliance.assessments (framework_id)`.execute(db);

  await sql`create table compliance.assessment_results (
    assessment_id uuid not null references compliance.assessments(id) on delete cascade,
    requirement_id uuid not null references compliance.requirements(id),
    status text not null check (status in
      ('not-assessed', 'compliant', 'partially-compliant', 'non-compliant', 'not-applicable')),
    justification text not null default '',
    observation text not null default '',
    assessed_by uuid,
    ${ts('assessed_at')},
    primary key (assessment_id, requirement_id),
    check (status <> 'not-applicable' or length(trim(justification)) > 0)
  )`.execute(db);

  await sql`create table compliance.findings (
    id uuid primary key default gen_random_uuid(),
    assessment_id uuid not null references compliance.assessments(id) on delete cascade,
    requirement_id uuid references compliance.requirements(id),
    title text not null check (length(title) between 1 and 200),
    description text not null default '',
    severity text not null check (severity in ('low', 'medium', 'high', 'critical')),
    status text not null default 'open' check (status in ('open', 'in-remediation', 'closed')),
    task_id uuid,
    closed_at timestamptz(3),
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index findings_assessment on compliance.findings (assessment_id)`.execute(db);
  await sql`create unique index findings_task on compliance.findings (task_id) where task_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema compliance cascade`.execute(db);
}
