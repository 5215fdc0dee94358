import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { emit } from '../../../platform/events/emit.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { userDisplayNames } from '../../auth/index.js';
import { baseCurrency, lookupParty } from '../../finance/index.js';
import { assertActiveUsers, requireProject, scopeOf, type ProjectAccess, type ProjectRow } from '../access.js';
import { projectsErrors } from '../projects.errors.js';
import { projectStatusChanged } from '../projects.events.js';
import type { MemberRole, ProjectStatus } from '../projects.tables.js';
import * as repo from './project.repository.js';
import type {
  CreateProjectInput,
  MemberInputT,
  ProjectDto,
  ProjectListFilter,
  PutWorkflowInput,
  UpdateProjectInput,
} from './project.schemas.js';

const ENTITY = 'projects.project';

/** The project status workflow: which status may follow which. */
export const PROJECT_TRANSITIONS: Record<ProjectStatus, readonly ProjectStatus[]> = {
  proposed: ['active', 'cancelled'],
  active: ['on_hold', 'completed', 'cancelled'],
  on_hold: ['active', 'cancelled'],
  completed: ['active'],
  cancelled: ['proposed'],
};

export const DEFAULT_WORKFLOW = [
  { name: 'To do', category: 'todo', position: 0 },
  { name: 'In progress', category: 'in_progress', position: 1 },
  { name: 'Done', category: 'done', position: 2 },
] as const;

export function toProjectDto(
  row: ProjectRow,
  access: { role: MemberRole | null; canManage: boolean },
  managerName: string | null,
): ProjectDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    clientPartyId: row.client_party_id,
    managerId: row.manager_id,
    managerName,
    status: row.status,
    startDate: row.start_date,
    endDate: row.end_date,
    budgetHours: row.budget_hours,
    budgetAmount: row.budget_amount,
    currency: row.currency,
    billingMethod: row.billing_method,
    fixedPrice: row.fixed_price,
    defaultBillingRate: row.default_billing_rate,
    tags: row.tags,
    archived: row.archived_at !== null,
    archivedAt: isoTimestampOrNull(row.archived_at),
    myRole: access.role,
    canManage: access.canManage,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

async function dto(db: Db, access: ProjectAccess) {
  const names = await userDisplayNames(db, [access.project.manager_id]);
  return toProjectDto(access.project, access, names.get(access.project.manager_id) ?? null);
}

export async function listProjects(db: Db, ctx: RequestContext, filter: ProjectListFilter) {
  const scope = scopeOf(ctx);
  const page = await repo.listProjects(db, scope, filter);
  const roles = await repo.rolesIn(
    db,
    scope.userId,
    page.items.map((p) => p.id),
  );
  const names = await userDisplayNames(
    db,
    page.items.map((p) => p.manager_id),
  );
  return {
    items: page.items.map((p) => {
      const role = roles.get(p.id) ?? (p.manager_id === scope.userId ? 'manager' : null);
      const canManage = scope.admin || p.manager_id === scope.userId || role === 'manager';
      return toProjectDto(p, { role, canManage }, names.get(p.manager_id) ?? null);
    }),
    nextCursor: page.nextCursor,
  };
}

export async function getProject(db: Db, ctx: RequestContext, id: string) {
  return dto(db, await requireProject(db, scopeOf(ctx), id, 'read'));
}

function checkDates(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start)
    throw errors.validation([{ path: 'endDate', message: 'The end date cannot be before the start date.' }]);
}

/** The client is an active Finance party that can be invoiced (a customer), else 422 on clientPartyId. */
async function assertClient(db: Db, partyId: string | null | undefined) {
  if (!partyId) return;
  const party = await lookupParty(db, partyId, 'customer');
  if (!party?.active) throw errors.invalidReference('clientPartyId', 'Customer', partyId);
}

function checkBilling(method: string, fixedPrice: string | null | undefined) {
  if (method === 'fixed_price' && !fixedPrice)
    throw errors.validation([{ path: 'fixedPrice', message: 'A fixed-price project needs its fixed price.' }]);
}

