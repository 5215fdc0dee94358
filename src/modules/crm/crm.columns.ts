import type { Selectable } from 'kysely';
import type { ContactsTable, LeadsTable, OrganizationsTable } from './crm.tables.js';

/** The columns a record row carries: all but the generated search vector. */
type RecordColumn<T> = Exclude<keyof T & string, 'search_vector'>;
export type RecordRow<T> = Omit<Selectable<T>, 'search_vector'>;

/** Every record column of T, named once each (a missing or unknown one fails to compile). */
function recordColumns<T>(keys: Record<RecordColumn<T>, true>): RecordColumn<T>[] {
  return Object.keys(keys) as RecordColumn<T>[];
}

export const organizationColumns = recordColumns<OrganizationsTable>({
  id: true,
  name: true,
  domain: true,
  industry: true,
  size: true,
  address: true,
  owner_id: true,
  tags: true,
  parent_id: true,
  version: true,
  created_at: true,
  updated_at: true,
});

export const contactColumns = recordColumns<ContactsTable>({
  id: true,
  first_name: true,
  last_name: true,
  emails: true,
  phones: true,
  title: true,
  organization_id: true,
  owner_id: true,
  tags: true,
  marketing_opted_in: true,
  marketing_consent_at: true,
  marketing_consent_source: true,
  lead_id: true,
  version: true,
  created_at: true,
  updated_at: true,
});

export const leadColumns = recordColumns<LeadsTable>({
  id: true,
  name: true,
  email: true,
  company: true,
  source: true,
  status: true,
  disqualified_reason: true,
  score: true,
  owner_id: true,
  converted_at: true,
  converted_contact_id: true,
  converted_organization_id: true,
  converted_opportunity_id: true,
  version: true,
  created_at: true,
  updated_at: true,
});
