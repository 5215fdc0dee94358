import type { Db } from '../../../platform/db/database.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { crmCsv, csvList, defineCrmExport } from '../crm.csv.js';
import { scopeOf } from '../visibility.js';
import { exportContacts, type ContactExportFilter } from './contacts.repository.js';

/** The contacts CSV: the rows and columns both exports write (`crm.csv.ts`). */
export const contactsExport = defineCrmExport({
  fileName: 'contacts',
  rows: exportContacts,
  columns: [
    'id',
    'first_name',
    'last_name',
    ['emails', (r) => csvList(r.emails)],
    ['phones', (r) => csvList(r.phones)],
    'title',
    'organization_id',
    'owner_id',
    ['tags', (r) => csvList(r.tags)],
    'marketing_opted_in',
    ['marketing_consent_at', (r) => isoTimestampOrNull(r.marketing_consent_at)],
    'marketing_consent_source',
    ['created_at', (r) => isoTimestamp(r.created_at)],
  ],
});

/** The visible contacts matching the list filters, in the list's order, as CSV (lists joined by ";"). */
export async function contactsCsv(db: Db, ctx: RequestContext, filter: ContactExportFilter): Promise<string> {
  return crmCsv(contactsExport.rows(db, scopeOf(ctx), filter), contactsExport.columns);
}
