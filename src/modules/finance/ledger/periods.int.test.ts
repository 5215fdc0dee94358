import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, entry, trialBalance, type AccountRef } from '../test/finance-helpers.js';

let t: TestApp;
let accountant: { id: string; token: string };
let accounts: Record<string, AccountRef>;
const JE = '/api/v1/finance/journal-entries';

beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  accountant = await t.userWithRoles(['accountant', 'finance-admin']);
  accounts = await chart(t, accountant.token);
});
afterAll(() => t.close());

const id = (code: string) => accounts[code]!.id;
const post = (body: unknown, token = accountant.token) =>
  t.request<{ id: string; number: string | null; status: string; lines: { baseDebit: string; baseCredit: string }[] }>(
    'POST',
    JE,
    { token, body: { ...(body as object), post: true } },
  );

describe('periods and numbering', () => {
  it('refuses posting into a closed period, and accepts it again when reopened', async () => {
    expect(
      (await t.request('POST', '/api/v1/finance/fiscal-years/2026/open', { token: accountant.token })).status,
    ).toBe(204);
    const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
      'GET',
      '/api/v1/finance/fiscal-years',
      { token: accountant.token },
    );
    const july = years.body.items.find((y) => y.year === 2026)!.periods.find((p) => p.period === 7)!;
    expect(
      (await t.request('POST', `/api/v1/finance/periods/${july.id}/close`, { token: accountant.token })).status,
    ).toBe(200);
    const refused = await post(
      entry('2026-07-15', [
        { accountId: id('1100'), debit: '1.00' },
        { accountId: id('3100'), credit: '1.00' },
      ]),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'https://moms.dev/problems/period-closed' });
    expect(
      (await t.request('POST', `/api/v1/finance/periods/${july.id}/reopen`, { token: accountant.token })).status,
    ).toBe(200);
    expect(
      (
        await post(
          entry('2026-07-15', [
            { accountId: id('1100'), debit: '1.00' },
            { accountId: id('3100'), credit: '1.00' },
          ]),
        )
      ).status,
    ).toBe(201);
  });

  it('20 concurrent postings get 20 distinct, consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(
          entry('2027-02-10', [
            { accountId: id('1100'), debit: `${i + 1}.00` },
            { accountId: id('3100'), credit: `${i + 1}.00` },
          ]),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => Number(r.body.number!.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('closing a year moves its result to retained earnings and closes the year', async () => {
    await post(
      entry('2025-03-01', [
        { accountId: id('1200'), debit: '1000.00' },
        { accountId: id('4200'), credit: '1000.00' },
      ]),
    );
    await post(
      entry('2025-04-01', [
        { accountId: id('6600'), debit: '300.00' },
        { accountId: id('1200'), credit: '300.00' },
      ]),
    );
    const closed = await t.request<{ result: string; closingEntryId: string }>(
      'POST',
      '/api/v1/finance/fiscal-years/2025/close',
      { token: accountant.token },
    );
    expect(closed.status).toBe(200);
    expect(closed.body.result).toBe('700.00');
    const tb = await trialBalance(t, accountant.token, '2025-12-31');
    expect(tb.balanced).toBe(true);
    const bal = (code: string) => tb.rows.find((r) => r.code === code)?.balance;
    expect(bal('4200')).toBe('0.00');
    expect(bal('6600')).toBe('0.00');
    expect(bal('3200')).toBe('-700.00');
    const late = await post(
      entry('2025-06-01', [
        { accountId: id('1100'), debit: '1.00' },
        { accountId: id('3100'), credit: '1.00' },
      ]),
    );
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ type: 'https://moms.dev/problems/period-closed' });
  });

  it('the trial balance downloads as CSV', async () => {
    const res = await t.request('GET', '/api/v1/finance/reports/trial-balance?date=2026-12-31&format=csv', {
      token: accountant.token,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = res.body as unknown as string;
    expect(text.split('\r\n')[0]).toBe('code,name,type,debit,credit,balance');
    expect(text).toContain('1200,Bank,asset,');
  });
});
