import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from '../crm.test-support.js';

interface ContactBody {
  id: string;
  firstName: string;
  emails: string[];
  ownerId: string;
  version: number;
  organizationId: string | null;
  organizationName?: string | null;
  ownerName?: string | null;
  marketing: { optedIn: boolean; consentedAt: string | null; source: string | null };
  existingId?: string;
  errors?: { path: string }[];
}

let t: TestApp;
let p: CrmPeople;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
});
afterAll(() => t.close());

const post = (body: unknown, token: string, query = '') =>
  t.request<ContactBody>('POST', `${CRM}/contacts${query}`, { token, body });

describe('contacts', () => {
  it('creates with marketing consent, updates with a version, and validates field paths', async () => {
    const org = await t.request<{ id: string }>('POST', `${CRM}/organizations`, {
      token: p.repA.token,
      body: { name: 'Initech' },
    });
    const res = await post(
      {
        firstName: 'Ada',
        lastName: 'Lovelace',
        emails: [' Ada@Initech.example '],
        phones: ['+44 20 7946 0000'],
        organizationId: org.body.id,
        marketing: { optedIn: true, source: 'web-form' },
      },
      p.repA.token,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      emails: ['ada@initech.example'],
      ownerId: p.repA.id,
      organizationId: org.body.id,
    });
    expect(res.body.marketing).toMatchObject({ optedIn: true, source: 'web-form' });
    expect(res.body.marketing.consentedAt).not.toBeNull();

    const optOut = await t.request<ContactBody>('PATCH', `${CRM}/contacts/${res.body.id}`, {
      token: p.repA.token,
      body: { version: 1, marketing: { optedIn: false } },
    });
    expect(optOut.status).toBe(200);
    expect(optOut.body.marketing).toEqual({ optedIn: false, consentedAt: null, source: null });
    expect(optOut.body.version).toBe(2);

    const bad = await post({ firstName: 'X', lastName: '', emails: ['nope'], phones: ['abc'] }, p.repA.token);
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['emails.0', 'lastName', 'phones.0']);

    const hidden = await post({ firstName: 'X', lastName: 'Y', organizationId: org.body.id }, p.repB.token);
    expect(hidden.status).toBe(422);
    expect(hidden.body.errors?.[0]?.path).toBe('organizationId');
  });

  it('detects a duplicate email across owners: 409 with the existing id unless allowDuplicate=true', async () => {
    const first = await post({ firstName: 'Grace', lastName: 'Hopper', emails: ['grace@navy.example'] }, p.repA.token);
    const dup = await post(
      { firstName: 'G.', lastName: 'Hopper', emails: ['other@x.example', 'GRACE@navy.example'] },
      p.repB.token,
    );
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ type: 'https://moms.dev/problems/duplicate-contact', existingId: first.body.id });
    const forced = await post(
      { firstName: 'G.', lastName: 'Hopper', emails: ['grace@navy.example'] },
      p.repB.token,
      '?allowDuplicate=true',
    );
    expect(forced.status).toBe(201);
  });

  it('enforces visibility on lists and gets; managers see their team; admins see all', async () => {
    const a = await post({ firstName: 'Vis', lastName: 'Alpha' }, p.repA.token);
    const b = await post({ firstName: 'Vis', lastName: 'Beta' }, p.repB.token);
    const names = async (token: string) =>
      (
        await t.request<{ items: { lastName: string }[] }>('GET', `${CRM}/contacts?q=vis&sort=lastName&limit=200`, {
          token,
        })
      ).body.items.map((c) => c.lastName);
    expect(await names(p.repA.token)).toEqual(['Alpha']);
    expect(await names(p.repB.token)).toEqual(['Beta']);
    expect(await names(p.manager.token)).toEqual(['Alpha']);
    expect(await names(p.admin.token)).toEqual(['Alpha', 'Beta']);
    expect((await t.request('GET', `${CRM}/contacts/${b.body.id}`, { token: p.repA.token })).status).toBe(404);
    expect((await t.request('GET', `${CRM}/contacts/${a.body.id}`, { token: p.manager.token })).status).toBe(200);
    const del = await t.request('DELETE', `${CRM}/contacts/${b.body.id}?version=1`, { token: p.repA.token });
    expect(del.status).toBe(404);
  });

  it('exports visible contacts as CSV, neutralizing formulas', async () => {
    await post({ firstName: '=HYPERLINK("x")', lastName: 'Csv, Person', emails: ['csv@x.example'] }, p.repA.token);
    const res = await t.request<string>('GET', `${CRM}/contacts/export.csv?q=csv`, { token: p.repA.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,first_name,last_name,emails/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")","Csv, Person",csv@x.example`);
    const other = await t.request<string>('GET', `${CRM}/contacts/export.csv?q=csv`, { token: p.repB.token });
    expect(other.body.trim().split('\r\n')).toHaveLength(1);
  });

  it('exports in the order of the list’s sort values (the default order without sort)', async () => {
    const tag = 'export-sort';
    for (const lastName of ['Sortb', 'Sorta', 'Sortc'])
      expect((await post({ firstName: 'Ex', lastName, tags: [tag] }, p.repA.token)).status).toBe(201);
    const lastNames = async (query: string) => {
      const res = await t.request<string>('GET', `${CRM}/contacts/export.csv?tag=${tag}${query}`, {
        token: p.repA.token,
      });
      expect(res.status, query).toBe(200);
      return res.body
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[2]);
    };
    expect(await lastNames('')).toEqual(['Sorta', 'Sortb', 'Sortc']);
    expect(await lastNames('&sort=lastName')).toEqual(['Sorta', 'Sortb', 'Sortc']);
    expect(await lastNames('&sort=-lastName')).toEqual(['Sortc', 'Sortb', 'Sorta']);
    expect(await lastNames('&sort=createdAt')).toEqual(['Sortb', 'Sorta', 'Sortc']);
    expect(await lastNames('&sort=-createdAt')).toEqual(['Sortc', 'Sorta', 'Sortb']);
    // The same order as the list's page.
    const list = await t.request<{ items: { lastName: string }[] }>(
      'GET',
      `${CRM}/contacts?tag=${tag}&sort=-createdAt`,
      { token: p.repA.token },
    );
    expect(list.body.items.map((c) => c.lastName)).toEqual(['Sortc', 'Sorta', 'Sortb']);
    // With q: the default order unless sort is given (relevance included).
    expect(await lastNames('&q=ex')).toEqual(['Sorta', 'Sortb', 'Sortc']);
    expect(await lastNames('&q=ex&sort=relevance')).toHaveLength(3);
    expect(await lastNames('&q=ex&sort=-lastName')).toEqual(['Sortc', 'Sortb', 'Sorta']);
    const bad = await t.request('GET', `${CRM}/contacts/export.csv?sort=title`, { token: p.repA.token });
    expect(bad.status).toBe(422);
    const noQ = await t.request('GET', `${CRM}/contacts/export.csv?sort=relevance`, { token: p.repA.token });
    expect(noQ.status).toBe(422);
  });

  it('answers the organization’s name (only when visible) on creates, gets, lists, updates, merges and search', async () => {
    const org = await t.request<{ id: string }>('POST', `${CRM}/organizations`, {
      token: p.repA.token,
      body: { name: 'Contact Org Name' },
    });
    const created = await post({ firstName: 'Orga', lastName: 'Nized', organizationId: org.body.id }, p.repA.token);
    expect(created.body).toMatchObject({ organizationName: 'Contact Org Name', ownerName: p.repA.name });
    const bare = await post({ firstName: 'Orga', lastName: 'Bare' }, p.repA.token);
    expect(bare.body).toMatchObject({ organizationId: null, organizationName: null });
    const got = await t.request<ContactBody>('GET', `${CRM}/contacts/${created.body.id}`, { token: p.manager.token });
    expect(got.body).toMatchObject({ organizationName: 'Contact Org Name' });
    const list = await t.request<{ items: ContactBody[] }>('GET', `${CRM}/contacts?q=orga&sort=lastName`, {
      token: p.repA.token,
    });
    expect(list.body.items).toMatchObject([
      { id: bare.body.id, organizationName: null },
      { id: created.body.id, organizationName: 'Contact Org Name' },
    ]);
    const updated = await t.request<ContactBody>('PATCH', `${CRM}/contacts/${bare.body.id}`, {
      token: p.repA.token,
      body: { version: bare.body.version, title: 'CTO' },
    });
    expect(updated.body).toMatchObject({ title: 'CTO', organizationName: null });
    // Merged: the duplicate's organization fills the empty one.
    const merged = await t.request<ContactBody>('POST', `${CRM}/contacts/${bare.body.id}/merge`, {
      token: p.repA.token,
      body: { version: updated.body.version, sourceId: created.body.id, sourceVersion: created.body.version },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ organizationId: org.body.id, organizationName: 'Contact Org Name' });
    const search = async (token: string) =>
      (
        await t.request<{ items: { id: string; subtitle: string | null }[] }>('GET', `${CRM}/search?q=orga%20bare`, {
          token,
        })
      ).body.items.find((h) => h.id === bare.body.id);
    expect((await search(p.repA.token))?.subtitle).toContain('Contact Org Name');
    // Given to rep B, the organization (still rep A's) is not visible to B: its name is not answered.
    const given = await t.request<ContactBody>('PATCH', `${CRM}/contacts/${bare.body.id}`, {
      token: p.admin.token,
      body: { version: merged.body.version, ownerId: p.repB.id },
    });
    expect(given.body).toMatchObject({ ownerName: p.repB.name, organizationName: 'Contact Org Name' });
    const asB = await t.request<ContactBody>('GET', `${CRM}/contacts/${bare.body.id}`, { token: p.repB.token });
    expect(asB.body).toMatchObject({ organizationId: org.body.id, organizationName: null });
    const listB = await t.request<{ items: ContactBody[] }>('GET', `${CRM}/contacts?q=orga`, { token: p.repB.token });
    expect(listB.body.items).toMatchObject([{ id: bare.body.id, organizationName: null }]);
    expect((await search(p.repB.token))?.subtitle ?? '').not.toContain('Contact Org Name');
  });

  it('merges a duplicate: emails united, activities and opportunities moved, duplicate deleted', async () => {
    const keep = (
      await post({ firstName: 'Alan', lastName: 'Turing', emails: ['alan@bletchley.example'] }, p.repA.token)
    ).body;
    const dup = (
      await post(
        { firstName: 'A.', lastName: 'Turing', emails: ['alan@bletchley.example', 'at@npl.example'], title: 'Dr' },
        p.repA.token,
        '?allowDuplicate=true',
      )
    ).body;
    await t.request('POST', `${CRM}/activities`, {
      token: p.repA.token,
      body: { type: 'note', subject: 'Met at NPL', contactId: dup.id },
    });
    const opp = await t.request<{ id: string }>('POST', `${CRM}/opportunities`, {
      token: p.repA.token,
      body: { name: 'Bombe', currency: 'GBP', contactIds: [dup.id] },
    });
    const stale = await t.request('POST', `${CRM}/contacts/${keep.id}/merge`, {
      token: p.repA.token,
      body: { version: 1, sourceId: dup.id, sourceVersion: 9 },
    });
    expect(stale.status).toBe(409);
    const merged = await t.request<ContactBody & { title: string }>('POST', `${CRM}/contacts/${keep.id}/merge`, {
      token: p.repA.token,
      body: { version: 1, sourceId: dup.id, sourceVersion: 1 },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      emails: ['alan@bletchley.example', 'at@npl.example'],
      title: 'Dr',
      version: 2,
    });
    expect((await t.request('GET', `${CRM}/contacts/${dup.id}`, { token: p.repA.token })).status).toBe(404);
    const acts = await t.request<{ items: unknown[] }>('GET', `${CRM}/activities?contactId=${keep.id}`, {
      token: p.repA.token,
    });
    expect(acts.body.items).toHaveLength(1);
    const o = await t.request<{ contactIds: string[] }>('GET', `${CRM}/opportunities/${opp.body.id}`, {
      token: p.repA.token,
    });
    expect(o.body.contactIds).toEqual([keep.id]);
    const self = await t.request('POST', `${CRM}/contacts/${keep.id}/merge`, {
      token: p.repB.token,
      body: { version: 2, sourceId: keep.id, sourceVersion: 2 },
    });
    expect(self.status).toBe(422);
  });

  it('imports CSV: a dry run writes nothing; a real run writes exactly the good rows and reports the rest', async () => {
    await post({ firstName: 'Old', lastName: 'Timer', emails: ['old@import.example'] }, p.repA.token);
    const hidden = await t.request<{ id: string }>('POST', `${CRM}/organizations`, {
      token: p.repB.token,
      body: { name: 'Not yours' },
    });
    const csv = [
      'first_name,last_name,emails,tags,marketing_opted_in,organization_id',
      'Kurt,Gödel,kurt@import.example,logic;ias,yes,',
      '"Emmy","Noether","emmy@import.example; e.noether@import.example",,,',
      'Dup,In File,KURT@import.example,,,',
      'Old,Again,old@import.example,,,',
      'No,Email,not-an-email,,,',
      `Hidden,Org,hidden@import.example,,,${hidden.body.id}`,
    ].join('\r\n');
    const names = async () =>
      (
        await t.request<{ items: { lastName: string }[] }>(
          'GET',
          `${CRM}/contacts?q=import.example&limit=200&sort=lastName`,
          { token: p.repA.token },
        )
      ).body.items.map((c) => c.lastName);
    interface Report {
      dryRun: boolean;
      rows: number;
      created: number;
      skipped: number;
      duplicates: { row: number; email: string; existingId: string | null }[];
      errors: { path: string }[];
    }
    const run = (body: Record<string, unknown>) =>
      t.request<Report>('POST', `${CRM}/contacts/import`, { token: p.repA.token, body: { csv, ...body } });

    const dry = await run({});
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 6, created: 2, skipped: 4 });
    expect(dry.body.duplicates.map((d) => [d.row, d.email, d.existingId === null])).toEqual([
      [3, 'kurt@import.example', true],
      [4, 'old@import.example', false],
    ]);
    expect(dry.body.errors.map((e) => e.path)).toEqual(['rows.5.emails.0', 'rows.6.organizationId']);
    expect(await names()).toEqual(['Timer']);

    const abort = await run({ dryRun: false, onError: 'abort' });
    expect(abort.status).toBe(422);
    expect(abort.body.errors.map((e) => e.path)).toEqual(['rows.5.emails.0', 'rows.6.organizationId']);
    expect(await names()).toEqual(['Timer']);

    // A failure while writing (here a constraint added for the test, hit by the second good row)
    // rolls back the rows already written: nothing stays.
    await sql`alter table crm.contacts add constraint test_no_noether check (last_name <> 'Noether')`.execute(t.db);
    try {
      const failed = await run({ dryRun: false });
      expect(failed.status).toBe(409);
      expect(await names()).toEqual(['Timer']);
    } finally {
      await sql`alter table crm.contacts drop constraint test_no_noether`.execute(t.db);
    }

    const real = await run({ dryRun: false });
    expect(real.status).toBe(200);
    expect(real.body).toEqual({ ...dry.body, dryRun: false });
    expect(await names()).toEqual(['Gödel', 'Noether', 'Timer']);
    const audited = await t.db
      .selectFrom('platform.audit_log')
      .innerJoin('crm.contacts as c', (j) => j.on(sql<boolean>`c.id::text = platform.audit_log.entity_id`))
      .select('c.last_name')
      .where('action', '=', 'contact.created')
      .where('c.last_name', 'in', ['Gödel', 'Noether'])
      .execute();
    expect(audited.map((a) => a.last_name).sort()).toEqual(['Gödel', 'Noether']);

    const header = await t.request('POST', `${CRM}/contacts/import`, {
      token: p.repA.token,
      body: { csv: 'name,shoe_size\nA,42' },
    });
    expect(header.status).toBe(422);
  });
});
