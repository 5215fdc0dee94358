import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import { Money, format, formatDb } from '../money.js';
import type { EntryRow, LineRow } from './journal.repository.js';
import type { JournalEntryDto } from './journal.schemas.js';

/** An entry with its lines (amounts in its currency, base amounts in `base`) and its totals. */
export function toEntryDto(entry: EntryRow, lines: LineRow[], base: string): JournalEntryDto {
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
    postedAt: isoTimestampOrNull(entry.posted_at),
    postedBy: entry.posted_by,
    version: entry.version,
    createdAt: isoTimestamp(entry.created_at),
    updatedAt: isoTimestamp(entry.updated_at),
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
