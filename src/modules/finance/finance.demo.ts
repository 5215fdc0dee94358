import { today as todayDate } from '../../platform/dates.js';
import type { DemoContext, DemoGenerator } from '../../platform/demo/demo.js';
import { createDemoBanking } from './banking/banking.demo.js';
import { createDemoDocuments } from './finance.demo-documents.js';
import { listAccountCodes } from './ledger/accounts.repository.js';
import { accountForRole, ensureLedger } from './ledger/chart.js';
import { findEntryOfSource } from './ledger/journal.repository.js';
import { createDemoTerms } from './terms/terms.demo.js';
import { postJournalEntry } from './ledger/journal.service.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Demo finance, deterministic for the seed, in two parts that each skip themselves when already
 * there: the books — two years of a small company's activity posted through the ledger (cash
 * sales with tax, rent, salaries, utilities, supplies, bank fees) — and the last six months of
 * invoices, bills and payments with customers and vendors (see finance.demo-documents.ts).
 */
export const financeDemo: DemoGenerator = {
  module: 'finance',
  async generate(ctx) {
    await postDemoBooks(ctx);
    await createDemoDocuments(ctx);
    await createDemoBanking(ctx);
    await createDemoTerms(ctx);
  },
};

/** Journal entries tagged `source_type = 'demo'`; skipped when any exist. */
async function postDemoBooks({ db, faker, size, log }: DemoContext) {
  await ensureLedger(db);
  const done = await findEntryOfSource(db, 'demo');
  if (done) {
    log('finance: demo entries already present; skipped');
    return;
  }
  const accounts = new Map((await listAccountCodes(db)).map((a) => [a.code, a.id]));
  const account = (code: string) => accounts.get(code)!;
  const bank = await accountForRole(db, 'bank');
  const taxPayable = await accountForRole(db, 'tax-payable');
  const ctx = { actor: null, requestId: 'demo' };
  const year = new Date().getUTCFullYear();
  let count = 0;
  // This month's entries are drawn over the whole month; none is dated after today.
  const today = todayDate();
  const post = (drawn: string, memo: string, lines: { accountId: string; debit?: string; credit?: string }[]) =>
    postJournalEntry(
      db,
      ctx,
      {
        date: drawn > today ? today : drawn,
        reference: 'DEMO',
        memo,
        lines: lines.map((l) => ({ ...l, description: memo })),
      },
      { sourceType: 'demo' },
    ).then(() => count++);

  await post(`${year - 1}-01-02`, 'Share capital paid in', [
    { accountId: bank, debit: '50000.00' },
    { accountId: account('3100'), credit: '50000.00' },
  ]);
  for (const y of [year - 1, year]) {
    const lastMonth = y === year ? new Date().getUTCMonth() + 1 : 12;
    for (let m = 1; m <= lastMonth; m++) {
      const sales = Math.max(3, Math.round(8 * size));
      for (let i = 0; i < sales; i++) {
        const net = faker.number.int({ min: 200_00, max: 4_000_00 });
        const tax = Math.round(net * 0.2);
        const day = faker.number.int({ min: 1, max: 28 });
        await post(`${y}-${pad(m)}-${pad(day)}`, `Sale to ${faker.company.name()}`, [
          { accountId: bank, debit: ((net + tax) / 100).toFixed(2) },
          { accountId: account(faker.helpers.arrayElement(['4100', '4200'])), credit: (net / 100).toFixed(2) },
          { accountId: taxPayable, credit: (tax / 100).toFixed(2) },
        ]);
      }
      const monthly: [string, string, number][] = [
        ['6200', 'Office rent', 2_400_00],
        ['6100', 'Salaries', Math.round(9_000_00 * size)],
        ['6300', 'Electricity and internet', faker.number.int({ min: 150_00, max: 400_00 })],
        ['6400', 'Office supplies', faker.number.int({ min: 50_00, max: 600_00 })],
        ['6800', 'Bank fees', faker.number.int({ min: 10_00, max: 40_00 })],
      ];
      for (const [code, memo, amount] of monthly) {
        await post(`${y}-${pad(m)}-28`, memo, [
          { accountId: account(code), debit: (amount / 100).toFixed(2) },
          { accountId: bank, credit: (amount / 100).toFixed(2) },
        ]);
      }
    }
  }
  log(`finance: ${count} posted journal entries over ${year - 1}–${year}`);
}
