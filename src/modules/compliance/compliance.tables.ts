// The Compliance module's tables (schema `compliance`), merged into Database.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date | string>;
type Version = Generated<number>;
/** `date` columns come back as `YYYY-MM-DD` strings. */
type DateColumn = ColumnType<string, string, string>;

export type ControlStatus = 'planned' | 'in-progress' | 'implemented' | 'not-implemented' | 'retired';
export type EvidenceKind = 'link' | 'note' | 'file';
export type CollectorRunStatus = 'passed' | 'failed' | 'error';
export type MappingRelationship = 'equal' | 'subset' | 'superset' | 'intersect' | 'related';
export type AssetKind = 'information' | 'system' | 'service' | 'process' | 'people' | 'facility';
export type Treatment = 'mitigate' | 'accept' | 'transfer' | 'avoid';
export interface RiskBand {
  name: string;
  minScore: number;
}

export interface FrameworksTable {
  id: Generated<string>;
  key: string;
  version: string;
  name: string;
  description: Generated<string>;
  publisher: Generated<string>;
  builtin: Generated<boolean>;
  current: Generated<boolean>;
  requirement_count: Generated<number>;
  imported_by: string | null;
  imported_at: CreatedAt;
}

export interface RequirementsTable {
  id: Generated<string>;
  framework_id: string;
  parent_id: string | null;
  ref_id: string;
  title: string;
  description: Generated<string>;
  assessable: boolean;
  depth: number;
  position: number;
}

export interface RequirementMappingsTable {
  source_id: string;
  target_id: string;
  relationship: MappingRelationship;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ControlsTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  owner_id: string;
  status: ControlStatus;
  implementation_notes: Generated<string>;
  review_frequency_days: number;
  next_review_date: DateColumn | null;
  collectors: ColumnType<string[], string[] | undefined, string[]>;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ControlRequirementsTable {
  control_id: string;
  requirement_id: string;
}

/** The policies a control puts into effect (many-to-many). */
export interface ControlPoliciesTable {
  control_id: string;
  policy_id: string;
}

export interface EvidenceTable {
  id: Generated<string>;
  control_id: string;
  kind: EvidenceKind;
  title: string;
  url: string | null;
  note: Generated<string>;
  owner_id: string;
  expires_on: DateColumn | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CollectorRunsTable {
  id: Generated<string>;
  collector: string;
  status: CollectorRunStatus;
  summary: string;
  /** The artefact's exact text (canonical JSON); `sha256` is the hash of its UTF-8 bytes. */
  artefact: string;
  sha256: string;
  job_id: string | null;
  collected_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface RiskMatrixTable {
  id: number;
  likelihood_levels: JSONColumnType<string[], string, string>;
  impact_levels: JSONColumnType<string[], string, string>;
  bands: JSONColumnType<RiskBand[], string, string>;
  version: Version;
  updated_at: UpdatedAt;
}

export interface AssetsTable {
  id: Generated<string>;
  name: string;
  kind: AssetKind;
  description: Generated<string>;
  owner_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RisksTable {
  id: Generated<string>;
  title: string;
  description: Generated<string>;
  asset_id: string | null;
  threat: Generated<string>;
  owner_id: string;
  inherent_likelihood: number;
  inherent_impact: number;
  residual_likelihood: number | null;
  residual_impact: number | null;
  treatment: Treatment | null;
  treatment_notes: Generated<string>;
  accepted_by: string | null;
  acceptance_expires_on: DateColumn | null;
  transferred_to: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RiskControlsTable {
  risk_id: string;
  control_id: string;
}

export type AssessmentStatus = 'in-progress' | 'completed';
export type ResultStatus = 'not-assessed' | 'compliant' | 'partially-compliant' | 'non-compliant' | 'not-applicable';
export type FindingSeverity = 'low' | 'medium' | 'high' | 'critical';
export type FindingStatus = 'open' | 'in-remediation' | 'closed';

export interface AssessmentsTable {
  id: Generated<string>;
  framework_id: string;
  name: string;
  scope: Generated<string>;
  status: Generated<AssessmentStatus>;
  created_by: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AssessmentResultsTable {
  assessment_id: string;
  requirement_id: string;
  status: ResultStatus;
  justification: Generated<string>;
  observation: Generated<string>;
  assessed_by: string | null;
  assessed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FindingsTable {
  id: Generated<string>;
  assessment_id: string;
  requirement_id: string | null;
  title: string;
  description: Generated<string>;
  severity: FindingSeverity;
  status: Generated<FindingStatus>;
  /** The remediation task in Projects, once created. */
  task_id: string | null;
  closed_at: Date | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PoliciesTable {
  id: Generated<string>;
  title: string;
  /** The number of the current (latest published) version. */
  current_number: Generated<number>;
  created_by: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PolicyVersionsTable {
  id: Generated<string>;
  policy_id: string;
  number: number;
  title: string;
  body: string;
  notes: Generated<string>;
  published_by: string | null;
  published_at: CreatedAt;
}

export interface PolicyAcknowledgementsTable {
  policy_version_id: string;
  user_id: string;
  acknowledged_at: CreatedAt;
}

export interface PolicyRemindersTable {
  policy_version_id: string;
  day: DateColumn;
  recipients: number;
  sent_by: string | null;
  sent_at: CreatedAt;
}

export type ReportKind = 'soa' | 'audit';
export type ReportFormat = 'pdf' | 'xlsx';
export type ReportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A generated report (reports/, docs/adr/0024): the file's key, size and SHA-256, with what made it. */
export interface ReportsTable {
  id: Generated<string>;
  kind: ReportKind;
  format: ReportFormat;
  framework_id: string;
  assessment_id: string | null;
  parameters: JSONColumnType<Record<string, string | null>, string, string>;
  template_version: string;
  status: Generated<ReportStatus>;
  error: string | null;
  job_id: string | null;
  as_of: Date | null;
  file_key: string | null;
  file_name: string;
  content_type: string;
  /** bigint: comes back as a string. */
  size: ColumnType<string | null, number | null | undefined, number | null>;
  sha256: string | null;
  requested_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface ComplianceTables {
  'compliance.reports': ReportsTable;
  'compliance.policies': PoliciesTable;
  'compliance.policy_versions': PolicyVersionsTable;
  'compliance.policy_acknowledgements': PolicyAcknowledgementsTable;
  'compliance.policy_reminders': PolicyRemindersTable;
  'compliance.assessments': AssessmentsTable;
  'compliance.assessment_results': AssessmentResultsTable;
  'compliance.findings': FindingsTable;
  'compliance.frameworks': FrameworksTable;
  'compliance.requirements': RequirementsTable;
  'compliance.requirement_mappings': RequirementMappingsTable;
  'compliance.controls': ControlsTable;
  'compliance.control_requirements': ControlRequirementsTable;
  'compliance.control_policies': ControlPoliciesTable;
  'compliance.evidence': EvidenceTable;
  'compliance.collector_runs': CollectorRunsTable;
  'compliance.risk_matrix': RiskMatrixTable;
  'compliance.assets': AssetsTable;
  'compliance.risks': RisksTable;
  'compliance.risk_controls': RiskControlsTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends ComplianceTables {}
}
