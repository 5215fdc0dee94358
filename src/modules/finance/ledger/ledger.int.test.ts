import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, countRows, entry, trialBalance, type AccountRef } from '../test/finance-helpers.js';

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

describe('the chart of accounts', () => {
  it('is created on first use with groups, types and system roles', () => {
    expect(Object.keys(accounts)).toEqual(
      expect.arrayContaining(['1000', '1200', '1300', '2100', '3200', '4100', '6100']),
    );
  });

  it('refuses a duplicate code, a parent of another type, and deleting an account with postings', async () => {
    const dup = await t.request('POST', '/api/v1/finance/accounts', {
      token: accountant.token,
      body: { code: '1200', name: 'Another bank', type: 'asset' },
    });
    expect(dup.status).toBe(409);
    const wrongParent = await t.request('POST', '/api/v1/finance/accounts', {
      token: accountant.token,
      body: { code: '1210', name: 'Bank 2', type: 'asset', parentId: id('2000') },
    });
    expect(wrongParent.status).toBe(422);
    expect(wrongParent.body).toMatchObject({ type: 'https://moms.dev/problems/invalid-parent' });

    const created = await t.request<{ id: string; version: number }>('POST', '/api/v1/finance/accounts', {
      token: accountant.token,
      body: { code: '1210', name: 'Savings', type: 'asset', parentId: id('1000') },
    });
    expect(created.status).toBe(201);
    expect(
      (
        await post(
          entry('2026-03-01', [
            { accountId: created.body.id, debit: '10.00' },
            { accountId: id('3100'), credit: '10.00' },
          ]),
        )
      ).status,
    ).toBe(201);
    const del = await t.request('DELETE', `/api/v1/finance/accounts/${created.body.id}`, { token: accountant.token });
    expect(del.status).toBe(409);
    expect(del.body).toMatchObject({ type: 'https://moms.dev/problems/account-in-use' });
    const off = await t.request<{ active: boolean }>('POST', `/api/v1/finance/accounts/${created.body.id}/deactivate`, {
      token: accountant.token,
      body: { version: created.body.version },
    });
    expect(off.body.active).toBe(false);
    const onInactive = await post(
      entry('2026-03-02', [
        { accountId: created.body.id, debit: '1.00' },
        { accountId: id('3100'), credit: '1.00' },
      ]),
    );
    expect(onInactive.status).toBe(422);
    expect(onInactive.body).toMatchObject({ type: 'https://moms.dev/problems/inactive-account' });
  });
});

