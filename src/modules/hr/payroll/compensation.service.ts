import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { periodAmount } from './calculate.js';
import * as repo from './compensation.repository.js';
import type { CompensationDto, CompensationListFilter, CreateCompensationInput } from './compensation.schemas.js';
import { compensationViewer, requireEmployee } from './payroll.access.js';
import { payrollErrors } from './payroll.errors.js';
import { fmt } from './payroll.shared.js';

const ENTITY = 'hr.compensation';

export function toCompensationDto(row: repo.CompensationRow): CompensationDto {
  return {
    id: row.id,
    employeeId: row.employee_id,
    effectiveDate: row.effective_date,
    baseSalary: fmt(row.base_salary),
    currency: row.currency,
    payFrequency: row.pay_frequency,
    periodAmount: fmt(periodAmount(row.base_salary, row.pay_frequency, row.currency)),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: isoTimestamp(row.created_at),
  };
}

/** The salary history, newest first: for the employee, hr:admin, and hr:compensation holders who see them in full. */
export async function listCompensation(db: Db, ctx: RequestContext, employeeId: string, f: CompensationListFilter) {
  await compensationViewer(db, ctx, employeeId);
  const page = await repo.listCompensations(db, employeeId, f);
  return { items: page.items.map(toCompensationDto), nextCursor: page.nextCursor };
}

/**
 * Adds a salary from a date (hr:admin). History is append-only: a change is a new record; approved
 * payslips keep the amounts they were calculated with.
 */
export async function addCompensation(db: Db, ctx: RequestContext, employeeId: string, input: CreateCompensationInput) {
  return inTransaction(db, async (trx) => {
    await requireEmployee(trx, employeeId);
    // Serialize changes to one employee's salary so the duplicate check below holds.
    await sql`select pg_advisory_xact_lock(hashtext(${`moms.hr.compensation:${employeeId}`}))`.execute(trx);
    if (await repo.findOnDate(trx, employeeId, input.effectiveDate))
      throw payrollErrors.compensationExists(input.effectiveDate);
    const row = await repo.insertCompensation(trx, {
      employee_id: employeeId,
      effective_date: input.effectiveDate,
      base_salary: input.baseSalary,
      currency: input.currency,
      pay_frequency: input.payFrequency,
      reason: input.reason ?? null,
      created_by: ctx.actor?.userId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'compensation.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...row },
    });
    return toCompensationDto(row);
  });
}
