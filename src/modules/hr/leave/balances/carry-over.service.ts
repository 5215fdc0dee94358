import { Decimal } from 'decimal.js';
import { writeAudit } from '../../../../platform/audit/audit-writer.js';
import type { Db } from '../../../../platform/db/database.js';
import { inTransaction } from '../../../../platform/db/transaction.js';
import type { RequestContext } from '../../../../platform/http/app-env.js';
import { days, endOfMonth, formatDays } from '../entitlement.js';
import { balanceOf } from './balances.service.js';
import * as repo from './balances.repository.js';

/**
 * Year-end carry-over from `fromYear` into the next year, for everyone employed on both sides of the
 * turn of the year and every type with a carry-over rule: what is left at the end of `fromYear`
 * (entitlement + carried − expired − taken − pending, never below 0), capped at the type's maximum,
 * expiring at the end of its expiry month. The result is *set*, not added, so running it again
 * changes nothing (and after late changes to `fromYear`, brings the figures up to date). One
 * transaction; each changed row is audited.
 */
export async function carryOver(db: Db, ctx: RequestContext, fromYear: number) {
  const toYear = fromYear + 1;
  const yearEnd = `${fromYear}-12-31`;
  return inTransaction(db, async (trx) => {
    const employees = await repo.employeesAcrossYearEnd(trx, fromYear);
    let changed = 0;
    let total = days(0);
    for (const employee of employees) {
      await repo.lockEmployee(trx, employee.id);
      const rows = await repo.bookedDays(trx, employee.id, fromYear);
      for (const row of rows) {
        const max = days(row.carry_over_max);
        const existing = await repo.findCarryOver(trx, employee.id, row.leave_type_id, toYear);
        if (max.isZero() && !existing) continue;
        const left = balanceOf(row, employee, fromYear, yearEnd).available;
        const carried = Decimal.min(max, Decimal.max(0, left));
        const expiresOn = row.carry_over_expiry_month ? endOfMonth(toYear, row.carry_over_expiry_month) : null;
        total = total.plus(carried);
        if (existing && days(existing.days).equals(carried) && existing.expires_on === expiresOn) continue;
        if (!existing && carried.isZero()) continue;
        const after = await repo.upsertCarryOver(trx, {
          employee_id: employee.id,
          leave_type_id: row.leave_type_id,
          year: toYear,
          days: formatDays(carried),
          expires_on: expiresOn,
        });
        changed++;
        await writeAudit(trx, ctx, {
          action: existing ? 'leave_carry_over.updated' : 'leave_carry_over.created',
          entityType: 'hr.leave_carry_over',
          entityId: after.id,
          before: existing ? { ...existing } : null,
          after: { ...after, fromYear },
        });
      }
    }
    return { fromYear, toYear, employees: employees.length, changed, totalDays: formatDays(total) };
  });
}
