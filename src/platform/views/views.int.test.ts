import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';

const V = '/api/v1/views';
type View = { id: string; list: string; name: string; query: Record<string, string> };

let t: TestApp;
let ann: { id: string; token: string };
let bob: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  ann = await t.userWithRoles(['employee']);
  bob = await t.userWithRoles(['employee']);
});
afterAll(() => t.close());

const list = async (token: string, key: string) => {
  const res = await t.request<{ items: View[] }>('GET', `${V}?list=${key}`, { token });
  expect(res.status).toBe(200);
  return res.body.items;
};

describe('saved views', () => {
  it('saves, lists (own only, per list) and deletes a view', async () => {
    const saved = await t.request<View>('POST', V, {
      token: ann.token,
      body: { list: 'crm.organizations', name: 'Retail', query: { industry: 'Retail', sort: '-createdAt' } },
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'Retail', query: { industry: 'Retail', sort: '-createdAt' } });
    expect((await list(ann.token, 'crm.organizations')).map((v) => v.name)).toEqual(['Retail']);
    expect(await list(ann.token, 'crm.contacts')).toEqual([]);
    expect(await list(bob.token, 'crm.organizations')).toEqual([]);

    // The same name (any case) again: 409; bob may use it.
    const again = await t.request('POST', V, {
      token: ann.token,
      body: { list: 'crm.organizations', name: 'retail', query: {} },
    });
    expect(again.status).toBe(409);
    const bobs = await t.request('POST', V, {
      token: bob.token,
      body: { list: 'crm.organizations', name: 'Retail', query: {} },
    });
    expect(bobs.status).toBe(201);

    // Someone else's view is a 404 and stays.
    expect((await t.request('DELETE', `${V}/${saved.body.id}`, { token: bob.token })).status).toBe(404);
    expect((await t.request('DELETE', `${V}/${saved.body.id}`, { token: ann.token })).status).toBe(204);
    expect(await list(ann.token, 'crm.organizations')).toEqual([]);
    expect((await t.request('DELETE', `${V}/${saved.body.id}`, { token: ann.token })).status).toBe(404);
  });

  it('refuses a query that is not a small flat string map, a bad list key, or no sign-in', async () => {
    const bad = [
      { list: 'crm.organizations', name: 'Nested', query: { a: { b: 'c' } } },
      { list: 'crm.organizations', name: 'Number', query: { limit: 5 } },
      { list: 'crm.organizations', name: 'Long', query: { q: 'x'.repeat(501) } },
      {
        list: 'crm.organizations',
        name: 'Many',
        query: Object.fromEntries([...Array(31).keys()].map((i) => [`p${i}`, 'v'])),
      },
      { list: 'Organizations', name: 'Key', query: {} },
      { list: 'crm.organizations', name: '', query: {} },
    ];
    for (const body of bad) {
      const res = await t.request('POST', V, { token: ann.token, body });
      expect(res.status, body.name).toBe(422);
    }
    expect((await t.request('GET', `${V}?list=crm.organizations`)).status).toBe(401);
    expect((await t.request('GET', V, { token: ann.token })).status).toBe(422);
  });
});
