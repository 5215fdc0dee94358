import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';

/**
 * The three input gaps that reached PostgreSQL and came back as 500s (issue #24): text it cannot store,
 * dates outside its range or any business meaning, and crafted page cursors. Each is refused at the
 * edge with a 4xx problem that says what is wrong. (test/fuzz/openapi-fuzz.int.test.ts keeps the whole
 * API honest; these pin the three decisions down.)
 */

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['admin'])).token;
});
afterAll(() => t.close());

const PROBLEM = 'application/problem+json';
const CRM = '/api/v1/crm';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function organizationCount() {
  const row = await t.db
    .selectFrom('crm.organizations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('text PostgreSQL cannot store is refused with a 422 naming the field', () => {
  it('NUL in a body field, nested or in a list, writes nothing', async () => {
    const before = await organizationCount();
    for (const [body, path] of [
      [{ name: 'a\u0000b' }, 'name'],
      [{ name: 'Nested', address: { city: 'Par\u0000is' } }, 'address.city'],
      [{ name: 'Tags', tags: ['ok', 'b\u0000d'] }, 'tags.1'],
    ] as const) {
      const res = await t.request('POST', `${CRM}/organizations`, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toBe(PROBLEM);
      expect(res.body.errors).toEqual([
        { path, message: 'Text may not contain the NUL character (U+0000).', code: 'invalid_text' },
      ]);
    }
    expect(await organizationCount()).toBe(before);
  });

  it('NUL in a search or a filter of the query string', async () => {
    const search = await t.request('GET', `${CRM}/contacts?q=a%00b`, { token });
    expect(search.status).toBe(422);
    expect(search.body.errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'invalid_text' })]);
    const filter = await t.request('GET', `${CRM}/organizations?industry=x%00`, { token });
    expect(filter.status).toBe(422);
    expect(filter.body.errors).toEqual([expect.objectContaining({ path: 'query.industry' })]);
  });

  it('an unpaired UTF-16 surrogate is refused instead of turned into U+FFFD; a real pair is kept', async () => {
    const lone = await t.request('POST', `${CRM}/organizations`, {
      token,
      rawBody: '{"name":"Caf\\ud83d"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(lone.status).toBe(422);
    expect(lone.body.errors).toEqual([
      expect.objectContaining({ path: 'name', code: 'invalid_text', message: expect.stringContaining('surrogate') }),
    ]);
    const pair = await t.request('POST', `${CRM}/organizations`, { token, body: { name: 'Café 🚀 \u0007 bell' } });
    expect(pair.status).toBe(201);
    expect(pair.body.name).toBe('Café 🚀 \u0007 bell');
  });
});

describe('dates are real and between 1900-01-01 and 9999-12-31', () => {
  it('a report date out of range or that does not exist is a 422, the bounds are accepted', async () => {
    for (const [date, message] of [
      ['0000-01-01', 'A date between 1900-01-01 and 9999-12-31.'],
      ['1899-12-31', 'A date between 1900-01-01 and 9999-12-31.'],
      ['99999-01-01', 'A date as YYYY-MM-DD.'],
      ['2026-02-30', 'A date as YYYY-MM-DD.'],
    ]) {
      const res = await t.request('GET', `/api/v1/finance/reports/trial-balance?date=${date}`, { token });
      expect(res.status, date).toBe(422);
      expect(res.headers.get('content-type')).toBe(PROBLEM);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'query.date', message })]);
    }
    for (const date of ['1900-01-01', '9999-12-31']) {
      expect((await t.request('GET', `/api/v1/finance/reports/trial-balance?date=${date}`, { token })).status).toBe(
        200,
      );
    }
  });

  it('so do months (a budget report from year 0 was a 500)', async () => {
    const res = await t.request('GET', '/api/v1/finance/reports/budget-vs-actual?from=0000-01&to=2026-12', { token });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'query.from', message: 'A month between 1900-01 and 9999-12.' }),
    ]);
  });

  it('a timestamp in a body follows the same range', async () => {
    const org = await t.request<{ id: string }>('POST', `${CRM}/organizations`, { token, body: { name: 'Dated' } });
    const activity = (dueAt: string) =>
      t.request('POST', `${CRM}/activities`, {
        token,
        body: { type: 'task', subject: 'Call back', dueAt, organizationId: org.body.id },
      });
    const year0 = await activity('0000-01-01T00:00:00Z');
    expect(year0.status).toBe(422);
    expect(year0.body.errors).toEqual([
      expect.objectContaining({ path: 'dueAt', message: 'A date between 1900-01-01 and 9999-12-31.' }),
    ]);
    expect((await activity('2026-12-01T09:30:00+01:00')).status).toBe(201);
  });
});

