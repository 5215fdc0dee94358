import type { Db } from '../../../platform/db/database.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { crmCsv, csvList } from '../crm.csv.js';
import { scopeOf } from '../visibility.js';
import { exportContacts, type ContactExportFilter } from './contacts.repository.js';

/** The visible contacts matching the list filters, in the list's order, as CSV (lists joined by ";"). */
export async function contactsCsv(db: Db, ctx: RequestContext, filter: ContactExportFilter): Promise<string> {
  return crmCsv(await exportContacts(db, scopeOf(ctx), filter), [
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
  ]);
}
