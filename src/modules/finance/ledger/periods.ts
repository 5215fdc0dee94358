import type { Db } from '../../../platform/db/database.js';
import { financeErrors } from '../finance.errors.js';
import * as repo from './periods.repository.js';
import { fiscalYearStartMonth, lockLedgerSetup, shareLockSettings } from './settings.repository.js';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** date + days (UTC calendar arithmetic). */
export function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first and last day of the fiscal year, starting in `startMonth`, that `date` falls in. */
export function naturalYear(date: string, startMonth: number): { start: string; end: string } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const startYear = m >= startMonth ? y : y - 1;
  const start = `${startYear}-${pad(startMonth)}-01`;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1;
  const endYear = startMonth === 1 ? startYear : startYear + 1;
  return { start, end: `${endYear}-${pad(endMonth)}-${pad(lastDay(endYear, endMonth))}` };
}

/**
 * A fiscal year is named by the calendar year it ends in (April 2026 – March 2027 is 2027; a
 * calendar year is itself). Its periods are the calendar months from its start to its end (12, or
 * 1–24 for a short or long year).
 */
export const yearLabel = (end: string) => Number(end.slice(0, 4));

export function monthlyPeriods(year: number, start: string, end: string) {
  const periods: { year: number; period: number; start_date: string; end_date: string; closed_at: null }[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  for (let n = 1; ; n++) {
    const first = `${y}-${pad(m)}-01`;
    const last = `${y}-${pad(m)}-${pad(lastDay(y, m))}`;
    periods.push({
      year,
      period: n,
      start_date: first < start ? start : first,
      end_date: last > end ? end : last,
      closed_at: null,
    });
    if (last >= end) return periods;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** Creates a fiscal year with its monthly periods (the caller checked it overlaps none). */
export async function createFiscalYear(trx: Db, start: string, end: string): Promise<number> {
  const year = yearLabel(end);
  const inserted = await repo.insertFiscalYear(trx, year, start, end);
  if (inserted) await repo.insertPeriods(trx, monthlyPeriods(year, start, end));
  return year;
}

/**
 * The fiscal year `date` falls in, created when first needed: the company's year (starting in the
 * month of the settings) around the date, cut short where it would overlap the years next to it —
 * after a change of the first month, the first year of the new rhythm is short. A short year that
 * would end in the same calendar year as the one before it runs on to the next year end (a long year).
 */
export async function ensureFiscalYearFor(trx: Db, date: string): Promise<void> {
  if (await repo.findYearStartContaining(trx, date)) return;
  await lockLedgerSetup(trx);
  if (await repo.findYearStartContaining(trx, date)) return;
  const startMonth = await fiscalYearStartMonth(trx);
  let { start, end } = naturalYear(date, startMonth);
  const prev = await repo.yearEndingBefore(trx, date);
  const next = await repo.yearStartingAfter(trx, date);
  if (prev && prev.end_date >= start) start = shiftDays(prev.end_date, 1);
  if (prev && yearLabel(end) === prev.year) end = naturalYear(shiftDays(end, 1), startMonth).end;
  if (next && next.start_date <= end) end = shiftDays(next.start_date, -1);
  await createFiscalYear(trx, start, end);
}

/** Calendar year `year` when years are calendar years; otherwise the year that ends in `year`. */
export async function ensureFiscalYear(trx: Db, year: number): Promise<void> {
  await ensureFiscalYearFor(trx, await yearEndDate(trx, year));
}

/** The last day of the natural fiscal year named `year` (the calendar year it ends in). */
export async function yearEndDate(trx: Db, year: number): Promise<string> {
  const startMonth = await fiscalYearStartMonth(trx);
  return naturalYear(`${year}-${pad(startMonth === 1 ? 12 : startMonth - 1)}-01`, startMonth).end;
}

/**
 * Refuses a date on or before the ledger-wide "closed up to" date (the end of the latest closed year):
 * nothing there is posted, allocated or changed, and no earlier year is opened. The settings row is
 * share-locked until the transaction ends, so a concurrent year end (which locks it for update)
 * waits for this transaction, or this one sees the year closed.
 */
export async function assertAfterClosedYears(trx: Db, date: string, path = 'date'): Promise<void> {
  await shareLockSettings(trx);
  const through = await repo.closedThrough(trx);
  if (through !== null && date <= through) throw financeErrors.booksClosed(date, through, path);
}

/**
 * The open period a posting on `date` goes into, share-locked until the transaction ends, so that a
 * concurrent close waits for the posting (or the posting sees the period closed). 422 when closed,
 * or when the date is in or before a closed year.
 */
export async function lockOpenPeriod(trx: Db, date: string) {
  await assertAfterClosedYears(trx, date);
  await ensureFiscalYearFor(trx, date);
  const period = await repo.lockPeriodContaining(trx, date);
  if (period.status !== 'open') throw financeErrors.periodClosed(date);
  return period;
}
