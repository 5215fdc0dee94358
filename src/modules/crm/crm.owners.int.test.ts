import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from './crm.test-support.js';

interface Problem {
  type: string;
  errors: { path: string; code?: string }[];
}
interface Owned {
  id: string;
  version: number;
  ownerId: string;
}

let t: TestApp;
let p: CrmPeople;
let leaver: { id: string; token: string };
const nobody = '00000000-0000-4000-8000-00000000dead';
const NOT_ACTIVE = 'https://moms.dev/problems/not-an-active-user';

beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
  // A member of the manager's team who then leaves the company.
  leaver = await t.userWithRoles(['sales-rep', 'employee']);
  const teams = await t.request<{ items: { id: string; version: number; members: unknown[] }[] }>(
    'GET',
    `${CRM}/teams`,
    { token: p.admin.token },
  );
  const team = teams.body.items[0]!;
  const joined = await t.request('PATCH', `${CRM}/teams/${team.id}`, {
    token: p.admin.token,
    body: { version: team.version, members: [...team.members, { userId: leaver.id, isManager: false }] },
  });
  expect(joined.status).toBe(200);
  const user = await t.request<{ version: number }>('GET', `/api/v1/auth/users/${leaver.id}`, { token: p.admin.token });
  const off = await t.request('POST', `/api/v1/auth/users/${leaver.id}/deactivate`, {
    token: p.admin.token,
    body: { version: user.body.version },
  });
  expect(off.status).toBe(200);
});
afterAll(() => t.close());

const send = (method: string, path: string, body: unknown, token = p.admin.token) =>
  t.request<Owned & Problem>(method, `${CRM}/${path}`, { token, body });

const bodies: [path: string, body: object][] = [
  ['organizations', { name: 'Owned Org' }],
  ['contacts', { firstName: 'Owned', lastName: 'Contact' }],
  ['leads', { name: 'Owned Lead' }],
  ['opportunities', { name: 'Owned Deal', currency: 'EUR' }],
];

describe('owners are active MOMS users', () => {
  it.each(bodies)('%s: create with an unknown or inactive owner is a 422 on ownerId', async (path, body) => {
    for (const ownerId of [nobody, leaver.id]) {
      const res = await send('POST', path, { ...body, ownerId });
      expect(res.status, `${path} ${ownerId}`).toBe(422);
      expect(res.body.type).toBe(NOT_ACTIVE);
      expect(res.body.errors).toEqual([
        { path: 'ownerId', message: 'Not an active user.', code: 'not_an_active_user' },
      ]);
    }
    const ok = await send('POST', path, { ...body, ownerId: p.repB.id });
    expect(ok.status).toBe(201);
    expect(ok.body.ownerId).toBe(p.repB.id);
    const changed = await send('PATCH', `${path}/${ok.body.id}`, { version: ok.body.version, ownerId: nobody });
    expect(changed.status).toBe(422);
    expect(changed.body.errors[0]!.path).toBe('ownerId');
  });

  it('a manager cannot give records to a team member who left; keeping a record’s owner is fine', async () => {
    const res = await send(
      'POST',
      'contacts',
      { firstName: 'Left', lastName: 'Behind', ownerId: leaver.id },
      p.manager.token,
    );
    expect(res.status).toBe(422);
    expect(res.body.type).toBe(NOT_ACTIVE);
    const stranger = await send(
      'POST',
      'contacts',
      { firstName: 'Not', lastName: 'Mine', ownerId: p.repB.id },
      p.manager.token,
    );
    expect(stranger.body.type).toBe('https://moms.dev/problems/owner-not-assignable');
    // A record the leaver owned before leaving can still be edited without changing its owner.
    const org = await send('POST', 'organizations', { name: 'Legacy Org', ownerId: p.repA.id });
    const { db } = t;
    await db.updateTable('crm.organizations').set({ owner_id: leaver.id }).where('id', '=', org.body.id).execute();
    const edit = await send('PATCH', `organizations/${org.body.id}`, {
      version: org.body.version,
      ownerId: leaver.id,
      industry: 'Archive',
    });
    expect(edit.status).toBe(200);
  });

  it('lead conversion and team membership check their users too', async () => {
    const lead = await send('POST', 'leads', { name: 'Convert Me', company: 'Convertible', status: 'qualified' });
    const conv = await send('POST', `leads/${lead.body.id}/convert`, {
      version: lead.body.version,
      organization: { ownerId: nobody },
    });
    expect(conv.status).toBe(422);
    expect(conv.body.errors[0]!.path).toBe('organization.ownerId');
    const team = await send('POST', 'teams', {
      name: 'Ghosts',
      members: [
        { userId: p.repA.id, isManager: true },
        { userId: nobody, isManager: false },
        { userId: leaver.id, isManager: false },
      ],
    });
    expect(team.status).toBe(422);
    expect(team.body.errors.map((e) => e.path)).toEqual(['members.1.userId', 'members.2.userId']);
  });

  it('the built-in employee role reads CRM but does not sell: no writes (issue #25, item 13)', async () => {
    const plain = await t.userWithRoles(['employee']);
    const list = await t.request('GET', `${CRM}/organizations`, { token: plain.token });
    expect(list.status).toBe(200);
    const create = await t.request('POST', `${CRM}/organizations`, { token: plain.token, body: { name: 'Not mine' } });
    expect(create.status).toBe(403);
    const rep = await t.userWithRoles(['sales-rep', 'employee']);
    const sold = await t.request('POST', `${CRM}/organizations`, { token: rep.token, body: { name: 'Mine' } });
    expect(sold.status).toBe(201);
  });
});

describe('owner names', () => {
  it('answers ownerName on organizations and contacts, and who acted on timelines and stage history', async () => {
    const org = await t.request<Owned & { ownerName: string }>('POST', `${CRM}/organizations`, {
      token: p.repA.token,
      body: { name: 'Names Ltd' },
    });
    expect(org.body.ownerName).toBe(p.repA.name);
    const contact = await t.request<Owned & { ownerName: string }>('POST', `${CRM}/contacts`, {
      token: p.manager.token,
      body: { firstName: 'Nora', lastName: 'Names', organizationId: org.body.id, ownerId: p.repA.id },
    });
    expect(contact.body.ownerName).toBe(p.repA.name);
    const list = await t.request<{ items: { ownerName: string }[] }>('GET', `${CRM}/contacts?q=nora%20names`, {
      token: p.manager.token,
    });
    expect(list.body.items.map((c) => c.ownerName)).toEqual([p.repA.name]);
    const orgs = await t.request<{ items: { ownerName: string }[] }>('GET', `${CRM}/organizations?q=names%20ltd`, {
      token: p.admin.token,
    });
    expect(orgs.body.items.map((o) => o.ownerName)).toEqual([p.repA.name]);
    const timeline = await t.request<{ items: { actorId: string; actorName: string | null }[] }>(
      'GET',
      `${CRM}/contacts/${contact.body.id}/timeline`,
      { token: p.repA.token },
    );
    expect(timeline.body.items.map((i) => [i.actorId, i.actorName])).toEqual([[p.manager.id, p.manager.name]]);
    const opp = await t.request<Owned>('POST', `${CRM}/opportunities`, {
      token: p.repA.token,
      body: { name: 'Names deal', currency: 'EUR' },
    });
    const history = await t.request<{ items: { changedByName: string | null }[] }>(
      'GET',
      `${CRM}/opportunities/${opp.body.id}/stage-history`,
      { token: p.repA.token },
    );
    expect(history.body.items.map((h) => h.changedByName)).toEqual([p.repA.name]);
  });
});
