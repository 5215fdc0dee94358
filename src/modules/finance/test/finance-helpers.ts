import type { TestApp } from '../../../../test/harness/test-app.js';

export interface AccountRef {
  id: string;
  code: string;
}

/** The default chart's accounts by code (the chart is created on first use). */
export async function chart(t: TestApp, token: string): Promise<Record<string, AccountRef>> {
  const res = await t.request<{ items: AccountRef[] }>('GET', '/api/v1/finance/accounts', { token });
  if (res.status !== 200) throw new Error(`chart: ${res.status} ${JSON.stringify(res.body)}`);
  return Object.fromEntries(res.body.items.map((a) => [a.code, a]));
}

export interface LineSpec {
  accountId: string;
  debit?: string;
  credit?: string;
  description?: string;
}

export function entry(date: string, lines: LineSpec[], extra: Record<string, unknown> = {}) {
  return { date, reference: 'TEST', memo: 'test entry', lines, ...extra };
}

export async function trialBalance(t: TestApp, token: string, date = '2099-12-31') {
  const res = await t.request<{
    rows: { code: string; debit: string; credit: string; balance: string }[];
    totalDebit: string;
    totalCredit: string;
    balanced: boolean;
  }>('GET', `/api/v1/finance/reports/trial-balance?date=${date}`, { token });
  if (res.status !== 200) throw new Error(`trial balance: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function countRows(t: TestApp, table: 'finance.journal_entries' | 'finance.journal_lines') {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A user whose only role reads Finance (no built-in role does that alone: least privilege). */
export async function financeReader(t: TestApp) {
  await t.db
    .insertInto('auth.roles')
    .values({ name: 'finance-reader', description: 'Reads Finance', permissions: ['finance:read'] })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return t.userWithRoles(['finance-reader']);
}
