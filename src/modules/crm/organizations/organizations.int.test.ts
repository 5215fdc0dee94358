import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from '../crm.test-support.js';

interface Org {
  id: string;
  name: string;
  domain: string | null;
  ownerId: string;
  version: number;
  tags: string[];
  parentId: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

let t: TestApp;
let p: CrmPeople;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
});
afterAll(() => t.close());

const post = (body: unknown, token: string, query = '') =>
  t.request<Org & { existingId?: string; errors?: { path: string }[] }>('POST', `${CRM}/organizations${query}`, {
    token,
    body,
  });

describe('organizations', () => {
  it('creates, reads, updates with a version and deletes, writing the audit log', async () => {
    const created = await post(
      {
        name: 'Acme Ltd',
        domain: 'https://www.ACME.example/about',
        tags: ['b2b', 'b2b'],
        size: '11-50',
        address: { city: 'Leeds' },
      },
      p.repA.token,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ domain: 'acme.example', ownerId: p.repA.id, tags: ['b2b'], version: 1 });
    const id = created.body.id;

    const stale = await t.request('PATCH', `${CRM}/organizations/${id}`, {
      token: p.repA.token,
      body: { version: 2, name: 'Acme' },
    });
    expect(stale.status).toBe(409);
    const updated = await t.request<Org>('PATCH', `${CRM}/organizations/${id}`, {
      token: p.repA.token,
      body: { version: 1, name: 'Acme Group', industry: 'Manufacturing' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Acme Group', version: 2 });

    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['organization.created', 'organization.updated']);

    const del = await t.request('DELETE', `${CRM}/organizations/${id}?version=2`, { token: p.repA.token });
    expect(del.status).toBe(204);
    expect((await t.request('GET', `${CRM}/organizations/${id}`, { token: p.repA.token })).status).toBe(404);
  });

  it('rejects bad input with per-field errors', async () => {
    const res = await post({ name: '', domain: 'not a domain', size: 'huge', extra: 1 }, p.repA.token);
    expect(res.status).toBe(422);
    expect(res.body.errors?.map((e) => e.path).sort()).toEqual(['domain', 'extra', 'name', 'size']);
    const noAuth = await t.request('GET', `${CRM}/organizations`);
    expect(noAuth.status).toBe(401);
    const badId = await t.request('GET', `${CRM}/organizations/nope`, { token: p.repA.token });
    expect(badId.status).toBe(422);
  });

  it('detects a duplicate domain: 409 with the existing id unless allowDuplicate=true', async () => {
    const first = await post({ name: 'Globex', domain: 'globex.example' }, p.repA.token);
    const dup = await post({ name: 'Globex Corp', domain: 'GLOBEX.example' }, p.repB.token);
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      type: 'https://moms.dev/problems/duplicate-organization',
      existingId: first.body.id,
    });
    const forced = await post({ name: 'Globex Corp', domain: 'globex.example' }, p.repB.token, '?allowDuplicate=true');
    expect(forced.status).toBe(201);
  });

  it('refuses a parent cycle', async () => {
    const a = await post({ name: 'Parent Co' }, p.repA.token);
    const b = await post({ name: 'Child Co', parentId: a.body.id }, p.repA.token);
    expect(b.body.parentId).toBe(a.body.id);
    const cycle = await t.request('PATCH', `${CRM}/organizations/${a.body.id}`, {
      token: p.repA.token,
      body: { version: 1, parentId: b.body.id },
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body).toMatchObject({ type: 'https://moms.dev/problems/organization-cycle' });
  });

  it('lists with search, filters, sorting and cursor pagination', async () => {
    for (const n of ['Zeta Page', 'Alpha Page', 'Mu Page']) await post({ name: n, tags: ['paging'] }, p.repA.token);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${CRM}/organizations?q=page&tag=paging&limit=2&sort=-name${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.request<Page<Org>>('GET', url, { token: p.repA.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((o) => o.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Zeta Page', 'Mu Page', 'Alpha Page']);
    expect((await t.request('GET', `${CRM}/organizations?sort=owner`, { token: p.repA.token })).status).toBe(422);
  });
});

describe('visibility', () => {
  it('a rep sees only their own; their manager sees the team; an admin sees all', async () => {
    const a = await post({ name: 'Visible A' }, p.repA.token);
    const b = await post({ name: 'Visible B' }, p.repB.token);
    const names = async (token: string) =>
      (await t.request<Page<Org>>('GET', `${CRM}/organizations?q=Visible&limit=200`, { token })).body.items
        .map((o) => o.name)
        .sort();

    expect(await names(p.repA.token)).toEqual(['Visible A']);
    expect(await names(p.repB.token)).toEqual(['Visible B']);
    expect(await names(p.manager.token)).toEqual(['Visible A']);
    expect(await names(p.admin.token)).toEqual(['Visible A', 'Visible B']);

    expect((await t.request('GET', `${CRM}/organizations/${b.body.id}`, { token: p.repA.token })).status).toBe(404);
    const edit = await t.request('PATCH', `${CRM}/organizations/${b.body.id}`, {
      token: p.repA.token,
      body: { version: 1, name: 'Hijacked' },
    });
    expect(edit.status).toBe(404);
    const managerEdit = await t.request<Org>('PATCH', `${CRM}/organizations/${a.body.id}`, {
      token: p.manager.token,
      body: { version: 1, tags: ['reviewed'] },
    });
    expect(managerEdit.status).toBe(200);
    expect((await t.request('GET', `${CRM}/organizations/${b.body.id}`, { token: p.manager.token })).status).toBe(404);
  });

  it('a rep cannot give records to someone else; a manager can give them to the team', async () => {
    const res = await post({ name: 'Gift', ownerId: p.repB.id }, p.repA.token);
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.path).toBe('ownerId');
    const ok = await post({ name: 'Assigned', ownerId: p.repA.id }, p.manager.token);
    expect(ok.status).toBe(201);
    expect((await t.request('GET', `${CRM}/organizations/${ok.body.id}`, { token: p.repA.token })).status).toBe(200);
  });

  it('only crm:admin manages teams', async () => {
    const res = await t.request('POST', `${CRM}/teams`, { token: p.repA.token, body: { name: 'Rogue' } });
    expect(res.status).toBe(403);
  });
});
