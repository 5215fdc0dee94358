import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { scopeOf } from '../visibility.js';
import { exportContacts } from './contacts.repository.js';
import type { ContactListFilter } from './contacts.schemas.js';

export const EXPORT_MAX_ROWS = 50_000;

/** RFC 4180 field; cells that a spreadsheet would run as a formula are prefixed with '. */
function cell(value: string | boolean | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

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
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
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
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
