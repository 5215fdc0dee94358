import { createHash } from 'node:crypto';
import { Money } from '../money.js';

/** One booked line of a bank statement, as a parser reads it. `amount` is signed: in +, out −. */
export interface ParsedLine {
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  description: string;
  reference: string;
  counterparty: string;
  counterpartyAccount: string;
  /** The bank's own id of the transaction (CAMT AcctSvcrRef, OFX FITID), '' when the file has none. */
  bankRef: string;
}

/** What every format parser returns; balances and the account are null when the file does not say. */
export interface ParsedStatement {
  statementRef: string;
  accountIban: string | null;
  accountNumber: string | null;
  currency: string | null;
  startDate: string | null;
  endDate: string | null;
  openingBalance: string | null;
  closingBalance: string | null;
  lines: ParsedLine[];
}

const clip = (text: string, max: number) => text.replace(/\s+/g, ' ').trim().slice(0, max);

/** Normalises free text of a line (whitespace collapsed, length capped). */
export function cleanLine(line: ParsedLine): ParsedLine {
  return {
    ...line,
    description: clip(line.description, 500),
    reference: clip(line.reference, 140),
    counterparty: clip(line.counterparty, 200),
    counterpartyAccount: clip(line.counterpartyAccount, 50),
    bankRef: clip(line.bankRef, 100),
  };
}

/**
 * A stable fingerprint per line: bank account, booking date, amount (normalised) and the bank's
 * transaction id — else the reference, else the description — plus the line's occurrence among the
 * lines of its file with the same key (two identical coffees on one day stay two lines; the same
 * file imported again gives the same fingerprints).
 */
export function fingerprints(bankAccountId: string, lines: ParsedLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const id = l.bankRef || l.reference || l.description;
    const key = [bankAccountId, l.bookingDate, new Money(l.amount).toFixed(4), id.toLowerCase()].join('|');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return createHash('sha256').update(`${key}#${n}`).digest('hex');
  });
}

/** True when `date` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** A plain decimal number ("-12.50", "1000") or null. */
export function plainDecimal(text: string): string | null {
  const t = text.trim();
  return /^[+-]?\d{1,15}(\.\d{1,4})?$/.test(t) ? t.replace(/^\+/, '') : null;
}
