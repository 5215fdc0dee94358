import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from './crm.test-support.js';

interface Rec {
  id: string;
  version: number;
  ownerId: string;
  stageId?: string;
  status?: string;
}
interface Problem {
  type: string;
  failures: { id: string; code: string; message: string }[];
  errors: { path: string; code?: string }[];
}
interface Stage {
  id: string;
  name: string;
  isWon: boolean;
  isLost: boolean;
}

let t: TestApp;
let p: CrmPeople;
let stages: Stage[];

beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
  const list = await t.request<{ items: { isDefault: boolean; stages: Stage[] }[] }>('GET', `${CRM}/pipelines`, {
    token: p.repA.token,
  });
  stages = list.body.items.find((x) => x.isDefault)!.stages;
});
afterAll(() => t.close());

const create = async (path: string, body: object, token: string) => {
  const res = await t.request<Rec>('POST', `${CRM}/${path}`, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const get = async (path: string, id: string, token = p.admin.token) =>
  (await t.request<Rec>('GET', `${CRM}/${path}/${id}`, { token })).body;
const bulk = (path: string, body: object, token: string) =>
  t.request<Problem & { changed: number; unchanged: number }>('POST', `${CRM}/${path}/bulk`, { token, body });
const auditOf = async (id: string) =>
  (
    await t.db.selectFrom('platform.audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute()
  ).map((a) => a.action);

describe('CRM bulk actions', () => {
  it('assigns an owner to many records in one go, one audit record per record changed', async () => {
    const a = await create('organizations', { name: 'Bulk A' }, p.manager.token);
    const b = await create('organizations', { name: 'Bulk B' }, p.manager.token);
    const c = await create('organizations', { name: 'Bulk C', ownerId: p.repA.id }, p.manager.token);
    const res = await bulk(
      'organizations',
      { action: 'assign-owner', ids: [a.id, b.id, c.id], ownerId: p.repA.id },
      p.manager.token,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ changed: 2, unchanged: 1 });
    for (const org of [a, b]) {
      expect(await get('organizations', org.id)).toMatchObject({ ownerId: p.repA.id, version: 2 });
      expect(await auditOf(org.id)).toEqual(['organization.created', 'organization.updated']);
    }
    expect(await auditOf(c.id)).toEqual(['organization.created']);
  });

  it('changes nothing and lists every id it cannot change (and why) when any one fails', async () => {
    const mine = await create('contacts', { firstName: 'Mine', lastName: 'One' }, p.repA.token);
    const theirs = await create('contacts', { firstName: 'Theirs', lastName: 'One' }, p.repB.token);
    const missing = '00000000-0000-4000-8000-00000000beef';
    const res = await bulk('contacts', { action: 'delete', ids: [mine.id, theirs.id, missing] }, p.repA.token);
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://moms.dev/problems/bulk-rejected');
    expect(res.body.failures.map((f) => [f.id, f.code])).toEqual([
      [theirs.id, 'not-found'],
      [missing, 'not-found'],
    ]);
    expect(res.body.errors.map((e) => e.path)).toEqual(['ids.1', 'ids.2']);
    expect(await get('contacts', mine.id)).toMatchObject({ id: mine.id, version: 1 });
    expect(await auditOf(mine.id)).toEqual(['contact.created']);

    // An owner the caller may not give records to: 422 on ownerId, nothing changed.
    const refused = await bulk(
      'contacts',
      { action: 'assign-owner', ids: [mine.id], ownerId: p.repB.id },
      p.repA.token,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('https://moms.dev/problems/owner-not-assignable');
    expect(await get('contacts', mine.id)).toMatchObject({ ownerId: p.repA.id, version: 1 });
  });

  it('deletes many records (audited), with the single-record delete rules', async () => {
    const x = await create('leads', { name: 'Lead X' }, p.repA.token);
    const y = await create('leads', { name: 'Lead Y' }, p.repA.token);
    const res = await bulk('leads', { action: 'delete', ids: [x.id, y.id] }, p.repA.token);
    expect(res.status).toBe(200);
    expect(res.body.changed).toBe(2);
    for (const lead of [x, y]) {
      expect((await t.request('GET', `${CRM}/leads/${lead.id}`, { token: p.admin.token })).status).toBe(404);
      expect(await auditOf(lead.id)).toEqual(['lead.created', 'lead.deleted']);
    }
  });

  it('refuses a converted lead as the single-record endpoints do, changing none of the others', async () => {
    const open = await create('leads', { name: 'Open lead' }, p.repA.token);
    const done = await create('leads', { name: 'Done lead', company: 'Done Co', status: 'qualified' }, p.repA.token);
    const converted = await t.request('POST', `${CRM}/leads/${done.id}/convert`, {
      token: p.repA.token,
      body: { version: done.version },
    });
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);
    for (const body of [{ action: 'delete' }, { action: 'assign-owner', ownerId: p.manager.id }]) {
      const res = await bulk('leads', { ...body, ids: [open.id, done.id] }, p.manager.token);
      expect(res.status).toBe(422);
      expect(res.body.failures.map((f) => [f.id, f.code])).toEqual([[done.id, 'lead-already-converted']]);
    }
    expect(await get('leads', open.id)).toMatchObject({ ownerId: p.repA.id, version: 1 });
  });

  it('moves opportunities to another stage; a lost stage without a reason fails for each, changing none', async () => {
    const open = stages.filter((s) => !s.isWon && !s.isLost);
    const o1 = await create('opportunities', { name: 'Deal 1', currency: 'EUR', stageId: open[0]!.id }, p.repA.token);
    const o2 = await create('opportunities', { name: 'Deal 2', currency: 'EUR', stageId: open[0]!.id }, p.repA.token);
    const moved = await bulk(
      'opportunities',
      { action: 'move-stage', ids: [o1.id, o2.id], stageId: open[1]!.id },
      p.repA.token,
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.changed).toBe(2);
    for (const o of [o1, o2]) {
      expect(await get('opportunities', o.id)).toMatchObject({ stageId: open[1]!.id, status: 'open' });
      expect(await auditOf(o.id)).toEqual(['opportunity.created', 'opportunity.stage-changed']);
    }
    const lost = stages.find((s) => s.isLost)!;
    const refused = await bulk(
      'opportunities',
      { action: 'move-stage', ids: [o1.id, o2.id], stageId: lost.id },
      p.repA.token,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.failures.map((f) => [f.id, f.code])).toEqual([
      [o1.id, 'reason-required'],
      [o2.id, 'reason-required'],
    ]);
    expect(await get('opportunities', o1.id)).toMatchObject({ stageId: open[1]!.id, status: 'open' });

    const closed = await bulk(
      'opportunities',
      { action: 'move-stage', ids: [o1.id, o2.id], stageId: lost.id, reason: 'Budget cut' },
      p.repA.token,
    );
    expect(closed.status).toBe(200);
    expect(await get('opportunities', o2.id)).toMatchObject({ stageId: lost.id, status: 'lost' });
    const gone = await bulk('opportunities', { action: 'delete', ids: [o1.id, o2.id] }, p.repA.token);
    expect(gone.status).toBe(200);
    expect((await t.request('GET', `${CRM}/opportunities/${o1.id}`, { token: p.admin.token })).status).toBe(404);
  });

  it('exports exactly the selected records with the list export’s columns', async () => {
    const rows = [];
    for (const name of ['Export 1', 'Export 2', 'Export 3'])
      rows.push(await create('organizations', { name }, p.repB.token));
    const res = await t.request<string>('POST', `${CRM}/organizations/bulk/export.csv`, {
      token: p.repB.token,
      body: { ids: [rows[0]!.id, rows[2]!.id] },
    });
    expect(res.status).toBe(200);
    const lines = String(res.body).trim().split('\r\n');
    expect(lines[0]!.startsWith('id,name,')).toBe(true);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([rows[0]!.id, rows[2]!.id].sort());
    const hidden = await t.request<Problem>('POST', `${CRM}/organizations/bulk/export.csv`, {
      token: p.repA.token,
      body: { ids: [rows[0]!.id] },
    });
    expect(hidden.status).toBe(422);
  });

  it('validates the request and needs crm:write', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    for (const body of [
      { action: 'delete', ids: [] },
      {
        action: 'delete',
        ids: Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
      },
      { action: 'delete', ids: [id, id] },
      { action: 'assign-owner', ids: [id] },
      { action: 'move-stage', ids: [id], stageId: id },
      { action: 'explode', ids: [id] },
    ])
      expect((await bulk('organizations', body, p.repA.token)).status, JSON.stringify(body).slice(0, 60)).toBe(422);
    const looker = await t.userWithRoles(['employee']);
    expect((await bulk('organizations', { action: 'delete', ids: [id] }, looker.token)).status).toBe(403);
  });
});