export async function createProject(db: Db, ctx: RequestContext, input: CreateProjectInput) {
  const scope = scopeOf(ctx);
  const managerId = input.managerId ?? scope.userId;
  if (managerId !== scope.userId && !scope.admin)
    throw errors.validation([
      { path: 'managerId', message: 'Only a projects administrator creates projects for another manager.' },
    ]);
  checkDates(input.startDate, input.endDate);
  checkBilling(input.billingMethod, input.fixedPrice);
  return inTransaction(db, async (trx) => {
    await assertActiveUsers(trx, [
      { userId: managerId, path: 'managerId' },
      ...input.members.map((m, i) => ({ userId: m.userId, path: `members.${i}.userId` })),
    ]);
    await assertClient(trx, input.clientPartyId);
    if (await repo.findByCode(trx, input.code)) throw projectsErrors.codeTaken(input.code);
    const row = await repo.insertProject(trx, {
      code: input.code,
      name: input.name,
      description: input.description,
      client_party_id: input.clientPartyId ?? null,
      manager_id: managerId,
      status: input.status,
      start_date: input.startDate ?? null,
      end_date: input.endDate ?? null,
      budget_hours: input.budgetHours ?? null,
      budget_amount: input.budgetAmount ?? null,
      currency: input.currency ?? (await baseCurrency(trx)),
      billing_method: input.billingMethod,
      fixed_price: input.fixedPrice ?? null,
      default_billing_rate: input.defaultBillingRate ?? null,
      tags: [...new Set(input.tags)],
    });
    await repo.insertStatuses(trx, row.id, [...DEFAULT_WORKFLOW]);
    const members = new Map<string, MemberInputT>(input.members.map((m) => [m.userId, m]));
    const manager = members.get(managerId);
    members.set(managerId, { ...manager, userId: managerId, role: 'manager' });
    for (const m of members.values()) await putMemberRow(trx, row.id, m);
    await writeAudit(trx, ctx, {
      action: 'project.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...row, members: [...members.values()] },
    });
    return dto(trx, { project: row, role: 'manager', canManage: true, canWork: true });
  });
}

function putMemberRow(trx: Tx, projectId: string, m: MemberInputT) {
  return repo.upsertMember(trx, {
    project_id: projectId,
    user_id: m.userId,
    role: m.role,
    cost_rate: m.costRate ?? null,
    billing_rate: m.billingRate ?? null,
  });
}

export async function updateProject(db: Db, ctx: RequestContext, id: string, input: UpdateProjectInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const access = await requireProject(trx, scope, id, 'manage', { forUpdate: true });
    const before = access.project;
    assertVersion('Project', before, input.version);
    if (input.clientPartyId && input.clientPartyId !== before.client_party_id)
      await assertClient(trx, input.clientPartyId);
    if (input.managerId && input.managerId !== before.manager_id) {
      if (!scope.admin && before.manager_id !== scope.userId) throw projectsErrors.notManager();
      await assertActiveUsers(trx, [{ userId: input.managerId, path: 'managerId' }]);
    }
    if (input.status && input.status !== before.status && !PROJECT_TRANSITIONS[before.status].includes(input.status))
      throw errors.conflict(
        `A project cannot go from ${before.status} to ${input.status}; from ${before.status} it can go to ${PROJECT_TRANSITIONS[before.status].join(' or ')}.`,
        { from: before.status, allowed: PROJECT_TRANSITIONS[before.status] },
      );
    checkDates(
      input.startDate === undefined ? before.start_date : input.startDate,
      input.endDate === undefined ? before.end_date : input.endDate,
    );
    checkBilling(
      input.billingMethod ?? before.billing_method,
      input.fixedPrice === undefined ? before.fixed_price : input.fixedPrice,
    );
    const after = await repo.updateProject(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.clientPartyId !== undefined ? { client_party_id: input.clientPartyId } : {}),
      ...(input.managerId !== undefined ? { manager_id: input.managerId } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
      ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      ...(input.budgetHours !== undefined ? { budget_hours: input.budgetHours } : {}),
      ...(input.budgetAmount !== undefined ? { budget_amount: input.budgetAmount } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
      ...(input.billingMethod !== undefined ? { billing_method: input.billingMethod } : {}),
      ...(input.fixedPrice !== undefined ? { fixed_price: input.fixedPrice } : {}),
      ...(input.defaultBillingRate !== undefined ? { default_billing_rate: input.defaultBillingRate } : {}),
      ...(input.tags !== undefined ? { tags: [...new Set(input.tags)] } : {}),
    });
    if (input.managerId && input.managerId !== before.manager_id)
      await putMemberRow(trx, id, { userId: input.managerId, role: 'manager' });
    if (after.status !== before.status)
      await emit(trx, {
        type: projectStatusChanged,
        payload: { projectId: id, from: before.status, to: after.status },
        actorId: scope.userId,
      });
    await writeAudit(trx, ctx, {
      action: after.status !== before.status ? 'project.status-changed' : 'project.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return dto(trx, { ...access, project: after });
  });
}

export async function setArchived(db: Db, ctx: RequestContext, id: string, version: number, archived: boolean) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const access = await requireProject(trx, scope, id, 'read', { forUpdate: true });
    if (!access.canManage) throw projectsErrors.notManager();
    assertVersion('Project', access.project, version);
    if ((access.project.archived_at !== null) === archived) return dto(trx, access);
    const after = await repo.updateProject(trx, id, { archived_at: archived ? new Date() : null });
    await writeAudit(trx, ctx, {
      action: archived ? 'project.archived' : 'project.unarchived',
      entityType: ENTITY,
      entityId: id,
      before: { archived_at: access.project.archived_at },
      after: { archived_at: after.archived_at },
    });
    return dto(trx, { ...access, project: after });
  });
}

