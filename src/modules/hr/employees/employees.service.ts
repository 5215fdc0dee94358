import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { today } from '../../../platform/dates.js';
import { accessTo, maySeeCompensation, viewerOf } from '../access.js';
import { hrErrors } from '../hr.errors.js';
import { lockReportingTree } from '../hr.shared.js';
import { employeeView, toCard } from './employees.mappers.js';
import * as repo from './employees.repository.js';
import { checkDates, checkMayUpdate, checkNoLoop, checkReferences, checkUnique } from './employees.rules.js';
import type {
  CreateEmployeeInput,
  EmployeeListFilter,
  EmployeeViewDto,
  UpdateEmployeeInput,
  WithCompensationDto,
} from './employees.schemas.js';

export const ENTITY = 'hr.employee';

/** One employee as the caller may see them: the card, the full record, or that plus compensation. */
export async function viewEmployee(db: Db, ctx: RequestContext, id: string): Promise<EmployeeViewDto> {
  const viewer = await viewerOf(db, ctx);
  const access = await accessTo(db, viewer, id);
  const row = access === 'none' ? undefined : await repo.findEmployeeWithNames(db, id);
  if (!row || access === 'none') throw errors.notFound('Employee', id);
  if (access === 'directory') return employeeView(row, 'directory', false);
  const compensation = (await maySeeCompensation(db, viewer, id))
    ? ((await repo.currentCompensation(db, id, today())) ?? null)
    : false;
  return employeeView(row, 'full', compensation);
}

/**
 * GET /me: the signed-in user's own employee record, full and with compensation (everyone sees
 * their own salary), or a 404 when no employee record is linked to the user.
 */
export async function myEmployee(db: Db, ctx: RequestContext): Promise<WithCompensationDto> {
  const viewer = await viewerOf(db, ctx);
  if (!viewer.employeeId) throw hrErrors.noEmployeeRecord();
  const view = await viewEmployee(db, ctx, viewer.employeeId);
  if (!('compensation' in view)) throw new Error('An employee must see their own record with compensation');
  return view;
}

/** The directory: cards of every employee matching the filters (anyone with hr:read). */
export async function listEmployees(db: Db, filter: EmployeeListFilter) {
  const page = await repo.listCards(db, filter);
  return { items: page.items.map(toCard), nextCursor: page.nextCursor };
}

function values(input: Partial<CreateEmployeeInput>): repo.EmployeeValues {
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  return {
    ...(input.firstName !== undefined ? { first_name: input.firstName } : {}),
    ...(input.lastName !== undefined ? { last_name: input.lastName } : {}),
    ...(input.workEmail !== undefined ? { work_email: input.workEmail } : {}),
    ...(input.workPhone !== undefined ? { work_phone: input.workPhone } : {}),
    ...(input.personalEmail !== undefined ? { personal_email: input.personalEmail } : {}),
    ...(input.personalPhone !== undefined ? { personal_phone: input.personalPhone } : {}),
    ...(input.birthDate !== undefined ? { birth_date: input.birthDate } : {}),
    ...(input.homeAddress !== undefined ? { home_address: json(input.homeAddress) } : {}),
    ...(input.departmentId !== undefined ? { department_id: input.departmentId } : {}),
    ...(input.positionId !== undefined ? { position_id: input.positionId } : {}),
    ...(input.locationId !== undefined ? { location_id: input.locationId } : {}),
    ...(input.managerId !== undefined ? { manager_id: input.managerId } : {}),
    ...(input.employmentType !== undefined ? { employment_type: input.employmentType } : {}),
    ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
    ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
    ...(input.userId !== undefined ? { user_id: input.userId } : {}),
  };
}

/** Writes the job-history entry: what department, position and manager became, from a date. */
export async function recordJobChange(
  trx: Tx,
  ctx: RequestContext,
  row: repo.EmployeeRow,
  effectiveDate: string,
  reason: string | null,
) {
  return repo.insertJobChange(trx, {
    employee_id: row.id,
    effective_date: effectiveDate,
    department_id: row.department_id,
    position_id: row.position_id,
    manager_id: row.manager_id,
    reason,
    created_by: ctx.actor?.userId ?? null,
  });
}

async function fullView(db: Db, ctx: RequestContext, id: string) {
  return viewEmployee(db, ctx, id);
}

export async function createEmployee(db: Db, ctx: RequestContext, input: CreateEmployeeInput) {
  return inTransaction(db, async (trx) => {
    checkDates(
      { start_date: input.startDate, end_date: input.endDate ?? null, birth_date: input.birthDate ?? null },
      input.effectiveDate,
    );
    await checkReferences(trx, input);
    await checkUnique(trx, input);
    const row = await repo.insertEmployee(trx, {
      ...values(input),
      first_name: input.firstName,
      last_name: input.lastName,
      work_email: input.workEmail,
      start_date: input.startDate,
    });
    await recordJobChange(trx, ctx, row, input.effectiveDate ?? input.startDate, input.reason ?? 'Hired');
    await writeAudit(trx, ctx, { action: 'employee.created', entityType: ENTITY, entityId: row.id, after: { ...row } });
    return fullView(trx, ctx, row.id);
  });
}

const JOB_COLUMNS = ['department_id', 'position_id', 'manager_id'] as const;

export async function updateEmployee(db: Db, ctx: RequestContext, id: string, input: UpdateEmployeeInput) {
  return inTransaction(db, async (trx) => {
    const viewer = await viewerOf(trx, ctx);
    // The reporting-tree lock first (same order as terminations), then the row.
    if (input.managerId) await lockReportingTree(trx);
    const before = await repo.findEmployee(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Employee', id);
    await checkMayUpdate(trx, viewer, id, input);
    assertVersion('Employee', before, input.version);
    if (input.managerId) await checkNoLoop(trx, id, input.managerId);
    const patch = values(input);
    const jobChanged = JOB_COLUMNS.some((c) => patch[c] !== undefined && patch[c] !== before[c]);
    if (jobChanged && before.status !== 'active') throw hrErrors.employeeTerminated(id);
    const merged = { ...before, ...patch } as repo.EmployeeRow;
    checkDates(merged, jobChanged ? input.effectiveDate : undefined);
    await checkReferences(trx, {
      ...input,
      // Only references that change are checked (keeping a since-terminated manager is not an error).
      managerId: input.managerId !== before.manager_id ? input.managerId : undefined,
    });
    // A terminated employee's work email may be in use again (uniqueness is among active employees).
    await checkUnique(trx, { ...input, workEmail: before.status === 'active' ? input.workEmail : undefined }, id);
    const after = await repo.updateEmployee(trx, id, patch);
    if (jobChanged) await recordJobChange(trx, ctx, after, input.effectiveDate ?? today(), input.reason ?? null);
    await writeAudit(trx, ctx, {
      action: 'employee.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return fullView(trx, ctx, id);
  });
}
