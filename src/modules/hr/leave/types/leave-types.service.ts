import { writeAudit } from '../../../../platform/audit/audit-writer.js';
import type { Db } from '../../../../platform/db/database.js';
import { inTransaction } from '../../../../platform/db/transaction.js';
import { errors } from '../../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../../platform/http/app-env.js';
import { assertVersion } from '../../../../platform/http/versioning.js';
import { isoTimestamp } from '../../../../platform/dates.js';
import { days, formatDays } from '../entitlement.js';
import { leaveErrors } from '../leave.errors.js';
import * as repo from './leave-types.repository.js';
import type { CreateLeaveTypeInput, LeaveTypeDto, UpdateLeaveTypeInput } from './leave-types.schemas.js';

const ENTITY = 'hr.leave_type';

export function toLeaveTypeDto(row: repo.LeaveTypeRow): LeaveTypeDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    yearlyAllowance: formatDays(days(row.yearly_allowance)),
    paid: row.paid,
    allowNegative: row.allow_negative,
    requiresApproval: row.requires_approval,
    carryOverMax: formatDays(days(row.carry_over_max)),
    carryOverExpiryMonth: row.carry_over_expiry_month,
    active: row.active,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export async function listLeaveTypes(db: Db, active?: boolean) {
  return { items: (await repo.listLeaveTypes(db, active)).map(toLeaveTypeDto) };
}

export async function getLeaveType(db: Db, id: string) {
  const row = await repo.findLeaveType(db, id);
  if (!row) throw errors.notFound('Leave type', id);
  return toLeaveTypeDto(row);
}

function values(input: Partial<CreateLeaveTypeInput>): repo.LeaveTypeValues {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.yearlyAllowance !== undefined ? { yearly_allowance: input.yearlyAllowance } : {}),
    ...(input.paid !== undefined ? { paid: input.paid } : {}),
    ...(input.allowNegative !== undefined ? { allow_negative: input.allowNegative } : {}),
    ...(input.requiresApproval !== undefined ? { requires_approval: input.requiresApproval } : {}),
    ...(input.carryOverMax !== undefined ? { carry_over_max: input.carryOverMax } : {}),
    ...(input.carryOverExpiryMonth !== undefined ? { carry_over_expiry_month: input.carryOverExpiryMonth } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
}

export async function createLeaveType(db: Db, ctx: RequestContext, input: CreateLeaveTypeInput) {
  return inTransaction(db, async (trx) => {
    if (await repo.findByCode(trx, input.code)) throw leaveErrors.codeTaken(input.code);
    const row = await repo.insertLeaveType(trx, {
      ...values(input),
      code: input.code,
      name: input.name,
      yearly_allowance: input.yearlyAllowance,
    });
    await writeAudit(trx, ctx, {
      action: 'leave_type.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...row },
    });
    return toLeaveTypeDto(row);
  });
}

/**
 * Changes a leave type. Balances are computed from the type when read, so a new allowance applies
 * to every year's entitlement at once; existing requests keep their day counts.
 */
export async function updateLeaveType(db: Db, ctx: RequestContext, id: string, input: UpdateLeaveTypeInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findLeaveType(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Leave type', id);
    assertVersion('Leave type', before, input.version);
    const after = await repo.updateLeaveType(trx, id, values(input));
    await writeAudit(trx, ctx, {
      action: 'leave_type.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return toLeaveTypeDto(after);
  });
}
