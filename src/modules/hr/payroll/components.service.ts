import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp } from '../../../platform/dates.js';
import * as repo from './components.repository.js';
import type {
  ComponentListFilter,
  CreateComponentInput,
  PayComponentDto,
  UpdateComponentInput,
} from './components.schemas.js';
import { compensationViewer, requireEmployee } from './payroll.access.js';
import { payrollErrors } from './payroll.errors.js';
import { fmt, trimDecimal } from './payroll.shared.js';

const ENTITY = 'hr.pay-component';

export function toComponentDto(row: repo.ComponentRow): PayComponentDto {
  return {
    id: row.id,
    employeeId: row.employee_id,
    kind: row.kind,
    name: row.name,
    amount: row.amount === null ? null : fmt(row.amount),
    rate: row.rate === null ? null : trimDecimal(row.rate),
    startDate: row.start_date,
    endDate: row.end_date,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export async function listComponents(db: Db, ctx: RequestContext, employeeId: string, f: ComponentListFilter) {
  await compensationViewer(db, ctx, employeeId);
  const page = await repo.listComponents(db, employeeId, f);
  return { items: page.items.map(toComponentDto), nextCursor: page.nextCursor };
}

export async function createComponent(db: Db, ctx: RequestContext, employeeId: string, input: CreateComponentInput) {
  return inTransaction(db, async (trx) => {
    await requireEmployee(trx, employeeId);
    const row = await repo.insertComponent(trx, {
      employee_id: employeeId,
      kind: input.kind,
      name: input.name,
      amount: input.amount ?? null,
      rate: input.rate ?? null,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      created_by: ctx.actor?.userId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'pay-component.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...row },
    });
    return toComponentDto(row);
  });
}

/**
 * Changes a component. Payslips already calculated keep their amounts until the run is
 * recalculated; approved payslips never change.
 */
export async function updateComponent(db: Db, ctx: RequestContext, id: string, input: UpdateComponentInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findComponent(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Pay component', id);
    assertVersion('Pay component', before, input.version);
    const amount = input.amount !== undefined ? input.amount : before.amount;
    const rate = input.rate !== undefined ? input.rate : before.rate;
    if ((amount === null) === (rate === null))
      throw errors.validation([{ path: 'amount', message: 'Send either amount or rate, not both.', code: 'one_of' }]);
    const startDate = input.startDate ?? before.start_date;
    const endDate = input.endDate !== undefined ? input.endDate : before.end_date;
    if (endDate !== null && endDate < startDate) throw payrollErrors.invalidDates('endDate', 'Ends before it starts.');
    const after = await repo.updateComponent(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      amount,
      rate,
      start_date: startDate,
      end_date: endDate,
    });
    await writeAudit(trx, ctx, {
      action: 'pay-component.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return toComponentDto(after);
  });
}

export async function deleteComponent(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.findComponent(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Pay component', id);
    assertVersion('Pay component', before, version);
    await repo.deleteComponent(trx, id);
    await writeAudit(trx, ctx, {
      action: 'pay-component.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
    });
  });
}
