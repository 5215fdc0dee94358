import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, countRows, entry, financeReader, trialBalance, type AccountRef } from '../test/finance-helpers.js';

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

describe('journal entries', () => {
  it('posts a balanced entry, numbered, and the trial balance shows it', async () => {
    const before = await trialBalance(t, accountant.token);
    const res = await post(
      entry('2026-04-10', [
        { accountId: id('1200'), debit: '1500.00' },
        { accountId: id('4100'), credit: '1250.00' },
        // Not 2200: the tax accounts take only documents' tax lines (issue #21).
        { accountId: id('4200'), credit: '250.00' },
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

  it('people without Finance (employees and, least privilege, managers) get 403; readers read but do not write', async () => {
    const employee = await t.userWithRoles(['employee']);
    const manager = await t.userWithRoles(['manager']);
    const reader = await financeReader(t);
    expect((await t.request('GET', '/api/v1/finance/accounts', { token: employee.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/finance/accounts', { token: manager.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/finance/accounts', { token: reader.token })).status).toBe(200);
    const write = await t.request('POST', JE, {
      token: reader.token,
      body: entry('2026-06-02', [
        { accountId: id('6300'), debit: '1.00' },
        { accountId: id('1200'), credit: '1.00' },
      ]),
    });
    expect(write.status).toBe(403);
  });
});
