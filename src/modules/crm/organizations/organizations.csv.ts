import type { Db } from '../../../platform/db/database.js';
import { isoTimestamp } from '../../../platform/dates.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { crmCsv, csvList, defineCrmExport } from '../crm.csv.js';
import { scopeOf } from '../visibility.js';
import { exportOrganizations, type OrganizationExportFilter } from './organizations.repository.js';

/** The organizations CSV: the rows and columns both exports write (`crm.csv.ts`). */
export const organizationsExport = defineCrmExport({
  fileName: 'organizations',
  rows: exportOrganizations,
  columns: [
    'id',
    'name',
    'domain',
    'industry',
    'size',
    ['street', (r) => r.address?.street ?? null],
    ['city', (r) => r.address?.city ?? null],
    ['region', (r) => r.address?.region ?? null],
    ['postal_code', (r) => r.address?.postalCode ?? null],
    ['country', (r) => r.address?.country ?? null],
    'owner_id',
    ['tags', (r) => csvList(r.tags)],
    'parent_id',
    ['created_at', (r) => isoTimestamp(r.created_at)],
  ],
});

/** The visible organizations matching the list filters, in the list's order, as CSV. */
export async function organizationsCsv(db: Db, ctx: RequestContext, filter: OrganizationExportFilter): Promise<string> {
  return crmCsv(organizationsExport.rows(db, scopeOf(ctx), filter), organizationsExport.columns);
}