// ---- members ------------------------------------------------------------------------------------

async function memberDtos(db: Db, projectId: string) {
  const rows = await repo.listMembers(db, projectId);
  const names = await userDisplayNames(
    db,
    rows.map((r) => r.user_id),
  );
  return {
    items: rows.map((r) => ({
      userId: r.user_id,
      name: names.get(r.user_id) ?? null,
      role: r.role as MemberRole,
      costRate: r.cost_rate,
      billingRate: r.billing_rate,
    })),
  };
}

export async function listMembers(db: Db, ctx: RequestContext, projectId: string) {
  const access = await requireProject(db, scopeOf(ctx), projectId, 'read');
  const list = await memberDtos(db, projectId);
  // Rates are the manager's business: members see who is in the project, not what they cost.
  if (access.canManage) return list;
  return { items: list.items.map((m) => ({ ...m, costRate: null, billingRate: null })) };
}

export async function putMember(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  userId: string,
  input: Omit<MemberInputT, 'userId'>,
) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const access = await requireProject(trx, scope, projectId, 'manage', { forUpdate: true });
    await assertActiveUsers(trx, [{ userId, path: 'userId' }]);
    if (userId === access.project.manager_id && input.role !== 'manager')
      throw errors.validation([{ path: 'role', message: "The project's manager keeps the role manager." }]);
    const row = await putMemberRow(trx, projectId, { ...input, userId });
    await writeAudit(trx, ctx, {
      action: 'project.member-set',
      entityType: ENTITY,
      entityId: projectId,
      after: { ...row },
    });
    return memberDtos(trx, projectId);
  });
}

export async function removeMember(db: Db, ctx: RequestContext, projectId: string, userId: string) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    const access = await requireProject(trx, scope, projectId, 'manage', { forUpdate: true });
    if (userId === access.project.manager_id)
      throw errors.conflict("The project's manager cannot be removed; give the project another manager first.");
    const before = await repo.deleteMember(trx, projectId, userId);
    if (!before) throw errors.notFound('Project member', userId);
    await writeAudit(trx, ctx, {
      action: 'project.member-removed',
      entityType: ENTITY,
      entityId: projectId,
      before: { ...before },
    });
  });
}

// ---- workflow -----------------------------------------------------------------------------------

export async function getWorkflow(db: Db, ctx: RequestContext, projectId: string) {
  await requireProject(db, scopeOf(ctx), projectId, 'read');
  return { items: (await repo.listStatuses(db, projectId)).map(toStatusDto) };
}

const toStatusDto = (s: { id: string; name: string; category: 'todo' | 'in_progress' | 'done'; position: number }) => ({
  id: s.id,
  name: s.name,
  category: s.category,
  position: s.position,
});

/**
 * Replaces the project's workflow with this ordered list: listed ids are kept (renamed, recategorized,
 * reordered), new ones added, missing ones removed — refused (409) while a removed status has tasks.
 */
export async function putWorkflow(db: Db, ctx: RequestContext, projectId: string, input: PutWorkflowInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    await requireProject(trx, scope, projectId, 'manage', { forUpdate: true });
    const before = await repo.listStatuses(trx, projectId);
    const existing = new Map(before.map((s) => [s.id, s]));
    input.statuses.forEach((s, i) => {
      if (s.id && !existing.has(s.id))
        throw errors.validation([{ path: `statuses.${i}.id`, message: 'Not a status of this project.' }]);
    });
    const kept = new Set(input.statuses.flatMap((s) => (s.id ? [s.id] : [])));
    const counts = await repo.tasksPerStatus(trx, projectId);
    for (const s of before)
      if (!kept.has(s.id) && (counts.get(s.id) ?? 0) > 0) throw projectsErrors.statusInUse(s.name, counts.get(s.id)!);
    await repo.parkStatuses(trx, projectId);
    for (const s of before) if (!kept.has(s.id)) await repo.deleteStatus(trx, s.id);
    const fresh: { name: string; category: 'todo' | 'in_progress' | 'done'; position: number }[] = [];
    for (const [position, s] of input.statuses.entries()) {
      if (s.id) await repo.updateStatus(trx, s.id, { name: s.name, category: s.category, position });
      else fresh.push({ name: s.name, category: s.category, position });
    }
    if (fresh.length > 0) await repo.insertStatuses(trx, projectId, fresh);
    await repo.syncCompletion(trx, projectId);
    const after = await repo.listStatuses(trx, projectId);
    await writeAudit(trx, ctx, {
      action: 'project.workflow-changed',
      entityType: ENTITY,
      entityId: projectId,
      before: { statuses: before.map(toStatusDto) },
      after: { statuses: after.map(toStatusDto) },
    });
    return { items: after.map(toStatusDto) };
  });
}
