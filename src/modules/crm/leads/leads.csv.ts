import type { Db } from '../../../platform/db/database.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { crmCsv, defineCrmExport } from '../crm.csv.js';
import { scopeOf } from '../visibility.js';
import { exportLeads, type LeadExportFilter } from './leads.repository.js';

/** The leads CSV: the rows and columns both exports write (`crm.csv.ts`). */
export const leadsExport = defineCrmExport({
  fileName: 'leads',
  rows: exportLeads,
  columns: [
    'id',
    'name',
    'email',
    'company',
    'source',
    'status',
    'disqualified_reason',
    'score',
    'owner_id',
    ['converted_at', (r) => isoTimestampOrNull(r.converted_at)],
    'converted_organization_id',
    'converted_contact_id',
    'converted_opportunity_id',
    ['created_at', (r) => isoTimestamp(r.created_at)],
  ],
});

/** The visible leads matching the list filters, in the list's order (default newest first), as CSV. */
export async function leadsCsv(db: Db, ctx: RequestContext, filter: LeadExportFilter): Promise<string> {
  return crmCsv(leadsExport.rows(db, scopeOf(ctx), filter), leadsExport.columns);
}
