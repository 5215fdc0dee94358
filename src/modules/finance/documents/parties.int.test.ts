import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty, issued, line } from './test-support.js';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant'])).token;
});
afterAll(() => t.close());

interface PartyBody {
  id: string;
  name: string;
  kind: string;
  version: number;
  active: boolean;
  paymentTermsDays: number;
}

describe('parties', () => {
  it('creates, reads, updates with its version, and refuses a stale version', async () => {
    const created = await t.request<PartyBody>('POST', `${F}/parties`, {
      token,
      body: {
        kind: 'customer',
        name: 'Globex',
        email: 'ap@globex.example',
        taxId: 'DE123',
        currency: 'EUR',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ paymentTermsDays: 30, active: true, version: 1 });
    const url = `${F}/parties/${created.body.id}`;
    const updated = await t.request<PartyBody>('PATCH', url, {
      token,
      body: { name: 'Globex Corp', paymentTermsDays: 45, version: 1 },
    });
    expect(updated.body).toMatchObject({ name: 'Globex Corp', paymentTermsDays: 45, version: 2 });
    const stale = await t.request('PATCH', url, { token, body: { name: 'X', version: 1 } });
    expect(stale.status).toBe(409);
    expect((await t.request<PartyBody>('GET', url, { token })).body.name).toBe('Globex Corp');
  });

  it('lists with kind, q, sort and cursor', async () => {
    for (const [kind, name] of [
      ['vendor', 'Aardvark Supplies'],
      ['both', 'Beta Trading'],
      ['customer', 'Cyan Retail'],
    ])
      await createParty(t, token, { kind, name });
    const vendors = await t.request<{ items: PartyBody[] }>('GET', `${F}/parties?kind=vendor`, { token });
    expect(vendors.body.items.map((p) => p.name)).toEqual(['Aardvark Supplies', 'Beta Trading']);
    const page1 = await t.request<{ items: PartyBody[]; nextCursor: string }>('GET', `${F}/parties?limit=2`, {
      token,
    });
    const page2 = await t.request<{ items: PartyBody[] }>(
      'GET',
      `${F}/parties?limit=2&cursor=${page1.body.nextCursor}`,
      {
        token,
      },
    );
    expect([...page1.body.items, ...page2.body.items].map((p) => p.name)).toEqual([
      'Aardvark Supplies',
      'Beta Trading',
      'Cyan Retail',
      'Globex Corp',
    ]);
    const q = await t.request<{ items: PartyBody[] }>('GET', `${F}/parties?q=retail`, { token });
    expect(q.body.items.map((p) => p.name)).toEqual(['Cyan Retail']);
  });

  it('refuses bad input, deletes unused parties, and keeps used ones (deactivate instead)', async () => {
    const bad = await t.request('POST', `${F}/parties`, {
      token,
      body: { kind: 'friend', name: '', email: 'nope', paymentTermsDays: -1 },
    });
    expect(bad.status).toBe(422);
    expect((bad.body as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual([
      'email',
      'kind',
      'name',
      'paymentTermsDays',
    ]);
    const unused = await createParty(t, token, { kind: 'vendor', name: 'Temp' });
    expect((await t.request('DELETE', `${F}/parties/${unused.id}`, { token })).status).toBe(204);
    const used = await createParty(t, token, { kind: 'customer', name: 'Used' });
    await issued(t, token, 'invoices', { partyId: used.id, date: '2026-02-01', lines: [line('1', '1.00')] });
    expect((await t.request('DELETE', `${F}/parties/${used.id}`, { token })).status).toBe(409);
    const off = await t.request<PartyBody>('PATCH', `${F}/parties/${used.id}`, {
      token,
      body: { active: false, version: used.version },
    });
    expect(off.body.active).toBe(false);
    const refused = await t.request('POST', `${F}/invoices`, {
      token,
      body: { partyId: used.id, date: '2026-02-02', lines: [line('1', '1.00')] },
    });
    expect(refused.body).toMatchObject({ type: 'https://moms.dev/problems/inactive-party' });
    const employee = (await t.userWithRoles(['employee'])).token;
    expect((await t.request('GET', `${F}/parties`, { token: employee })).status).toBe(403);
  });
});
