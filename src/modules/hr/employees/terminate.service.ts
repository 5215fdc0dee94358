import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { hrErrors } from '../hr.errors.js';
import { assertEmployeeExists, fullName, lockReportingTree } from '../hr.shared.js';
import * as repo from './employees.repository.js';
import type { TerminateEmployeeInput } from './employees.schemas.js';
import { ENTITY, recordJobChange, viewEmployee } from './employees.service.js';

/**
 * Ends an employment (hr:admin). The record and its history stay; the status becomes terminated.
 * Active direct reports must be reassigned first, or to `reassignTo` in the same transaction (each
 * gets a job-history entry). Departments the employee headed lose their head (audited).
 */
export async function terminateEmployee(db: Db, ctx: RequestContext, id: string, input: TerminateEmployeeInput) {
  return inTransaction(db, async (trx) => {
    await lockReportingTree(trx);
    const before = await repo.findEmployee(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Employee', id);
    assertVersion('Employee', before, input.version);
    if (before.status !== 'active') throw hrErrors.employeeTerminated(id);
    if (input.endDate < before.start_date)
      throw hrErrors.invalidDates('endDate', `The end date is before the start date (${before.start_date}).`);

    const reports = await trx
      .selectFrom('hr.employees')
      .selectAll()
      .where('manager_id', '=', id)
      .where('status', '=', 'active')
      .orderBy('last_name')
      .orderBy('id')
      .forUpdate()
      .execute();
    if (reports.length > 0) {
      if (!input.reassignTo) throw hrErrors.hasReports(reports.map((r) => ({ id: r.id, name: fullName(r) })));
      const target = await assertEmployeeExists(trx, input.reassignTo, 'reassignTo', {
        activeOnly: true,
        forShare: true,
      });
      if (await repo.managerWouldLoop(trx, id, target.id)) throw hrErrors.managerLoop('reassignTo');
      for (const report of reports) {
        const moved = await repo.updateEmployee(trx, report.id, { manager_id: target.id });
        await recordJobChange(trx, ctx, moved, input.endDate, `Manager ${fullName(before)} left`);
        await writeAudit(trx, ctx, {
          action: 'employee.updated',
          entityType: ENTITY,
          entityId: report.id,
          before: { ...report },
          after: { ...moved },
        });
      }
    }

    const headed = await trx
      .updateTable('hr.departments')
      .set({ head_employee_id: null, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('head_employee_id', '=', id)
      .returning(['id', 'name', 'version'])
      .execute();
    for (const d of headed)
      await writeAudit(trx, ctx, {
        action: 'department.updated',
        entityType: 'hr.department',
        entityId: d.id,
        before: { head_employee_id: id },
        after: { head_employee_id: null, version: d.version, reason: 'head terminated' },
      });

    const after = await repo.updateEmployee(trx, id, {
      status: 'terminated',
      end_date: input.endDate,
      termination_reason: input.reason,
    });
    await writeAudit(trx, ctx, {
      action: 'employee.terminated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after, reassignedReports: reports.map((r) => r.id), clearedDepartmentHeads: headed.map((d) => d.id) },
    });
    return viewEmployee(trx, ctx, id);
  });
}
