import type { Db } from '../../../platform/db/database.js';
import { financeErrors } from '../finance.errors.js';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Calendar fiscal years with twelve monthly periods, created when first needed. */
export async function ensureFiscalYear(trx: Db, year: number): Promise<void> {
  const inserted = await trx
    .insertInto('finance.fiscal_years')
    .values({ year, start_date: `${year}-01-01`, end_date: `${year}-12-31`, closing_entry_id: null, closed_at: null })
    .onConflict((oc) => oc.column('year').doNothing())
    .returning('year')
    .executeTakeFirst();
  if (!inserted) return;
  await trx
    .insertInto('finance.fiscal_periods')
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        year,
        period: i + 1,
        start_date: `${year}-${pad(i + 1)}-01`,
        end_date: `${year}-${pad(i + 1)}-${pad(lastDay(year, i + 1))}`,
        closed_at: null,
      })),
    )
    .execute();
}

/**
 * The open period a posting on `date` goes into, share-locked until the transaction ends, so that a
 * concurrent close waits for the posting (or the posting sees the period closed). 422 when closed.
 */
export async function lockOpenPeriod(trx: Db, date: string) {
  await ensureFiscalYear(trx, Number(date.slice(0, 4)));
  const period = await trx
    .selectFrom('finance.fiscal_periods')
    .selectAll()
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .forShare()
    .executeTakeFirstOrThrow();
  if (period.status !== 'open') throw financeErrors.periodClosed(date);
  return period;
}
