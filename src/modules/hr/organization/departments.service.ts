import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { hrErrors } from '../hr.errors.js';
import { assertEmployeeExists } from '../hr.shared.js';
import { nonZero } from './locations.service.js';
import * as repo from './organization.repository.js';
import type {
  CreateDepartmentInput,
  DepartmentDto,
  DepartmentListFilter,
  DepartmentNodeDto,
  UpdateDepartmentInput,
} from './organization.schemas.js';

const ENTITY = 'hr.department';

export function toDepartmentDto(row: repo.DepartmentView): DepartmentDto {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    parentId: row.parent_id,
    headEmployeeId: row.head_employee_id,
    headName: row.head_name,
    employeeCount: row.employee_count,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

function values(input: Partial<CreateDepartmentInput>): repo.DepartmentValues {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
    ...(input.headEmployeeId !== undefined ? { head_employee_id: input.headEmployeeId } : {}),
  };
}

async function view(db: Db, id: string) {
  const row = await repo.findDepartmentView(db, id);
  if (!row) throw errors.notFound('Department', id);
  return toDepartmentDto(row);
}

/**
 * The head must be an active employee; the row stays share-locked until commit, so a concurrent
 * termination (which clears the heads it leaves) cannot slip in between.
 */
async function checkHead(trx: Tx, headEmployeeId: string | null | undefined) {
  if (headEmployeeId)
    await assertEmployeeExists(trx, headEmployeeId, 'headEmployeeId', { activeOnly: true, forShare: true });
}

async function checkParent(trx: Tx, parentId: string | null | undefined) {
  if (parentId && !(await repo.findDepartment(trx, parentId)))
    throw errors.invalidReference('parentId', 'Department', parentId);
}

export async function listDepartments(db: Db, filter: DepartmentListFilter) {
  const page = await repo.listDepartments(db, filter);
  return { items: page.items.map(toDepartmentDto), nextCursor: page.nextCursor };
}

/** Every department as a tree: top-level departments, each with its children, by name. */
export async function departmentTree(db: Db): Promise<{ items: DepartmentNodeDto[] }> {
  const rows = await repo.allDepartments(db);
  const nodes = new Map<string, DepartmentNodeDto>();
  for (const r of rows) {
    const { version: _v, createdAt: _c, updatedAt: _u, ...dto } = toDepartmentDto(r);
    nodes.set(r.id, { ...dto, children: [] });
  }
  const roots: DepartmentNodeDto[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parent_id ? nodes.get(r.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { items: roots };
}

export const getDepartment = (db: Db, id: string) => view(db, id);

export async function createDepartment(db: Db, ctx: RequestContext, input: CreateDepartmentInput) {
  return inTransaction(db, async (trx) => {
    await checkHead(trx, input.headEmployeeId);
    await checkParent(trx, input.parentId);
    const row = await repo.insertDepartment(trx, { ...values(input), name: input.name });
    await writeAudit(trx, ctx, {
      action: 'department.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...row },
    });
    return view(trx, row.id);
  });
}

export async function updateDepartment(db: Db, ctx: RequestContext, id: string, input: UpdateDepartmentInput) {
  return inTransaction(db, async (trx) => {
    if (input.parentId) await repo.lockDepartmentTree(trx);
    await checkHead(trx, input.headEmployeeId);
    const before = await repo.findDepartment(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Department', id);
    assertVersion('Department', before, input.version);
    if (input.parentId) {
      await checkParent(trx, input.parentId);
      if (input.parentId === id || (await repo.departmentWouldCycle(trx, id, input.parentId)))
        throw hrErrors.departmentCycle();
    }
    const after = await repo.updateDepartment(trx, id, values(input));
    await writeAudit(trx, ctx, {
      action: 'department.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return view(trx, id);
  });
}

export async function deleteDepartment(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.findDepartment(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Department', id);
    assertVersion('Department', before, version);
    const used = nonZero(await repo.departmentUsage(trx, id));
    if (used) throw hrErrors.inUse('Department', id, used);
    await repo.deleteRow(trx, 'hr.departments', id);
    await writeAudit(trx, ctx, {
      action: 'department.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
    });
  });
}
