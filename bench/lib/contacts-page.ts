/**
 * What the baseline does for `GET /api/v1/crm/contacts?limit=N&sort=-createdAt` as a CRM admin,
 * written by hand with `pg`: the page with its organizations' names (one join; an admin sees every
 * organization), one extra row to know whether there is a next page, then the owners' names in one
 * statement — the two statements the app sends. Mapped to the same JSON. No token check, no
 * validation, no cursor signing, no Kysely: the floor under the endpoint.
 */
import type { Queryable } from './users-page.js';

interface ContactRow {
  id: string;
  first_name: string;
  last_name: string;
  emails: string[];
  phones: string[];
  title: string | null;
  organization_id: string | null;
  organization_name: string | null;
  owner_id: string;
  tags: string[];
  marketing_opted_in: boolean;
  marketing_consent_at: Date | null;
  marketing_consent_source: string | null;
  lead_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  keyset: string;
}

export async function contactsPage(db: Queryable, limit: number) {
  const { rows } = await db.query<ContactRow>(
    `select c.id, c.first_name, c.last_name, c.emails, c.phones, c.title, c.organization_id, c.owner_id, c.tags,
            c.marketing_opted_in, c.marketing_consent_at, c.marketing_consent_source, c.lead_id, c.version,
            c.created_at, c.updated_at, org.name as organization_name, c.created_at::text as keyset
     from crm.contacts c left join crm.organizations org on org.id = c.organization_id
     order by c.created_at desc, c.id desc limit $1`,
    [limit + 1],
  );
  const page = rows.slice(0, limit);
  const owners = [...new Set(page.map((r) => r.owner_id))];
  const names = new Map<string, string>();
  if (owners.length > 0) {
    const result = await db.query<{ id: string; name: string }>(
      `select id, name from auth.users where id in (${owners.map((_, i) => `$${i + 1}`).join(', ')})`,
      owners,
    );
    for (const row of result.rows) names.set(row.id, row.name);
  }
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      emails: r.emails,
      phones: r.phones,
      title: r.title,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      ownerId: r.owner_id,
      ownerName: names.get(r.owner_id) ?? null,
      tags: r.tags,
      marketing: {
        optedIn: r.marketing_opted_in,
        consentedAt: r.marketing_consent_at?.toISOString() ?? null,
        source: r.marketing_consent_source,
      },
      leadId: r.lead_id,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    })),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify({ s: '-createdAt', v: last.keyset, id: last.id })).toString('base64url')
        : null,
  };
}
