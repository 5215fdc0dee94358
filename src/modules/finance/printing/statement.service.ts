import { today } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { getParty } from '../documents/parties.service.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { format, Money } from '../money.js';
import { aging, AGING_BUCKETS } from '../reports/aging.js';
import { statementEntries, type StatementEntryRow } from './statement.repository.js';

export interface StatementQuery {
  from?: string | undefined;
  to?: string | undefined;
}

const ITEM_LABELS: Record<StatementEntryRow['item'], string> = {
  invoice: 'Invoice',
  'credit-note': 'Credit note',
  payment: 'Payment',
  refund: 'Refund',
  'exchange-difference': 'Exchange difference',
};

/** The period: `to` defaults to today, `from` to the first day of `to`'s year; 422 when from > to. */
export function statementPeriod(query: StatementQuery): { from: string; to: string } {
  const to = query.to ?? today();
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to)
    throw errors.validation([{ path: 'from', message: 'The period starts after it ends.', code: 'invalid_period' }]);
  return { from, to };
}

/**
 * A customer's statement of account for [from, to] in the base currency: the balance owed at the
 * start, every invoice, credit note, payment, refund, void and exchange difference in the period
 * with the running balance, the closing balance, and the ageing of what is open at `to`. Its
 * figures are the receivable control account's postings for the party, so the closing balance is
 * the party's receivable balance in the ledger (and the aging's total for it).
 */
export async function getStatement(db: Db, partyId: string, query: StatementQuery) {
  const party = await getParty(db, partyId);
  const { from, to } = statementPeriod(query);
  const currency = await baseCurrency(db);
  const control = await accountForRole(db, 'receivable');
  const rows = await statementEntries(db, partyId, control, to);
  let balance = new Money(0);
  let openingBalance: Money | null = null;
  const lines = [];
  for (const row of rows) {
    const delta = new Money(row.debit).minus(row.credit);
    if (row.posted_date >= from && openingBalance === null) openingBalance = balance;
    balance = balance.plus(delta);
    if (row.posted_date < from) continue;
    lines.push({
      date: row.posted_date,
      type: row.event === 'void' ? `${ITEM_LABELS[row.item]} voided` : ITEM_LABELS[row.item],
      item: row.item,
      itemId: row.item_id,
      number: row.number,
      reference: row.reference ?? '',
      dueDate: row.due_date,
      debit: format(new Money(row.debit), currency),
      credit: format(new Money(row.credit), currency),
      balance: format(balance, currency),
    });
  }
  const agingReport = await aging(db, 'receivables', to);
  const partyAging = agingReport.rows.find((r) => r.partyId === partyId);
  const zero = format(new Money(0), currency);
  return {
    party: { id: party.id, name: party.name, email: party.email, taxId: party.taxId },
    from,
    to,
    currency,
    openingBalance: format(openingBalance ?? balance, currency),
    lines,
    closingBalance: format(balance, currency),
    ageing: Object.fromEntries(
      [...AGING_BUCKETS, 'total'].map((b) => [b, partyAging?.[b as 'total'] ?? zero]),
    ) as Record<(typeof AGING_BUCKETS)[number] | 'total', string>,
  };
}

export type Statement = Awaited<ReturnType<typeof getStatement>>;
