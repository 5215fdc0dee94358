import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { toCsv } from '../../../platform/http/csv.js';
import { csvTime, EXPORT_MAX_ROWS } from '../crm.csv.js';
import { scopeOf } from '../visibility.js';
import { exportLeads, type LeadExportFilter } from './leads.repository.js';

const HEADER = [
  'id',
  'name',
  'email',
  'company',
  'source',
  'status',
  'disqualified_reason',
  'score',
  'owner_id',
  'converted_at',
  'converted_organization_id',
  'converted_contact_id',
  'converted_opportunity_id',
  'created_at',
];

/** The visible leads matching the list filters, in the list's order (default newest first), as CSV. */
export async function leadsCsv(db: Db, ctx: RequestContext, filter: LeadExportFilter): Promise<string> {
  const rows = await exportLeads(db, scopeOf(ctx), filter, EXPORT_MAX_ROWS);
  return toCsv(
    HEADER,
    rows.map((r) => [
      r.id,
      r.name,
      r.email,
      r.company,
      r.source,
      r.status,
      r.disqualified_reason,
      r.score,
      r.owner_id,
      csvTime(r.converted_at),
      r.converted_organization_id,
      r.converted_contact_id,
      r.converted_opportunity_id,
      csvTime(r.created_at),
    ]),
  );
}
