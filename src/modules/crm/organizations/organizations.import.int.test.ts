import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from '../crm.test-support.js';

interface Report {
  dryRun: boolean;
  rows: number;
  created: number;
  skipped: number;
  duplicates: { row: number; domain: string; existingId: string | null }[];
  errors: { path: string; message: string; code?: string }[];
}
interface Org {
  id: string;
  name: string;
  domain: string | null;
  parentId: string | null;
  ownerId: string;
  ownerName: string | null;
  address: Record<string, string> | null;
  tags: string[];
  size: string | null;
}

let t: TestApp;
let p: CrmPeople;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
});
afterAll(() => t.close());

const importCsv = (csv: string, extra: Record<string, unknown> = {}, token = p.repA.token) =>
  t.request<Report>('POST', `${CRM}/organizations/import`, { token, body: { csv, ...extra } });
const mine = async () =>
  (
    await t.request<{ items: Org[] }>('GET', `${CRM}/organizations?tag=imp&limit=200&sort=name`, {
      token: p.repA.token,
    })
  ).body.items;

describe('POST /organizations/import', () => {
  it('dry-runs, then writes exactly the good rows in one transaction, reporting duplicates, errors and parents', async () => {
    const existing = await t.request<Org>('POST', `${CRM}/organizations`, {
      token: p.repB.token,
      body: { name: 'Taken Inc', domain: 'taken.example' },
    });
    const group = await t.request<Org>('POST', `${CRM}/organizations`, {
      token: p.repA.token,
      body: { name: 'Umbrella Group', domain: 'umbrella.example', tags: ['imp'] },
    });
    await t.request('POST', `${CRM}/organizations?allowDuplicate=true`, {
      token: p.repA.token,
      body: { name: 'Twin', tags: ['imp'] },
    });
    await t.request('POST', `${CRM}/organizations?allowDuplicate=true`, {
      token: p.repA.token,
      body: { name: 'twin', tags: ['imp'] },
    });
    const csv = [
      'name,domain,industry,size,city,country,tags,parent,owner_id',
      'Imported One,https://www.ONE.example/home,Software,11-50,Leeds,UK,imp;new,,ignored',
      'Imported Child,child.example,,,,,imp,one.example,',
      'Umbrella Sub,,,,,,imp,Umbrella Group,',
      'Copy Of Taken,TAKEN.example,,,,,imp,,',
      'Again One,one.example,,,,,imp,,',
      ',bad-name.example,,,,,imp,,',
      'Bad Size,,,huge,,,imp,,',
      'Orphan,,,,,,imp,Nowhere Ltd,',
      'Twin Child,,,,,,imp,Twin,',
    ].join('\n');

    const dry = await importCsv(csv);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 9, created: 3, skipped: 6 });
    expect(dry.body.duplicates).toEqual([
      { row: 4, domain: 'taken.example', existingId: existing.body.id },
      { row: 5, domain: 'one.example', existingId: null },
    ]);
    expect(dry.body.errors.map((e) => [e.path, e.code])).toEqual([
      ['rows.6.name', 'too_small'],
      ['rows.7.size', 'invalid_value'],
      ['rows.8.parent', 'invalid_reference'],
      ['rows.9.parent', 'ambiguous'],
    ]);
    expect((await mine()).map((o) => o.name)).toEqual(['Twin', 'Umbrella Group', 'twin']);

    const abort = await importCsv(csv, { dryRun: false, onError: 'abort' });
    expect(abort.status).toBe(422);
    expect(abort.body.errors).toHaveLength(4);
    expect(await mine()).toHaveLength(3);

    // A failure while writing rolls back the rows already written in the same import.
    await sql`alter table crm.organizations add constraint test_no_sub check (name <> 'Umbrella Sub')`.execute(t.db);
    try {
      expect((await importCsv(csv, { dryRun: false })).status).toBe(409);
      expect(await mine()).toHaveLength(3);
    } finally {
      await sql`alter table crm.organizations drop constraint test_no_sub`.execute(t.db);
    }

    const real = await importCsv(csv, { dryRun: false });
    expect(real.status).toBe(200);
    expect(real.body).toEqual({ ...dry.body, dryRun: false });
    const after = await mine();
    const byName = Object.fromEntries(after.map((o) => [o.name, o]));
    expect(after.map((o) => o.name)).toEqual([
      'Imported Child',
      'Imported One',
      'Twin',
      'Umbrella Group',
      'Umbrella Sub',
      'twin',
    ]);
    expect(byName['Imported One']).toMatchObject({
      domain: 'one.example',
      size: '11-50',
      address: { city: 'Leeds', country: 'UK' },
      tags: ['imp', 'new'],
      ownerId: p.repA.id,
      ownerName: p.repA.name,
      parentId: null,
    });
    expect(byName['Imported Child']!.parentId).toBe(byName['Imported One']!.id);
    expect(byName['Umbrella Sub']!.parentId).toBe(group.body.id);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('entity_id')
      .where('action', '=', 'organization.created')
      .where('entity_id', 'in', [byName['Imported One']!.id, byName['Imported Child']!.id, byName['Umbrella Sub']!.id])
      .execute();
    expect(audit).toHaveLength(3);
  });

  it('checks the header, the size and the access; a parent must be visible to the importer', async () => {
    const header = await importCsv('title,domain\nX,x.example');
    expect(header.status).toBe(422);
    expect(header.body.errors).toEqual([{ path: 'csv', message: 'Unknown column(s): title.', code: 'header' }]);
    const noName = await importCsv('domain\nx.example');
    expect(noName.status).toBe(422);
    const tooMany = await importCsv(['name', ...Array.from({ length: 5001 }, (_, i) => `N${i}`)].join('\n'));
    expect(tooMany.status).toBe(422);
    const extra = await importCsv('name\nX', { dryRun: false, nope: 1 });
    expect(extra.status).toBe(422);
    expect((await t.request('POST', `${CRM}/organizations/import`, { body: { csv: 'name\nX' } })).status).toBe(401);
    await t.request('POST', `${CRM}/organizations`, { token: p.repB.token, body: { name: 'Secret Parent' } });
    const hidden = await importCsv('name,parent\nKid,Secret Parent');
    expect(hidden.body.errors.map((e) => e.path)).toEqual(['rows.1.parent']);
  });
});
