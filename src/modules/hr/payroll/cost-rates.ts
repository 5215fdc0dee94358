import { Decimal } from 'decimal.js';
import type { Db } from '../../../platform/db/database.js';
import { Money } from '../../../platform/money/money.js';

/** Working hours in a year used to turn an annual salary into an hourly cost (52 weeks of 40 hours). */
export const HOURS_PER_YEAR = 2080;

export interface HourlyCostRate {
  /** The annual base salary in force on the date, divided by HOURS_PER_YEAR (4 decimals, half-up). */
  rate: string;
  currency: string;
}

/**
 * For other modules (Projects values time at cost): the hourly cost of each of these users who is an
 * employee with a salary in force on `onDate` (the latest compensation effective on or before it).
 * Users without an employee record or a salary are absent from the map.
 */
export async function hourlyCostRates(
  db: Db,
  userIds: readonly string[],
  onDate: string,
): Promise<Map<string, HourlyCostRate>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('hr.employees as e')
    .innerJoin('hr.compensations as c', 'c.employee_id', 'e.id')
    .select(['e.user_id', 'c.base_salary', 'c.currency', 'c.effective_date'])
    .where('e.user_id', 'in', unique)
    .where('c.effective_date', '<=', onDate)
    .orderBy('e.user_id')
    .orderBy('c.effective_date', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
  const rates = new Map<string, HourlyCostRate>();
  for (const row of rows) {
    if (!row.user_id || rates.has(row.user_id)) continue;
    rates.set(row.user_id, {
      rate: new Money(row.base_salary).div(HOURS_PER_YEAR).toFixed(4, Decimal.ROUND_HALF_UP),
      currency: row.currency,
    });
  }
  return rates;
}
