import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { toCsv } from '../../../platform/http/csv.js';
import { csvList, csvTime, EXPORT_MAX_ROWS } from '../crm.csv.js';
import { scopeOf } from '../visibility.js';
import { exportOrganizations, type OrganizationExportFilter } from './organizations.repository.js';

const HEADER = [
  'id',
  'name',
  'domain',
  'industry',
  'size',
  'street',
  'city',
  'region',
  'postal_code',
  'country',
  'owner_id',
  'tags',
  'parent_id',
  'created_at',
];

/** The visible organizations matching the list filters, in the list's order, as CSV. */
export async function organizationsCsv(db: Db, ctx: RequestContext, filter: OrganizationExportFilter): Promise<string> {
  const rows = await exportOrganizations(db, scopeOf(ctx), filter, EXPORT_MAX_ROWS);
  return toCsv(
    HEADER,
    rows.map((r) => [
      r.id,
      r.name,
      r.domain,
      r.industry,
      r.size,
      r.address?.street ?? null,
      r.address?.city ?? null,
      r.address?.region ?? null,
      r.address?.postalCode ?? null,
      r.address?.country ?? null,
      r.owner_id,
      csvList(r.tags),
      r.parent_id,
      csvTime(r.created_at),
    ]),
  );
}
