import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { toCsv } from '../../../platform/http/csv.js';
import { csvTime, EXPORT_MAX_ROWS } from '../crm.csv.js';
import { formatAmount } from '../crm.shared.js';
import { scopeOf } from '../visibility.js';
import { exportOpportunities, type OpportunityExportFilter } from './opportunities.repository.js';

const HEADER = [
  'id',
  'name',
  'organization_id',
  'pipeline_id',
  'stage',
  'amount',
  'currency',
  'probability',
  'expected_close_date',
  'status',
  'close_reason',
  'closed_at',
  'owner_id',
  'created_at',
];

/** The visible opportunities matching the list filters, in the list's order, as CSV (amounts as decimals). */
export async function opportunitiesCsv(db: Db, ctx: RequestContext, filter: OpportunityExportFilter): Promise<string> {
  const rows = await exportOpportunities(db, scopeOf(ctx), filter, EXPORT_MAX_ROWS);
  return toCsv(
    HEADER,
    rows.map((r) => [
      r.id,
      r.name,
      r.organization_id,
      r.pipeline_id,
      r.stageName,
      formatAmount(r.amount),
      r.currency,
      r.probability,
      r.expected_close_date,
      r.status,
      r.close_reason,
      csvTime(r.closed_at),
      r.owner_id,
      csvTime(r.created_at),
    ]),
  );
}
