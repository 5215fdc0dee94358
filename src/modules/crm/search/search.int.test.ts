import { CompiledQuery, sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { onPostgres } from '../../../../test/harness/test-db.js';
import type { Db } from '../../../platform/db/database.js';
import { listContacts } from '../contacts/contacts.repository.js';
import { CRM, crmPeople, type CrmPeople } from '../crm.test-support.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Hit {
  kind: string;
  id: string;
  title: string;
  subtitle: string | null;
}

let t: TestApp;
let p: CrmPeople;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
});
afterAll(() => t.close());

const post = async <T extends { id: string }>(path: string, body: unknown, token = p.repA.token) => {
  const res = await t.request<T>('POST', `${CRM}/${path}?allowDuplicate=true`, { token, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const get = <T>(path: string, token = p.repA.token) => t.request<T>('GET', `${CRM}/${path}`, { token });

describe('q on lists', () => {
  it('finds contacts by any word in names, emails, phones (with or without separators) and title', async () => {
    const ada = await post('contacts', {
      firstName: 'Ada',
      lastName: 'Quillfeather',
      emails: ['ada@analytical.example'],
      phones: ['+44 20 7946-0101'],
      title: 'Chief Enchantress',
    });
    await post('contacts', { firstName: 'Adam', lastName: 'Quillon', emails: ['adam@other.example'] });
    const ids = async (q: string) =>
      (await get<Page<{ id: string }>>(`contacts?q=${encodeURIComponent(q)}`)).body.items.map((c) => c.id);
    expect(await ids('analytical.example')).toEqual([ada.id]);
    expect(await ids('442079460101')).toEqual([ada.id]);
    expect(await ids('7946-0101')).toEqual([ada.id]);
    expect(await ids('ENCHANTRESS')).toEqual([ada.id]);
    expect(await ids('quillfeather ada')).toEqual([ada.id]);
    expect(await ids('quill nobody')).toEqual([]);
    expect(await ids('uillfeather')).toEqual([]); // words match by prefix, not inside
    expect(await ids('+++')).toEqual([]); // no word at all: nothing
    // Both match "quill" as well; by default a search lists the closer (here: shorter) text first.
    const both = await get<Page<{ lastName: string }>>('contacts?q=quill');
    expect(both.body.items.map((c) => c.lastName)).toEqual(['Quillon', 'Quillfeather']);
    const byName = await get<Page<{ lastName: string }>>('contacts?q=quill&sort=lastName');
    expect(byName.body.items.map((c) => c.lastName)).toEqual(['Quillfeather', 'Quillon']);
    // A whole-word match ranks above a prefix match: "ada" is Ada's name and only the start of Adam's.
    const whole = await get<Page<{ lastName: string }>>('contacts?q=ada');
    expect(whole.body.items.map((c) => c.lastName)).toEqual(['Quillfeather', 'Quillon']);
    const accents = await post('contacts', { firstName: 'José', lastName: 'Núñez-Ölander' });
    expect(await ids('NÚÑEZ')).toEqual([accents.id]);
    expect(await ids('öland josé')).toEqual([accents.id]);
  });

  it('orders by relevance when q is given and pages through it with the cursor', async () => {
    const names = ['Zephyrine', 'Zephyrine Pale', 'Zephyrine Pale Stone', 'Zephyrine Pale Stone Gate', 'Zephyrinex'];
    for (const n of names) await post('organizations', { name: n, industry: 'Test search' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `organizations?q=zephyrine&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get<Page<{ name: string }>>(url);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((o) => o.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      'Zephyrine',
      'Zephyrine Pale',
      'Zephyrine Pale Stone',
      'Zephyrine Pale Stone Gate',
      'Zephyrinex',
    ]);
    const byName = await get<Page<{ name: string }>>('organizations?q=zephyrine&sort=-name&limit=1');
    expect(byName.body.items.map((o) => o.name)).toEqual(['Zephyrinex']);
    const wrongCursor = await get(`organizations?q=zephyrine&sort=name&cursor=${byName.body.nextCursor}`);
    expect(wrongCursor.status).toBe(400);
    const noQ = await get<{ errors: { path: string }[] }>('organizations?sort=relevance');
    expect(noQ.status).toBe(422);
    expect(noQ.body.errors[0]!.path).toBe('sort');
  });

  it('searches leads and opportunities the same way, within visibility', async () => {
    await post('leads', { name: 'Orsolya Brightwater', email: 'orsolya@lumen.example', company: 'Lumen Works' });
    await post('leads', { name: 'Hidden Brightwater', company: 'Lumen Works' }, p.repB.token);
    const mine = await get<Page<{ name: string }>>('leads?q=lumen%20works');
    expect(mine.body.items.map((l) => l.name)).toEqual(['Orsolya Brightwater']);
    const all = await get<Page<{ name: string }>>('leads?q=brightwater&sort=name', p.admin.token);
    expect(all.body.items.map((l) => l.name)).toEqual(['Hidden Brightwater', 'Orsolya Brightwater']);
    await post('opportunities', { name: 'Lumen renewal 2027', currency: 'EUR', amount: '10' });
    const opps = await get<Page<{ name: string }>>('opportunities?q=renewal%20lumen');
    expect(opps.body.items.map((o) => o.name)).toEqual(['Lumen renewal 2027']);
  });
});

describe('GET /search', () => {
  it('answers the best visible hits across organizations, contacts, leads and opportunities', async () => {
    const org = await post<{ id: string }>('organizations', { name: 'Tessellate Ltd', domain: 'tessellate.example' });
    const contact = await post<{ id: string }>('contacts', {
      firstName: 'Tess',
      lastName: 'Ellate',
      emails: ['tess@tessellate.example'],
      organizationId: org.id,
      title: 'CTO',
    });
    const lead = await post<{ id: string }>('leads', { name: 'Tessellate inbound', company: 'Tessellate Ltd' });
    const opp = await post<{ id: string }>('opportunities', {
      name: 'Tessellate platform deal',
      currency: 'GBP',
      amount: '1200.5',
    });
    await post('organizations', { name: 'Tessellate Rival' }, p.repB.token);

    const res = await get<{ items: Hit[] }>('search?q=tessellate&limit=10');
    expect(res.status).toBe(200);
    const byKind = Object.fromEntries(res.body.items.map((h) => [h.id, h]));
    expect(res.body.items.map((h) => h.kind).sort()).toEqual(['contact', 'lead', 'opportunity', 'organization']);
    expect(byKind[org.id]).toEqual({
      kind: 'organization',
      id: org.id,
      title: 'Tessellate Ltd',
      subtitle: 'tessellate.example',
      ownerId: p.repA.id,
      ownerName: p.repA.name,
    });
    expect(byKind[contact.id]).toEqual({
      kind: 'contact',
      id: contact.id,
      ownerId: p.repA.id,
      ownerName: p.repA.name,
      title: 'Tess Ellate',
      subtitle: 'CTO · Tessellate Ltd · tess@tessellate.example',
    });
    expect(byKind[lead.id]?.subtitle).toBe('Tessellate Ltd · new');
    expect(byKind[opp.id]?.subtitle).toBe('1200.50 GBP · Prospecting');
    expect(res.body.items.some((h) => h.title === 'Tessellate Rival')).toBe(false);

    const admin = await get<{ items: Hit[] }>('search?q=tessellate', p.admin.token);
    expect(admin.body.items.map((h) => h.title)).toContain('Tessellate Rival');
    const manager = await get<{ items: Hit[] }>('search?q=tessellate', p.manager.token);
    expect(manager.body.items.map((h) => h.title).sort()).toEqual(res.body.items.map((h) => h.title).sort());
    const repB = await get<{ items: Hit[] }>('search?q=tessellate', p.repB.token);
    expect(repB.body.items.map((h) => h.title)).toEqual(['Tessellate Rival']);

    const best = await get<{ items: Hit[] }>('search?q=tessellate%20ltd&limit=1');
    expect(best.body.items).toEqual([byKind[org.id]]);
    expect((await get('search?q=t')).status).toBe(422);
    expect((await get('search?q=tessellate&limit=51')).status).toBe(422);
    expect((await t.request('GET', `${CRM}/search?q=tessellate`)).status).toBe(401);
  });
});

/** Runs `work` on a handle that records the queries it executes, then EXPLAINs each of them. */
async function plansOf(db: Db, work: (db: Db) => Promise<unknown>): Promise<string[]> {
  const built = new Map<string, RootOperationNode>();
  const executed: RootOperationNode[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      built.set(queryId.queryId, node);
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      executed.push(built.get(queryId.queryId)!);
      return result;
    },
  };
  await work(db.withPlugin(recorder));
  const plans: string[] = [];
  for (const node of executed) {
    const compiled = db.getExecutor().compileQuery(node, { queryId: 'explain' });
    const res = await db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
    );
    plans.push(res.rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  return plans;
}

describe.runIf(onPostgres)('the search indexes on PostgreSQL', () => {
  it('a contacts search on a seeded table is answered from the GIN index', async () => {
    // Realistic statistics: family names shared by ten people each, unique first names and emails.
    await sql`insert into crm.contacts (first_name, last_name, emails, phones, owner_id)
      select initcap(substr(md5(g::text), 1, 9)), 'Family' || (g % 2000), array['person' || g || '@example.test'],
             array['+1 555 ' || lpad(g::text, 7, '0')], ${p.repA.id}::uuid
      from generate_series(1, 20000) g`.execute(t.db);
    await sql`analyze crm.contacts`.execute(t.db);
    const target = (await sql<{ name: string }>`select initcap(substr(md5('4321'), 1, 9)) as name`.execute(t.db))
      .rows[0]!.name;
    const scope = { userId: p.repA.id, all: false };
    const filter = { q: target.toLowerCase(), limit: 20 };
    const plans = await plansOf(t.db, (db) => listContacts(db, scope, filter));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(/Bitmap Index Scan on contacts_search/);
    const page = await listContacts(t.db, scope, filter);
    expect(page.items.map((c) => c.first_name)).toEqual([target]);
  });
});
