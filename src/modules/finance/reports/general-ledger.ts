import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { openCursor, sealCursor } from '../../../platform/http/cursor.js';
import type { AccountType } from '../finance.tables.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, format } from '../money.js';
import * as repo from './general-ledger.repository.js';
import { assertRange, natural, normalSide, type NormalSide } from './report-common.js';

export interface LedgerLine {
  lineId: string;
  date: string;
  entryId: string;
  entryNumber: string | null;
  reference: string;
  memo: string;
  description: string;
  debit: string;
  credit: string;
  /** The running balance after this line, on the account's normal side. */
  balance: string;
}

export interface GeneralLedger {
  account: { id: string; code: string; name: string; type: AccountType; normalSide: NormalSide };
  from: string;
  to: string;
  currency: string;
  /** Balance of everything posted before `from`. */
  openingBalance: string;
  /** Debits and credits of the whole range (all pages). */
  totalDebit: string;
  totalCredit: string;
  closingBalance: string;
  /** The running balance before this page's first line (= openingBalance on the first page). */
  pageOpeningBalance: string;
  lines: LedgerLine[];
  nextCursor: string | null;
}

type Cursor = repo.LedgerCursor;

/** Ledger cursors are signed by the platform (`openCursor`): only ones this server made come back. */
const LEDGER = 'finance.general-ledger';
const encode = (c: Cursor) => sealCursor({ ...c, l: LEDGER });
async function decode(raw: string): Promise<Cursor> {
  const { l, d, id } = await openCursor(raw);
  if (
    l === LEDGER &&
    typeof d === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(d) &&
    typeof id === 'string' &&
    /^\d{1,19}$/.test(id)
  )
    return { d, id };
  throw errors.badRequest('The cursor is not valid; use the nextCursor of the previous page.');
}

/**
 * The general ledger of one account over [from, to]: opening balance, each posted line in date order
 * (then posting order) with its running balance, closing balance. Keyset-paginated: a page's opening
 * balance is computed from the index (account, date), never trusted from the cursor.
 */
export async function generalLedger(
  db: Db,
  input: { accountId: string; from: string; to: string; limit: number; cursor?: string | undefined },
): Promise<GeneralLedger> {
  assertRange(input.from, input.to);
  const currency = await baseCurrency(db);
  const account = await repo.findLedgerAccount(db, input.accountId);
  if (!account) throw errors.notFound('Account', input.accountId);
  const cursor = input.cursor ? await decode(input.cursor) : undefined;
  const totals = await repo.ledgerTotals(db, account.id, input.from, input.to);
  const opening = natural(account.type, totals.od, totals.oc);
  let running = opening;
  if (cursor) {
    // Before the cursor: whole days from the covering index, then the cursor's own day up to its line.
    const [days, sameDay] = await repo.ledgerSumsThrough(db, account.id, cursor);
    running = natural(account.type, new Money(days.d).plus(sameDay.d), new Money(days.c).plus(sameDay.c));
  }
  const rows = await repo.ledgerLines(db, account.id, input, cursor, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const pageOpening = running;
  const lines = page.map((r): LedgerLine => {
    running = running.plus(natural(account.type, r.base_debit, r.base_credit));
    return {
      lineId: r.id,
      date: r.posted_date!,
      entryId: r.entry_id,
      entryNumber: r.number,
      reference: r.reference,
      memo: r.memo,
      description: r.description,
      debit: format(new Money(r.base_debit), currency),
      credit: format(new Money(r.base_credit), currency),
      balance: format(running, currency),
    };
  });
  const last = page.at(-1);
  return {
    account: { ...account, normalSide: normalSide(account.type) },
    from: input.from,
    to: input.to,
    currency,
    openingBalance: format(opening, currency),
    totalDebit: format(new Money(totals.pd), currency),
    totalCredit: format(new Money(totals.pc), currency),
    closingBalance: format(opening.plus(natural(account.type, totals.pd, totals.pc)), currency),
    pageOpeningBalance: format(pageOpening, currency),
    lines,
    nextCursor: rows.length > input.limit && last ? await encode({ d: last.posted_date!, id: last.id }) : null,
  };
}
