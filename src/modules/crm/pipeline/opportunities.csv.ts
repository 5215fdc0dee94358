import type { Db } from '../../../platform/db/database.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { crmCsv, defineCrmExport } from '../crm.csv.js';
import { formatAmount } from '../crm.shared.js';
import { scopeOf } from '../visibility.js';
import { exportOpportunities, type OpportunityExportFilter } from './opportunities.repository.js';

/** The opportunities CSV: the rows and columns both exports write (`crm.csv.ts`). */
export const opportunitiesExport = defineCrmExport({
  fileName: 'opportunities',
  rows: exportOpportunities,
  columns: [
    'id',
    'name',
    'organization_id',
    'pipeline_id',
    ['stage', (r) => r.stageName],
    ['amount', (r) => formatAmount(r.amount)],
    'currency',
    'probability',
    'expected_close_date',
    'status',
    'close_reason',
    ['closed_at', (r) => isoTimestampOrNull(r.closed_at)],
    'owner_id',
    ['created_at', (r) => isoTimestamp(r.created_at)],
  ],
});

/** The visible opportunities matching the list filters, in the list's order, as CSV (amounts as decimals). */
export async function opportunitiesCsv(db: Db, ctx: RequestContext, filter: OpportunityExportFilter): Promise<string> {
  return crmCsv(opportunitiesExport.rows(db, scopeOf(ctx), filter), opportunitiesExport.columns);
}
