import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, entry, type AccountRef } from '../test/finance-helpers.js';

/** Issue #21, defect 5: after a year end nothing on or before it changes, and years close in order. */

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
const F = '/api/v1/finance';

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
  accounts = await chart(t, token);
});
afterAll(() => t.close());

const id = (code: string) => accounts[code]!.id;
const post = (date: string, extra: Record<string, unknown> = { post: true }) =>
  t.request<{ id: string; version: number; type?: string; detail?: string }>('POST', `${F}/journal-entries`, {
    token,
    body: {
      ...entry(date, [
        { accountId: id('1200'), debit: '10.00' },
        { accountId: id('4900'), credit: '10.00' },
      ]),
      ...extra,
    },
  });
const years = () =>
  t.request<{ closedThrough: string | null; items: { year: number; status: string }[] }>('GET', `${F}/fiscal-years`, {
    token,
  });

describe('closed years', () => {
  it('years close in order: 2026 cannot close while 2025 is open (422)', async () => {
    expect((await post('2025-03-01')).status).toBe(201);
    expect((await post('2026-03-01')).status).toBe(201);
    const res = await t.request<{ type: string; detail: string }>('POST', `${F}/fiscal-years/2026/close`, { token });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://moms.dev/problems/earlier-year-open');
    expect(res.body.detail).toContain('2025');
    expect((await years()).body.items.find((y) => y.year === 2026)!.status).toBe('open');
  });

  it('after closing 2025 nothing dated on or before 2025-12-31 can be posted, and no earlier year opens', async () => {
    const draft = await post('2024-05-05', { post: false });
    expect(draft.status).toBe(201);
    const closed = await t.request('POST', `${F}/fiscal-years/2025/close`, { token });
    // The draft is in 2024, not 2025: the close goes through.
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await years()).body.closedThrough).toBe('2025-12-31');
    const settings = await t.request<{ closedThrough: string | null }>('GET', `${F}/settings`, { token });
    expect(settings.body.closedThrough).toBe('2025-12-31');

    for (const date of ['2001-06-30', '2024-12-31', '2025-12-31']) {
      const res = await post(date);
      expect(res.status, date).toBe(422);
      expect(res.body.type).toBe('https://moms.dev/problems/period-closed');
    }
    expect((await years()).body.items.map((y) => y.year)).not.toContain(2001);
    const opened = await t.request<{ type: string }>('POST', `${F}/fiscal-years/2001/open`, { token });
    expect(opened.status).toBe(422);
    expect(opened.body.type).toBe('https://moms.dev/problems/period-closed');
    // The 2024 draft cannot be posted either.
    const posted = await t.request<{ type: string }>('POST', `${F}/journal-entries/${draft.body.id}/post`, { token });
    expect(posted.status).toBe(422);
    expect(posted.body.type).toBe('https://moms.dev/problems/period-closed');
    // The day after is open.
    expect((await post('2026-01-01')).status).toBe(201);
  });

  it('a year with no activity cannot be skipped either', async () => {
    expect((await t.request('POST', `${F}/fiscal-years/2027/open`, { token })).status).toBe(204);
    const res = await t.request<{ type: string }>('POST', `${F}/fiscal-years/2027/close`, { token });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://moms.dev/problems/earlier-year-open');
  });
});
