import { containsPattern } from '../../../platform/db/like.js';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { JournalEntriesTable } from '../finance.tables.js';
import { Money, format, formatDb } from '../money.js';
import type { JournalEntryDto } from './journal.schemas.js';

export type EntryRow = Selectable<JournalEntriesTable>;

export function lockEntry(trx: Db, id: string) {
  return trx.selectFrom('finance.journal_entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The next number of a series for a year, gap-free: the row stays locked until the transaction ends. */
export async function nextNumber(trx: Db, series: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('finance.number_sequences')
    .values({ series, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['series', 'year']).doUpdateSet({ last_number: sql`finance.number_sequences.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

async function linesOf(db: Db, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('finance.journal_lines as l')
    .innerJoin('finance.accounts as a', 'a.id', 'l.account_id')
    .select([
      'l.entry_id',
      'l.line_no',
      'l.account_id',
      'a.code',
      'a.name',
      'l.description',
      'l.debit',
      'l.credit',
      'l.base_debit',
      'l.base_credit',
      'l.department',
      'l.project_id',
    ])
    .where('l.entry_id', 'in', entryIds)
    .orderBy('l.entry_id')
    .orderBy('l.line_no')
    .execute();
}

type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

function toDto(entry: EntryRow, lines: LineRow[], base: string): JournalEntryDto {
  const total = (side: 'debit' | 'credit') =>
    format(
      lines.reduce((sum, l) => sum.plus(l[side]), new Money(0)),
      entry.currency,
    );
  return {
    id: entry.id,
    number: entry.number,
    date: entry.entry_date,
    reference: entry.reference,
    memo: entry.memo,
    status: entry.status,
    currency: entry.currency,
    exchangeRate: entry.exchange_rate,
    sourceType: entry.source_type,
    sourceId: entry.source_id,
    reversesEntryId: entry.reverses_entry_id,
    reversedByEntryId: entry.reversed_by_entry_id,
    totalDebit: total('debit'),
    totalCredit: total('credit'),
    postedAt: entry.posted_at?.toISOString() ?? null,
    postedBy: entry.posted_by,
    version: entry.version,
    createdAt: entry.created_at.toISOString(),
    updatedAt: entry.updated_at.toISOString(),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      accountId: l.account_id,
      accountCode: l.code,
      accountName: l.name,
      description: l.description,
      debit: formatDb(l.debit, entry.currency),
      credit: formatDb(l.credit, entry.currency),
      baseDebit: formatDb(l.base_debit, base),
      baseCredit: formatDb(l.base_credit, base),
      department: l.department,
      projectId: l.project_id,
    })),
  };
}

export async function getEntry(db: Db, id: string, base: string): Promise<JournalEntryDto | undefined> {
  const entry = await db.selectFrom('finance.journal_entries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!entry) return undefined;
  return toDto(entry, await linesOf(db, [id]), base);
}

export interface EntryFilter {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  q?: string | undefined;
  status?: ('draft' | 'posted')[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  accountId?: string | undefined;
  sourceType?: string | undefined;
}

/** A page of entries with their lines (for totals); the route drops the lines for the summary. */
export async function listEntries(db: Db, filter: EntryFilter, base: string) {
  let q = db
    .selectFrom('finance.journal_entries as e')
    .selectAll('e')
    .select(['e.entry_date as date', 'e.created_at as createdAt']);
  if (filter.status) q = q.where('e.status', 'in', filter.status);
  if (filter.from) q = q.where('e.entry_date', '>=', filter.from);
  if (filter.to) q = q.where('e.entry_date', '<=', filter.to);
  if (filter.sourceType) q = q.where('e.source_type', '=', filter.sourceType);
  if (filter.accountId) {
    const accountId = filter.accountId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('finance.journal_lines as l')
          .select('l.id')
          .whereRef('l.entry_id', '=', 'e.id')
          .where('l.account_id', '=', accountId),
      ),
    );
  }
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) =>
      eb.or([eb('e.reference', 'ilike', pattern), eb('e.memo', 'ilike', pattern), eb('e.number', 'ilike', pattern)]),
    );
  }
  const page = await paginate(q, filter, {
    sort: { date: 'e.entry_date', number: 'e.number', createdAt: 'e.created_at' },
    id: 'e.id',
    idKey: 'id',
  });
  const lines = await linesOf(
    db,
    page.items.map((e) => e.id),
  );
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((e) =>
      toDto(
        e,
        lines.filter((l) => l.entry_id === e.id),
        base,
      ),
    ),
  };
}