describe('journal entries', () => {
  it('posts a balanced entry, numbered, and the trial balance shows it', async () => {
    const before = await trialBalance(t, accountant.token);
    const res = await post(
      entry('2026-04-10', [
        { accountId: id('1200'), debit: '1500.00' },
        { accountId: id('4100'), credit: '1250.00' },
        { accountId: id('2200'), credit: '250.00' },
      ]),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'posted', number: expect.stringMatching(/^JE-2026-\d{6}$/) });
    const after = await trialBalance(t, accountant.token);
    expect(after.balanced).toBe(true);
    const balance = (tb: typeof after, code: string) => Number(tb.rows.find((r) => r.code === code)?.balance ?? 0);
    expect(balance(after, '1200') - balance(before, '1200')).toBe(1500);
    expect(balance(after, '4100') - balance(before, '4100')).toBe(-1250);
  });

  it.each([
    ['unbalanced', [{ debit: '100.00' }, { credit: '99.99' }], 'unbalanced-entry'],
    ['float-like garbage', [{ debit: '1e309' }, { credit: '1e309' }], 'validation-failed'],
    ['a JSON number', [{ debit: 100 }, { credit: 100 }], 'validation-failed'],
    ['a negative amount', [{ debit: '-5.00' }, { credit: '-5.00' }], 'validation-failed'],
    ['both sides on a line', [{ debit: '5.00', credit: '5.00' }, { credit: '0' }], 'validation-failed'],
    ['too many decimals', [{ debit: '5.001' }, { credit: '5.001' }], 'validation-failed'],
  ])('refuses %s with 422 and writes nothing', async (_name, sides, type) => {
    const [entries, lines] = [
      await countRows(t, 'finance.journal_entries'),
      await countRows(t, 'finance.journal_lines'),
    ];
    const res = await post(
      entry('2026-04-11', [
        { accountId: id('1200'), ...(sides[0] as object) },
        { accountId: id('4100'), ...(sides[1] as object) },
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: `https://moms.dev/problems/${type}` });
    expect(await countRows(t, 'finance.journal_entries')).toBe(entries);
    expect(await countRows(t, 'finance.journal_lines')).toBe(lines);
  });

  it('refuses an unknown account, a group account and a foreign currency without a rate', async () => {
    const unknown = await post(
      entry('2026-04-12', [
        { accountId: '00000000-0000-4000-8000-000000000000', debit: '1.00' },
        { accountId: id('4100'), credit: '1.00' },
      ]),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      type: 'https://moms.dev/problems/unknown-account',
      errors: [{ path: 'lines.0.accountId' }],
    });
    const group = await post(
      entry('2026-04-12', [
        { accountId: id('1000'), debit: '1.00' },
        { accountId: id('4100'), credit: '1.00' },
      ]),
    );
    expect(group.body).toMatchObject({ type: 'https://moms.dev/problems/group-account' });
    const noRate = await post(
      entry(
        '2026-04-12',
        [
          { accountId: id('1200'), debit: '1.00' },
          { accountId: id('4100'), credit: '1.00' },
        ],
        { currency: 'EUR' },
      ),
    );
    expect(noRate.status).toBe(422);
    expect(noRate.body).toMatchObject({ type: 'https://moms.dev/problems/wrong-currency' });
  });

  it('converts a foreign-currency entry, rounding so that it balances in both currencies', async () => {
    const res = await post(
      entry(
        '2026-04-13',
        [
          { accountId: id('1200'), debit: '100.00' },
          { accountId: id('4100'), credit: '33.33' },
          { accountId: id('4100'), credit: '33.33' },
          { accountId: id('4100'), credit: '33.34' },
        ],
        { currency: 'EUR', exchangeRate: '1.0845' },
      ),
    );
    expect(res.status).toBe(201);
    const debit = res.body.lines.reduce((s, l) => s + Math.round(Number(l.baseDebit) * 100), 0);
    const credit = res.body.lines.reduce((s, l) => s + Math.round(Number(l.baseCredit) * 100), 0);
    // 100.00 EUR is 108.45 USD; the three credits round to 36.15 + 36.15 + 36.16 = 108.46, so one
    // cent of rounding goes to the largest debit line: the entry balances, each line within a cent.
    expect(credit).toBe(debit);
    expect(Math.abs(debit - 10845)).toBeLessThanOrEqual(1);
  });

  it('keeps posted entries immutable: no edit, no delete, not even in SQL', async () => {
    const res = await post(
      entry('2026-04-14', [
        { accountId: id('1100'), debit: '20.00' },
        { accountId: id('3100'), credit: '20.00' },
      ]),
    );
    const url = `${JE}/${res.body.id}`;
    const put = await t.request('PUT', url, {
      token: accountant.token,
      body: {
        ...entry('2026-04-14', [
          { accountId: id('1100'), debit: '21.00' },
          { accountId: id('3100'), credit: '21.00' },
        ]),
        version: 2,
      },
    });
    expect(put.status).toBe(409);
    expect(put.body).toMatchObject({ type: 'https://moms.dev/problems/entry-posted' });
    expect((await t.request('DELETE', url, { token: accountant.token })).status).toBe(409);
    await expect(
      sql`update finance.journal_lines set debit = 999 where entry_id = ${res.body.id}`.execute(t.db),
    ).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from finance.journal_entries where id = ${res.body.id}`.execute(t.db)).rejects.toThrow(
      /cannot be deleted/,
    );
  });

  it('the database itself refuses an unbalanced posted entry', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        const e = await trx
          .insertInto('finance.journal_entries')
          .values({
            entry_date: '2026-04-15',
            currency: 'USD',
            exchange_rate: '1',
            number: null,
            source_id: null,
            reverses_entry_id: null,
            reversed_by_entry_id: null,
            created_by: null,
            posted_by: null,
            posted_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('finance.journal_lines')
          .values([
            {
              entry_id: e.id,
              line_no: 1,
              account_id: id('1100'),
              debit: '5',
              credit: '0',
              base_debit: '5',
              base_credit: '0',
              department: null,
              project_id: null,
              posted_date: '2026-04-15',
            },
            {
              entry_id: e.id,
              line_no: 2,
              account_id: id('3100'),
              debit: '0',
              credit: '4',
              base_debit: '0',
              base_credit: '4',
              department: null,
              project_id: null,
              posted_date: '2026-04-15',
            },
          ])
          .execute();
        // Code that skipped the checks and flipped the status: the commit is refused.
        await trx.updateTable('finance.journal_entries').set({ status: 'posted' }).where('id', '=', e.id).execute();
      }),
    ).rejects.toThrow(/does not balance/);
  });

  it('reverses a posted entry once, with a linked posted reversal that nets to zero', async () => {
    const before = await trialBalance(t, accountant.token);
    const original = await post(
      entry('2026-05-01', [
        { accountId: id('6200'), debit: '800.00' },
        { accountId: id('1200'), credit: '800.00' },
      ]),
    );
    const reversal = await t.request<{ id: string; number: string }>('POST', `${JE}/${original.body.id}/reverse`, {
      token: accountant.token,
      body: {},
    });
    expect(reversal.status).toBe(201);
    const after = await trialBalance(t, accountant.token);
    const rent = (tb: typeof after) => Number(tb.rows.find((r) => r.code === '6200')?.balance ?? 0);
    expect(rent(after)).toBe(rent(before));
    const got = await t.request<{ reversedByEntryId: string }>('GET', `${JE}/${original.body.id}`, {
      token: accountant.token,
    });
    expect(got.body.reversedByEntryId).toBe(reversal.body.id);
    const again = await t.request('POST', `${JE}/${original.body.id}/reverse`, { token: accountant.token, body: {} });
    expect(again.status).toBe(409);
  });

  it('drafts can be edited (with their version) and deleted; posting needs finance:approve', async () => {
    const bookkeeper = await t.userWithRoles(['bookkeeper']);
    const draft = await t.request<{ id: string; version: number; status: string }>('POST', JE, {
      token: bookkeeper.token,
      body: entry('2026-06-01', [
        { accountId: id('6300'), debit: '50.00' },
        { accountId: id('1200'), credit: '50.00' },
      ]),
    });
    expect(draft.body.status).toBe('draft');
    const url = `${JE}/${draft.body.id}`;
    const edited = await t.request<{ version: number }>('PUT', url, {
      token: bookkeeper.token,
      body: {
        ...entry('2026-06-01', [
          { accountId: id('6300'), debit: '55.00' },
          { accountId: id('1200'), credit: '55.00' },
        ]),
        version: draft.body.version,
      },
    });
    expect(edited.status).toBe(200);
    const stale = await t.request('PUT', url, {
      token: bookkeeper.token,
      body: {
        ...entry('2026-06-01', [
          { accountId: id('6300'), debit: '60.00' },
          { accountId: id('1200'), credit: '60.00' },
        ]),
        version: draft.body.version,
      },
    });
    expect(stale.status).toBe(409);
    expect((await t.request('POST', `${url}/post`, { token: bookkeeper.token })).status).toBe(403);
    expect(
      (
        await t.request('POST', JE, {
          token: bookkeeper.token,
          body: {
            ...entry('2026-06-01', [
              { accountId: id('6300'), debit: '1.00' },
              { accountId: id('1200'), credit: '1.00' },
            ]),
            post: true,
          },
        })
      ).status,
    ).toBe(403);
    const posted = await t.request<{ number: string }>('POST', `${url}/post`, { token: accountant.token });
    expect(posted.status).toBe(200);
    expect(posted.body.number).toMatch(/^JE-2026-/);
  });

  it('people without Finance get 403; managers can read but not write', async () => {
    const employee = await t.userWithRoles(['employee']);
    const manager = await t.userWithRoles(['manager']);
    expect((await t.request('GET', '/api/v1/finance/accounts', { token: employee.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/finance/accounts', { token: manager.token })).status).toBe(200);
    const write = await t.request('POST', JE, {
      token: manager.token,
      body: entry('2026-06-02', [
        { accountId: id('6300'), debit: '1.00' },
        { accountId: id('1200'), credit: '1.00' },
      ]),
    });
    expect(write.status).toBe(403);
  });
});

describe('periods and numbering', () => {
  it('refuses posting into a closed period, and accepts it again when reopened', async () => {
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
