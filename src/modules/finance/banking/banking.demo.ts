import { addDays, today as todayDate } from '../../../platform/dates.js';
import type { DemoContext } from '../../../platform/demo/demo.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { listAccountCodes } from '../ledger/accounts.repository.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { Money } from '../money.js';
import { rfReference } from '../printing/rf-reference.js';
import * as repo from './bank-accounts.repository.js';
import { createBankAccount } from './bank-accounts.service.js';
import { acceptProposals, proposals } from './reconcile.service.js';
import { createRule } from './rules.service.js';
import { importStatement } from './statements.service.js';

const MAPPING = {
  delimiter: ';' as const,
  headerRow: 1,
  date: 'Booking date',
  amount: 'Amount',
  description: 'Text',
  reference: 'Reference',
  counterparty: 'Counterparty',
  bankRef: 'Transaction id',
  dateFormat: 'DD.MM.YYYY' as const,
  decimalSeparator: ',' as const,
};

const csvCell = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const dmy = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/**
 * Demo banking, after the demo documents: the operating bank account (on the `bank` ledger account),
 * two matching rules (bank fees, interest), and a CSV statement of the last three weeks — the
 * payments already booked, transfers from customers naming open invoices by their RF reference, bank
 * fees, interest and one line nobody recognises — imported with its column mapping, about half of
 * the proposals accepted. Skipped when a bank account exists.
 */
export async function createDemoBanking({ db, log }: DemoContext) {
  if ((await repo.listBankAccounts(db, true)).length > 0) {
    log('finance: demo bank account already present; skipped');
    return;
  }
  const ctx: RequestContext = { actor: null, requestId: 'demo' };
  const currency = await baseCurrency(db);
  const ledgerAccount = await accountForRole(db, 'bank');
  const codes = new Map((await listAccountCodes(db)).map((a) => [a.code, a.id]));
  const today = todayDate();
  const from = addDays(today, -20);
  const bankId = await createBankAccount(db, ctx, {
    name: 'Operating account',
    iban: 'GB82WEST12345698765432',
    accountNumber: '',
    bic: 'WESTGB2L',
    currency,
    accountId: ledgerAccount,
    openingBalance: '0',
    csvMapping: MAPPING,
    active: true,
  });
  for (const [name, pattern, code, direction] of [
    ['Bank fees', '^(fee|charges?)\\b', '6800', 'out'],
    ['Interest', 'interest', '4900', 'in'],
  ] as const)
    await createRule(db, ctx, {
      bankAccountId: bankId,
      name,
      priority: 10,
      field: 'description',
      pattern,
      direction,
      partyId: null,
      accountId: codes.get(code)!,
      active: true,
    });

  type Row = [date: string, amount: string, text: string, reference: string, counterparty: string];
  const rows: Row[] = [];
  for (const p of await repo.paymentsOnAccount(db, ledgerAccount, from, today)) {
    const amount = new Money(p.amount);
    rows.push([
      p.payment_date,
      (p.direction === 'received' ? amount : amount.neg()).toFixed(2),
      `Transfer ${p.number}`,
      '',
      p.party_name,
    ]);
  }
  for (const [i, inv] of (await repo.openInvoices(db, currency, 4)).entries()) {
    if (!inv.number) continue;
    const open = new Money(inv.total).minus(inv.allocated);
    rows.push([
      addDays(today, -1 - i),
      open.toFixed(2),
      'SEPA credit transfer',
      rfReference(inv.number),
      inv.party_name,
    ]);
  }
  rows.push([addDays(today, -15), '-12.50', 'Fee account maintenance', '', 'Bank']);
  rows.push([addDays(today, -5), '-3.20', 'Charges foreign transfer', '', 'Bank']);
  rows.push([addDays(today, -3), '4.87', 'Credit interest', '', 'Bank']);
  rows.push([addDays(today, -2), '150.00', 'Refund deposit', '', 'Unknown Holdings']);
  rows.sort((a, b) => a[0].localeCompare(b[0]));
  const csv = [
    'Booking date;Amount;Text;Reference;Counterparty;Transaction id',
    ...rows.map((r, i) =>
      [dmy(r[0]), r[1].replace('.', ','), r[2], r[3], r[4], `DEMO-${today.replace(/-/g, '')}-${i + 1}`]
        .map(csvCell)
        .join(';'),
    ),
  ].join('\n');
  const statementId = await importStatement(db, ctx, bankId, {
    format: 'csv',
    content: csv,
    fileName: 'operating-account-demo.csv',
    openingBalance: await repo.ledgerBalanceBefore(db, ledgerAccount, rows[0]![0]),
  });
  const proposed = await proposals(db, statementId);
  const half = proposed.filter((_, i) => i % 2 === 0).map((p) => p.lineId);
  const accepted = half.length > 0 ? (await acceptProposals(db, ctx, statementId, half)).reconciled.length : 0;
  log(`finance: bank account with a statement of ${rows.length} lines, ${accepted} reconciled`);
}
