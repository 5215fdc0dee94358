import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { hrErrors } from '../hr.errors.js';
import { nonZero } from './locations.service.js';
import * as repo from './organization.repository.js';
import type {
  CreatePositionInput,
  PositionDto,
  PositionListFilter,
  UpdatePositionInput,
} from './organization.schemas.js';

const ENTITY = 'hr.position';

export function toPositionDto(row: repo.PositionRow): PositionDto {
  return {
    id: row.id,
    title: row.title,
    code: row.code,
    departmentId: row.department_id,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

function values(input: Partial<CreatePositionInput>): repo.PositionValues {
  return {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.departmentId !== undefined ? { department_id: input.departmentId } : {}),
  };
}

async function checkDepartment(db: Db, departmentId: string | null | undefined) {
  if (departmentId && !(await repo.findDepartment(db, departmentId)))
    throw errors.invalidReference('departmentId', 'Department', departmentId);
}

export async function listPositions(db: Db, filter: PositionListFilter) {
  const page = await repo.listPositions(db, filter);
  return { items: page.items.map(toPositionDto), nextCursor: page.nextCursor };
}

export async function getPosition(db: Db, id: string) {
  const row = await repo.findPosition(db, id);
  if (!row) throw errors.notFound('Position', id);
  return toPositionDto(row);
}

export async function createPosition(db: Db, ctx: RequestContext, input: CreatePositionInput) {
  return inTransaction(db, async (trx) => {
    await checkDepartment(trx, input.departmentId);
    const row = await repo.insertPosition(trx, { ...values(input), title: input.title });
    await writeAudit(trx, ctx, { action: 'position.created', entityType: ENTITY, entityId: row.id, after: { ...row } });
    return toPositionDto(row);
  });
}

export async function updatePosition(db: Db, ctx: RequestContext, id: string, input: UpdatePositionInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findPosition(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Position', id);
    assertVersion('Position', before, input.version);
    await checkDepartment(trx, input.departmentId);
    const after = await repo.updatePosition(trx, id, values(input));
    await writeAudit(trx, ctx, {
      action: 'position.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return toPositionDto(after);
  });
}

export async function deletePosition(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.findPosition(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Position', id);
    assertVersion('Position', before, version);
    const used = nonZero(await repo.positionUsage(trx, id));
    if (used) throw hrErrors.inUse('Position', id, used);
    await repo.deleteRow(trx, 'hr.positions', id);
    await writeAudit(trx, ctx, { action: 'position.deleted', entityType: ENTITY, entityId: id, before: { ...before } });
  });
}
