import type { z } from '@hono/zod-openapi';
import { exportQuery } from '../../platform/http/csv-export.js';
import { contactsExport } from './contacts/contacts.csv.js';
import { ContactListQuery } from './contacts/contacts.schemas.js';
import type { Db } from '../../platform/db/database.js';
import { crmCsvChunks, type CrmCsvExport } from './crm.csv.js';
import type { CrmExportList } from './crm.exports.js';
import { leadsExport } from './leads/leads.csv.js';
import { LeadListQuery } from './leads/leads.schemas.js';
import { organizationsExport } from './organizations/organizations.csv.js';
import { OrganizationListQuery } from './organizations/organizations.schemas.js';
import { opportunitiesExport } from './pipeline/opportunities.csv.js';
import { OpportunityListQuery } from './pipeline/opportunities.schemas.js';
import type { CrmScope } from './visibility.js';

/** An export with its row and filter types put away: what the background export needs. */
export interface CrmListCsv {
  fileName: string;
  /** The list's export query (its list query without paging), parsing the filter as sent. */
  filter: z.ZodType;
  chunks: (
    db: Db,
    scope: CrmScope,
    filter: unknown,
    pageSize?: number,
  ) => AsyncIterable<{ text: string; rows: number }>;
}

function listCsv<F, T>(filter: z.ZodType, csv: CrmCsvExport<F, T>): CrmListCsv {
  return {
    fileName: csv.fileName,
    filter,
    chunks: (db, scope, f, pageSize) => crmCsvChunks(csv.rows(db, scope, f as F, pageSize), csv.columns),
  };
}

/** Each exportable list: the same rows, order and columns as its `…/export.csv` route. */
export const crmExportLists: Record<CrmExportList, CrmListCsv> = {
  organizations: listCsv(exportQuery(OrganizationListQuery), organizationsExport),
  contacts: listCsv(exportQuery(ContactListQuery), contactsExport),
  leads: listCsv(exportQuery(LeadListQuery), leadsExport),
  opportunities: listCsv(exportQuery(OpportunityListQuery), opportunitiesExport),
};
