import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { toCsv } from '../../../platform/http/csv.js';
import { csvList, csvTime, EXPORT_MAX_ROWS } from '../crm.csv.js';
import { scopeOf } from '../visibility.js';
import { exportContacts, type ContactExportFilter } from './contacts.repository.js';

const HEADER = [
  'id',
  'first_name',
  'last_name',
  'emails',
  'phones',
  'title',
  'organization_id',
  'owner_id',
  'tags',
  'marketing_opted_in',
  'marketing_consent_at',
  'marketing_consent_source',
  'created_at',
];

/** The visible contacts matching the list filters, in the list's order, as CSV (lists joined by ";"). */
export async function contactsCsv(db: Db, ctx: RequestContext, filter: ContactExportFilter): Promise<string> {
  const rows = await exportContacts(db, scopeOf(ctx), filter, EXPORT_MAX_ROWS);
  return toCsv(
    HEADER,
    rows.map((r) => [
      r.id,
      r.first_name,
      r.last_name,
      csvList(r.emails),
      csvList(r.phones),
      r.title,
      r.organization_id,
      r.owner_id,
      csvList(r.tags),
      r.marketing_opted_in,
      csvTime(r.marketing_consent_at),
      r.marketing_consent_source,
      csvTime(r.created_at),
    ]),
  );
}
