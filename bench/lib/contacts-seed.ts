import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.js';

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Mario', 'Joan', 'Ken', 'Barbara', 'Edsger', 'Margaret'];
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Green',
  'Clarke',
  'Thompson',
  'Liskov',
  'Dijkstra',
  'Hamilton',
];

/**
 * `contacts` CRM contacts over `contacts / 20` organizations, owned by the existing users in turn,
 * with one INSERT … SELECT each (100,000 contacts take a few seconds), then ANALYZE.
 */
export async function seedContacts(db: Db, contacts: number): Promise<{ organizations: number; seconds: number }> {
  const started = performance.now();
  const organizations = Math.max(1, Math.ceil(contacts / 20));
  const owners = (await db.selectFrom('auth.users').select('id').orderBy('email').execute()).map((u) => u.id);
  await sql`insert into crm.organizations (name, domain, owner_id, created_at, updated_at)
    select 'Company ' || g, 'company' || g || '.example', (${owners}::uuid[])[1 + g % ${owners.length}],
           now() - g * interval '37 minutes', now() - g * interval '37 minutes'
    from generate_series(1, ${organizations}) g`.execute(db);
  await sql`with o as (select id, domain, row_number() over (order by id) n from crm.organizations)
    insert into crm.contacts (first_name, last_name, emails, phones, title, organization_id, owner_id, tags,
                              created_at, updated_at)
    select x.f, x.l, array[lower(x.f) || '.' || lower(x.l) || g || '@' || o.domain],
           array['+1 ' || (200 + g % 800) || ' 555 ' || lpad((g % 10000)::text, 4, '0')],
           case when g % 3 = 0 then null else 'Engineer' end,
           case when g % 10 = 0 then null else o.id end,
           (${owners}::uuid[])[1 + g % ${owners.length}], case when g % 4 = 0 then array['vip'] else '{}' end,
           now() - g * interval '5 minutes', now() - g * interval '5 minutes'
    from generate_series(1, ${contacts}) g
    join o on o.n = 1 + g % ${organizations}
    cross join lateral (select (${FIRST}::text[])[1 + g % ${FIRST.length}] as f,
                               (${LAST}::text[])[1 + (g / 7) % ${LAST.length}] as l) x`.execute(db);
  await sql`analyze`.execute(db);
  return { organizations, seconds: (performance.now() - started) / 1000 };
}
