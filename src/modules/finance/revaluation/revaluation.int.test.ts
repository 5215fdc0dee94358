import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty, issued, line, type DocBody } from '../documents/test-support.js';
import { chart, type AccountRef } from '../test/finance-helpers.js';

// The harness's book is in USD (the default base currency): EUR and GBP are the foreign currencies.
let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let customer: string;
let vendor: string;
let eurBank: string;

interface RunLine {
  kind: string;
  documentId: string | null;
  bankAccountId: string | null;
  currency: string;
  openAmount: string;
  rate: string;
  oldBase: string;
  newBase: string;
  difference: string;
}
interface Run {
  id: string;
  date: string;
  reversalDate: string;
  journalEntryId: string | null;
  reversalEntryId: string | null;
  gain: string;
  loss: string;
  net: string;
  lines: RunLine[];
}
interface Entry {
  date: string;
  status: string;
  sourceType: string;
  lines: { accountCode: string; baseDebit: string; baseCredit: string }[];
}
interface Problem {
  type: string;
  errors?: { path: string; code?: string }[];
}

const run = (body: Record<string, unknown>) => t.request<Run & Problem>('POST', `${F}/revaluations`, { token, body });
const entry = async (id: string) => {
  const res = await t.request<Entry>('GET', `${F}/journal-entries/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};
const baseLines = (e: Entry) =>
  e.lines.map((l) => [l.accountCode, l.baseDebit, l.baseCredit]).sort((a, b) => a[0]!.localeCompare(b[0]!));
const runCount = async () =>
  (await t.request<{ items: Run[] }>('GET', `${F}/revaluations?limit=200`, { token })).body.items.length;
const invoice = (total: string, rate: string, date: string, currency = 'EUR', partyId = customer) =>
  issued(t, token, 'invoices', { partyId, date, currency, exchangeRate: rate, lines: [line('1', total)] });

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['finance-admin'])).token;
  accounts = await chart(t, token);
  customer = (await createParty(t, token, { kind: 'customer', name: 'Euro Kunde GmbH', currency: 'EUR' })).id;
  vendor = (await createParty(t, token, { kind: 'vendor', name: 'Euro Lieferant AG', currency: 'EUR' })).id;
  const ledger = await t.request<{ id: string }>('POST', `${F}/accounts`, {
    token,
    body: { code: '1210', name: 'Bank EUR', type: 'asset', parentId: accounts['1000']!.id },
  });
  expect(ledger.status, JSON.stringify(ledger.body)).toBe(201);
  const bank = await t.request<{ id: string }>('POST', `${F}/bank-accounts`, {
    token,
    body: { name: 'Euro account', iban: 'DE89 3704 0044 0532 0130 00', currency: 'EUR', accountId: ledger.body.id },
  });
  expect(bank.status, JSON.stringify(bank.body)).toBe(201);
  eurBank = bank.body.id;
});
afterAll(() => t.close());

describe('revaluation of open foreign-currency items', () => {
  let open: DocBody;
  it('posts the unrealised gain and loss at the period-end rate, and reverses it on the first day of the next period', async () => {
    open = await invoice('1000.00', '1.10', '2026-03-02'); // carried at 1,100.00
    const paid = await invoice('500.00', '1.10', '2026-03-03');
    const payment = await t.request('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-03-10',
        currency: 'EUR',
        exchangeRate: '1.12',
        amount: '500.00',
        bankAccountId: eurBank,
        allocations: [{ documentId: paid.id, amount: '500.00' }],
      },
    });
    expect(payment.status, JSON.stringify(payment.body)).toBe(201); // EUR 500 in the bank, carried at 560.00
    const bill = await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-03-04',
      currency: 'EUR',
      exchangeRate: '1.10',
      lines: [line('1', '400.00', { accountId: accounts['6400']!.id })],
    }); // carried at 440.00
    // An unapplied credit note is owed to the customer: at a higher rate, a loss.
    const credit = await issued(t, token, 'credit-notes', {
      partyId: customer,
      date: '2026-03-05',
      currency: 'EUR',
      exchangeRate: '1.10',
      lines: [line('1', '100.00')],
    }); // carried at 110.00

    const res = await run({ date: '2026-03-31', rates: { EUR: '1.15' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const r = res.body;
    expect(r).toMatchObject({ date: '2026-03-31', reversalDate: '2026-04-01', gain: '65.00', loss: '25.00' });
    expect(r.net).toBe('40.00');
    const byDoc = new Map(r.lines.map((l) => [l.documentId ?? l.bankAccountId, l]));
    expect(byDoc.has(paid.id)).toBe(false); // a paid invoice has nothing open
    expect(byDoc.get(open.id)).toMatchObject({
      kind: 'invoice',
      currency: 'EUR',
      openAmount: '1000.00',
      oldBase: '1100.00',
      newBase: '1150.00',
      difference: '50.00',
    });
    // A payable at a higher rate: the company owes more, a loss.
    expect(byDoc.get(bill.id)).toMatchObject({
      kind: 'bill',
      oldBase: '440.00',
      newBase: '460.00',
      difference: '-20.00',
    });
    expect(byDoc.get(eurBank)).toMatchObject({
      kind: 'bank-account',
      openAmount: '500.00',
      oldBase: '560.00',
      newBase: '575.00',
      difference: '15.00',
    });
    expect(byDoc.get(credit.id)).toMatchObject({
      kind: 'credit-note',
      openAmount: '100.00',
      oldBase: '110.00',
      newBase: '115.00',
      difference: '-5.00',
    });
    expect(r.lines).toHaveLength(4);

    const posted = await entry(r.journalEntryId!);
    expect(posted).toMatchObject({ date: '2026-03-31', status: 'posted', sourceType: 'fx-revaluation' });
    expect(baseLines(posted)).toEqual([
      ['1210', '15.00', '0.00'],
      ['1390', '45.00', '0.00'],
      ['2190', '0.00', '20.00'],
      ['4950', '0.00', '65.00'],
      ['6950', '25.00', '0.00'],
    ]);
    const reversal = await entry(r.reversalEntryId!);
    expect(reversal).toMatchObject({ date: '2026-04-01', status: 'posted' });
    expect(baseLines(reversal)).toEqual([
      ['1210', '0.00', '15.00'],
      ['1390', '0.00', '45.00'],
      ['2190', '20.00', '0.00'],
      ['4950', '65.00', '0.00'],
      ['6950', '0.00', '25.00'],
    ]);

    // The open items' side goes to adjustment accounts: the aging still ties to the control accounts.
    const tie = await t.request<{ tied: boolean }>('GET', `${F}/reports/tie-out?date=2026-03-31`, { token });
    expect(tie.body.tied).toBe(true);

    const got = await t.request<Run>('GET', `${F}/revaluations/${r.id}`, { token });
    expect(got.status).toBe(200);
    expect(got.body.lines).toEqual(r.lines);
    const list = await t.request<{ items: { id: string; lineCount: number }[] }>('GET', `${F}/revaluations`, {
      token,
    });
    expect(list.body.items).toEqual([expect.objectContaining({ id: r.id, lineCount: 4 })]);

    // One run per period: the same date, or another day of March, is a 409.
    for (const date of ['2026-03-31', '2026-03-15']) {
      const again = await run({ date, rates: { EUR: '1.20' } });
      expect(again.status).toBe(409);
      expect(again.body.type).toBe('https://moms.dev/problems/revaluation-exists');
    }
    expect(await runCount()).toBe(1);
  });

  it('a currency in use without a rate is a 422 naming it, and nothing is kept', async () => {
    const gbpCustomer = (await createParty(t, token, { kind: 'customer', name: 'London Ltd', currency: 'GBP' })).id;
    await invoice('300.00', '1.25', '2026-05-05', 'GBP', gbpCustomer);
    const entriesBefore = await t.db
      .selectFrom('finance.journal_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await run({ date: '2026-05-31', rates: { EUR: '1.12' } });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://moms.dev/problems/missing-exchange-rate');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'rates.GBP', code: 'missing-exchange-rate' })]);
    expect(await runCount()).toBe(1);
    const entriesAfter = await t.db
      .selectFrom('finance.journal_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(entriesAfter.n).toBe(entriesBefore.n);
    const bad = await run({ date: '2026-05-31', rates: { EUR: '-1' } });
    expect(bad.status).toBe(422);
  });

  it('is refused in a closed period (and when the reversal’s period is closed)', async () => {
    const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
      'GET',
      `${F}/fiscal-years`,
      { token },
    );
    const period = (n: number) => years.body.items.find((y) => y.year === 2026)!.periods.find((p) => p.period === n)!;
    const close = async (n: number) =>
      expect((await t.request('POST', `${F}/periods/${period(n).id}/close`, { token })).status).toBe(200);
    await close(6);
    const june = await run({ date: '2026-06-30', rates: { EUR: '1.20', GBP: '1.30' } });
    expect(june.status).toBe(422);
    expect(june.body.type).toBe('https://moms.dev/problems/period-closed');
    await close(8);
    const july = await run({ date: '2026-07-31', rates: { EUR: '1.20', GBP: '1.30' } });
    expect(july.status).toBe(422);
    expect(july.body.type).toBe('https://moms.dev/problems/period-closed');
    expect(await runCount()).toBe(1);
    // An open period with an open one after it revalues the invoice still open, now at a lower rate: a loss.
    const sept = await run({ date: '2026-09-30', rates: { EUR: '1.05', GBP: '1.25' } });
    expect(sept.status, JSON.stringify(sept.body)).toBe(201);
    expect(sept.body.lines.find((l) => l.documentId === open.id)).toMatchObject({
      oldBase: '1100.00',
      newBase: '1050.00',
      difference: '-50.00',
    });
  });
});