describe('page cursors are signed: only the ones the server made are accepted', () => {
  const expectBadCursor = (res: { status: number; headers: Headers; body: Record<string, unknown> }) => {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(res.body.detail).toMatch(/cursor/);
  };

  it('a crafted cursor whose value does not fit the sort column is a 400, not a 500', async () => {
    const crafted = b64({ s: '-date', v: 'garbage', id: '2b7e1c0e-5d7a-4c1e-9a4e-0d6b8f1a2c3d' });
    expectBadCursor(await t.request('GET', `/api/v1/finance/invoices?sort=-date&cursor=${crafted}`, { token }));
    const nul = b64({ s: 'name', v: 'a\u0000b', id: '2b7e1c0e-5d7a-4c1e-9a4e-0d6b8f1a2c3d' });
    expectBadCursor(await t.request('GET', `${CRM}/organizations?sort=name&cursor=${nul}`, { token }));
  });

  it('a real cursor pages; altered, or used on another list, it is refused', async () => {
    for (const name of ['Cursor A', 'Cursor B', 'Cursor C'])
      await t.request('POST', `${CRM}/organizations`, { token, body: { name } });
    const url = `${CRM}/organizations?q=cursor&sort=name&limit=1`;
    const first = await t.request<{ items: { name: string }[]; nextCursor: string }>('GET', url, { token });
    const second = await t.request<{ items: { name: string }[] }>('GET', `${url}&cursor=${first.body.nextCursor}`, {
      token,
    });
    expect(second.status).toBe(200);
    expect(second.body.items.map((o) => o.name)).toEqual(['Cursor B']);

    const [payload, tag] = first.body.nextCursor.split('.');
    const contents = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const altered = `${b64({ ...contents, v: 'Cursor A\u0000' })}.${tag}`;
    expectBadCursor(await t.request('GET', `${url}&cursor=${altered}`, { token }));

    const users = await t.request('GET', `/api/v1/auth/users?sort=name&cursor=${first.body.nextCursor}`, { token });
    expectBadCursor(users);
    expect(users.body.detail).toBe('The cursor belongs to a different list; start again without it.');
  });

  it("the timeline's and the general ledger's own cursors are signed as well", async () => {
    const org = await t.request<{ id: string }>('POST', `${CRM}/organizations`, { token, body: { name: 'Timeline' } });
    const year0 = b64({ t: '0000-01-01T00:00:00.000000Z', r: 1, id: org.body.id });
    expectBadCursor(await t.request('GET', `${CRM}/organizations/${org.body.id}/timeline?cursor=${year0}`, { token }));

    const accounts = await t.request<{ items: { id: string }[] }>('GET', '/api/v1/finance/accounts', { token });
    const account = accounts.body.items[0]!.id;
    const month13 = b64({ d: '2026-13-45', id: '1' });
    const gl = `/api/v1/finance/reports/general-ledger?accountId=${account}&from=2026-01-01&to=2026-12-31`;
    expectBadCursor(await t.request('GET', `${gl}&cursor=${month13}`, { token }));
  });
});
