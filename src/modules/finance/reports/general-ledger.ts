import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { AccountType } from '../finance.tables.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, format } from '../money.js';
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

interface Cursor {
  d: string;
  id: string;
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (
      typeof c.d === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(c.d) &&
      typeof c.id === 'string' &&
      /^\d{1,19}$/.test(c.id)
    )
      return c;
  } catch {
    // fall through
  }
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
  const account = await db
    .selectFrom('finance.accounts')
    .select(['id', 'code', 'name', 'type'])
    .where('id', '=', input.accountId)
    .executeTakeFirst();
  if (!account) throw errors.notFound('Account', input.accountId);
  const cursor = input.cursor ? decode(input.cursor) : undefined;
  const posted = db
    .selectFrom('finance.journal_lines')
    .where('account_id', '=', account.id)
    .where('posted_date', 'is not', null);
  const totals = await posted
    .select([
      sql<string>`coalesce(sum(base_debit) filter (where posted_date < ${input.from}), 0)`.as('od'),
      sql<string>`coalesce(sum(base_credit) filter (where posted_date < ${input.from}), 0)`.as('oc'),
      sql<string>`coalesce(sum(base_debit) filter (where posted_date >= ${input.from}), 0)`.as('pd'),
      sql<string>`coalesce(sum(base_credit) filter (where posted_date >= ${input.from}), 0)`.as('pc'),
    ])
    .where('posted_date', '<=', input.to)
    .executeTakeFirstOrThrow();
  const opening = natural(account.type, totals.od, totals.oc);
  let running = opening;
  if (cursor) {
    // Before the cursor: whole days from the covering index, then the cursor's own day up to its line.
    const sums = (q: typeof posted) =>
      q
        .select([sql<string>`coalesce(sum(base_debit), 0)`.as('d'), sql<string>`coalesce(sum(base_credit), 0)`.as('c')])
        .executeTakeFirstOrThrow();
    const [days, sameDay] = await Promise.all([
      sums(posted.where('posted_date', '<', cursor.d)),
      sums(posted.where('posted_date', '=', cursor.d).where(sql<boolean>`id <= ${cursor.id}::bigint`)),
    ]);
    running = natural(account.type, new Money(days.d).plus(sameDay.d), new Money(days.c).plus(sameDay.c));
  }
  let q = db
    .selectFrom('finance.journal_lines as l')
    .innerJoin('finance.journal_entries as e', 'e.id', 'l.entry_id')
    .select([
      'l.id',
      'l.posted_date',
      'l.description',
      'l.base_debit',
      'l.base_credit',
      'e.id as entry_id',
      'e.number',
      'e.reference',
      'e.memo',
    ])
    .where('l.account_id', '=', account.id)
    .where('l.posted_date', 'is not', null)
    .where('l.posted_date', '>=', input.from)
    .where('l.posted_date', '<=', input.to);
  if (cursor) q = q.where(sql<boolean>`(l.posted_date, l.id) > (${cursor.d}::date, ${cursor.id}::bigint)`);
  const rows = await q
    .orderBy('l.posted_date')
    .orderBy('l.id')
    .limit(input.limit + 1)
    .execute();
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
    nextCursor: rows.length > input.limit && last ? encode({ d: last.posted_date!, id: last.id }) : null,
  };
}
