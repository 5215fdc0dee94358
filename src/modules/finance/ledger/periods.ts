import type { Db } from '../../../platform/db/database.js';
import { financeErrors } from '../finance.errors.js';
import * as repo from './periods.repository.js';
import { shareLockSettings } from './settings.repository.js';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Calendar fiscal years with twelve monthly periods, created when first needed. */
export async function ensureFiscalYear(trx: Db, year: number): Promise<void> {
  const inserted = await repo.insertFiscalYear(trx, year, `${year}-01-01`, `${year}-12-31`);
  if (!inserted) return;
  await repo.insertPeriods(
    trx,
    Array.from({ length: 12 }, (_, i) => ({
      year,
      period: i + 1,
      start_date: `${year}-${pad(i + 1)}-01`,
      end_date: `${year}-${pad(i + 1)}-${pad(lastDay(year, i + 1))}`,
      closed_at: null,
    })),
  );
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
  await ensureFiscalYear(trx, Number(date.slice(0, 4)));
  const period = await repo.lockPeriodContaining(trx, date);
  if (period.status !== 'open') throw financeErrors.periodClosed(date);
  return period;
}
