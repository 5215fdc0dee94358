// The CRM module's tables (schema `crm`), merged into Database.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date | string>;
type Version = Generated<number>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/**
 * A stored generated tsvector with a GIN index (see crm.list.ts): never written, and never read
 * into rows either — the repositories select the record columns explicitly (crm.columns.ts), so it
 * stays out of DTOs and audit snapshots. Only used in `where`/`order by` expressions.
 */
type SearchVector = ColumnType<string, never, never>;

export interface Address {
  street?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postalCode?: string | undefined;
  country?: string | undefined;
}

export interface TeamsTable {
  id: Generated<string>;
  name: string;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  is_manager: Generated<boolean>;
}

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  address: JSONColumnType<Address | null, string | null, string | null>;
  owner_id: string;
  tags: TextArray;
  parent_id: string | null;
  search_vector: SearchVector;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ContactsTable {
  id: Generated<string>;
  first_name: string;
  last_name: string;
  emails: TextArray;
  phones: TextArray;
  title: string | null;
  organization_id: string | null;
  owner_id: string;
  tags: TextArray;
  marketing_opted_in: Generated<boolean>;
  marketing_consent_at: Date | null;
  marketing_consent_source: string | null;
  lead_id: string | null;
  search_vector: SearchVector;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'disqualified';

export interface LeadsTable {
  id: Generated<string>;
  name: string;
  email: string | null;
  company: string | null;
  source: string | null;
  status: Generated<LeadStatus>;
  disqualified_reason: string | null;
  score: Generated<number>;
  owner_id: string;
  converted_at: Date | null;
  converted_contact_id: string | null;
  converted_organization_id: string | null;
  converted_opportunity_id: string | null;
  search_vector: SearchVector;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PipelinesTable {
  id: Generated<string>;
  name: string;
  is_default: Generated<boolean>;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface StagesTable {
  id: Generated<string>;
  pipeline_id: string;
  name: string;
  position: number;
  probability: number;
  is_won: Generated<boolean>;
  is_lost: Generated<boolean>;
}

export type OpportunityStatus = 'open' | 'won' | 'lost';

export interface OpportunitiesTable {
  id: Generated<string>;
  name: string;
  organization_id: string | null;
  pipeline_id: string;
  stage_id: string;
  position: number;
  /** numeric(19,4): a decimal string, never a float. */
  amount: ColumnType<string, string, string>;
  currency: string;
  expected_close_date: string | null;
  probability: number;
  status: Generated<OpportunityStatus>;
  close_reason: string | null;
  closed_at: Date | null;
  owner_id: string;
  lead_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OpportunityContactsTable {
  opportunity_id: string;
  contact_id: string;
}

export interface StageHistoryTable {
  id: Generated<string>;
  opportunity_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  changed_by: string | null;
  changed_at: ColumnType<Date, never, never>;
}

export type ActivityType = 'call' | 'meeting' | 'email' | 'note' | 'task';

export interface ActivitiesTable {
  id: Generated<string>;
  type: ActivityType;
  subject: string;
  body: string | null;
  due_at: Date | string | null;
  completed_at: Date | string | null;
  organization_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  opportunity_id: string | null;
  owner_id: string;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CrmTables {
  'crm.teams': TeamsTable;
  'crm.team_members': TeamMembersTable;
  'crm.organizations': OrganizationsTable;
  'crm.contacts': ContactsTable;
  'crm.leads': LeadsTable;
  'crm.pipelines': PipelinesTable;
  'crm.stages': StagesTable;
  'crm.opportunities': OpportunitiesTable;
  'crm.opportunity_contacts': OpportunityContactsTable;
  'crm.stage_history': StageHistoryTable;
  'crm.activities': ActivitiesTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends CrmTables {}
}
