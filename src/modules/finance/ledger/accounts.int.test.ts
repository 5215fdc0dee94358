import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, entry, type AccountRef } from '../test/finance-helpers.js';

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
