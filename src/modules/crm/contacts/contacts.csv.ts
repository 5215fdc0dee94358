import type { Db } from '../../../platform/db/database.js';
import { toCsv } from '../../../platform/http/csv.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { scopeOf } from '../visibility.js';
import { exportContacts } from './contacts.repository.js';
import type { ContactListFilter } from './contacts.schemas.js';

export const EXPORT_MAX_ROWS = 50_000;

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

export async function contactsCsv(
  db: Db,
  ctx: RequestContext,
  filter: Omit<ContactListFilter, 'limit' | 'sort' | 'cursor'>,
): Promise<string> {
  const rows = await exportContacts(db, scopeOf(ctx), filter, EXPORT_MAX_ROWS);
  return toCsv(
    HEADER,
    rows.map((r) => [
      r.id,
      r.first_name,
      r.last_name,
      r.emails.join(';'),
      r.phones.join(';'),
      r.title,
      r.organization_id,
      r.owner_id,
      r.tags.join(';'),
      r.marketing_opted_in,
      r.marketing_consent_at?.toISOString() ?? null,
      r.marketing_consent_source,
      r.created_at.toISOString(),
    ]),
  );
}
