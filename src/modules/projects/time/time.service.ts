import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { emit } from '../../../platform/events/emit.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { userDisplayNames } from '../../auth/index.js';
import { hourlyCostRates } from '../../hr/index.js';
import { loadProjectAccess, requireProject, scopeOf, type ProjectAccess, type ProjectScope } from '../access.js';
import { projectsErrors } from '../projects.errors.js';
import { timesheetApproved } from '../projects.events.js';
import * as tasks from '../tasks/tasks.repository.js';
import * as repo from './time.repository.js';
import type {
  CreateTimeEntryInput,
  TimeEntryDto,
  TimeEntryListFilter,
  TimesheetDto,
  TimesheetListFilter,
  UpdateTimeEntryInput,
} from './time.schemas.js';

const ENTRY = 'projects.time-entry';
const SHEET = 'projects.timesheet';

function toEntryDto(row: repo.EntryRow, showCost: boolean): TimeEntryDto {
  return {
    id: row.id,
    projectId: row.project_id,
    taskId: row.task_id,
    taskKey: row.task_key,
    userId: row.user_id,
    date: row.entry_date,
    weekStart: repo.weekStartOf(row.entry_date),
    hours: row.hours,
    note: row.note,
    billable: row.billable,
    costRate: showCost ? row.cost_rate : null,
    billingRate: row.billing_rate,
    currency: row.currency,
    invoiced: row.invoice_id !== null,
    invoiceId: row.invoice_id,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
  };
}

export async function listEntries(db: Db, ctx: RequestContext, filter: TimeEntryListFilter) {
  const page = await repo.listEntries(db, scopeOf(ctx), filter);
  return { items: page.items.map((e) => toEntryDto(e, true)), nextCursor: page.nextCursor };
}

/** A week that is submitted or approved is locked: its entries cannot be added, changed or removed. */
async function openWeek(trx: Tx, projectId: string, userId: string, date: string) {
  const sheet = await repo.lockWeek(trx, projectId, userId, repo.weekStartOf(date));
  if (sheet.status === 'submitted' || sheet.status === 'approved')
    throw projectsErrors.timesheetLocked(sheet.week_start, sheet.status);
  return sheet;
}

/** The person's rates in the project: the project's rate card first, else HR's salary cost and the project's default billing rate. */
async function ratesFor(trx: Tx, access: ProjectAccess, userId: string, date: string) {
  const member = await repo.memberRates(trx, access.project.id, userId);
  let cost = member?.cost_rate ?? null;
  if (cost === null) {
    const hr = (await hourlyCostRates(trx, [userId], date)).get(userId);
    // A salary in another currency is not converted: the project's rate card should say the cost.
    if (hr && hr.currency === access.project.currency) cost = hr.rate;
  }
  return { cost, billing: member?.billing_rate ?? access.project.default_billing_rate };
}

async function resolveTask(trx: Tx, scope: ProjectScope, taskId: string, projectId?: string) {
  const task = await tasks.findTask(trx, scope, taskId);
  if (!task) throw errors.invalidReference('taskId', 'Task', taskId);
  if (projectId && task.project_id !== projectId)
    throw errors.validation([{ path: 'taskId', message: 'The task belongs to another project.' }]);
  return task;
}

export async function createEntry(db: Db, ctx: RequestContext, input: CreateTimeEntryInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const task = input.taskId ? await resolveTask(trx, scope, input.taskId, input.projectId) : undefined;
    const projectId = task?.project_id ?? input.projectId!;
    const userId = input.userId ?? scope.userId;
    const access = await requireProject(trx, scope, projectId, userId === scope.userId ? 'work' : 'manage', {
      path: 'projectId',
    });
    if (userId !== scope.userId) {
      const member = await repo.memberRates(trx, projectId, userId);
      if (!member || member.role === 'viewer') throw projectsErrors.notAMember([{ userId, path: 'userId' }]);
    }
    await openWeek(trx, projectId, userId, input.date);
    const rates = await ratesFor(trx, access, userId, input.date);
    const { id } = await repo.insertEntry(trx, {
      project_id: projectId,
      task_id: task?.id ?? null,
      user_id: userId,
      entry_date: input.date,
      hours: input.hours,
      note: input.note,
      billable: input.billable ?? access.project.billing_method !== 'non_billable',
      cost_rate: rates.cost,
      billing_rate: rates.billing,
      currency: access.project.currency,
    });
    const row = (await repo.findEntry(trx, id))!;
    await repo.addToTotals(trx, row, 1);
    await writeAudit(trx, ctx, { action: 'time-entry.created', entityType: ENTRY, entityId: id, after: { ...row } });
    return toEntryDto(row, true);
  });
}

/** The entry locked, if the caller may change it (their own, or as the project's manager). */
async function lockEntryForChange(trx: Tx, scope: ProjectScope, id: string) {
  const row = await repo.findEntry(trx, id, true);
  const access = row ? await loadProjectAccess(trx, scope, row.project_id) : undefined;
  if (!row || !access || (row.user_id !== scope.userId && !access.canManage)) throw errors.notFound('Time entry', id);
  if (access.project.archived_at) throw projectsErrors.archived(access.project.code);
  if (row.invoice_id) throw errors.conflict('This time is invoiced and cannot change.', { invoiceId: row.invoice_id });
  return { row, access };
}

export async function updateEntry(db: Db, ctx: RequestContext, id: string, input: UpdateTimeEntryInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const { row: before } = await lockEntryForChange(trx, scope, id);
    assertVersion('Time entry', before, input.version);
    await openWeek(trx, before.project_id, before.user_id, before.entry_date);
    if (input.date && repo.weekStartOf(input.date) !== repo.weekStartOf(before.entry_date))
      await openWeek(trx, before.project_id, before.user_id, input.date);
    if (input.taskId) await resolveTask(trx, scope, input.taskId, before.project_id);
    await repo.updateEntry(trx, id, {
      ...(input.taskId !== undefined ? { task_id: input.taskId } : {}),
      ...(input.date !== undefined ? { entry_date: input.date } : {}),
      ...(input.hours !== undefined ? { hours: input.hours } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      ...(input.billable !== undefined ? { billable: input.billable } : {}),
    });
    const after = (await repo.findEntry(trx, id))!;
    await repo.addToTotals(trx, before, -1);
    await repo.addToTotals(trx, after, 1);
    await writeAudit(trx, ctx, {
      action: 'time-entry.updated',
      entityType: ENTRY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return toEntryDto(after, true);
  });
}

export async function deleteEntry(db: Db, ctx: RequestContext, id: string, version: number) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    const { row: before } = await lockEntryForChange(trx, scope, id);
    assertVersion('Time entry', before, version);
    await openWeek(trx, before.project_id, before.user_id, before.entry_date);
    await repo.deleteEntry(trx, id);
    await repo.addToTotals(trx, before, -1);
    await writeAudit(trx, ctx, {
      action: 'time-entry.deleted',
      entityType: ENTRY,
      entityId: id,
      before: { ...before },
    });
  });
}

// ---- timesheets ---------------------------------------------------------------------------------

async function sheetDtos(db: Db, scope: ProjectScope, rows: repo.SheetRow[]): Promise<TimesheetDto[]> {
  const names = await userDisplayNames(
    db,
    rows.map((r) => r.user_id),
  );
  const managed = new Map<string, boolean>();
  for (const r of rows)
    if (!managed.has(r.project_id))
      managed.set(r.project_id, Boolean((await loadProjectAccess(db, scope, r.project_id))?.canManage));
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    projectCode: r.project_code,
    userId: r.user_id,
    userName: names.get(r.user_id) ?? null,
    weekStart: r.week_start,
    status: r.status,
    totalHours: r.total_hours,
    submittedAt: isoTimestampOrNull(r.submitted_at),
    decidedBy: r.decided_by,
    decidedAt: isoTimestampOrNull(r.decided_at),
    decisionComment: r.decision_comment,
    canApprove: r.status === 'submitted' && managed.get(r.project_id)! && (r.user_id !== scope.userId || scope.admin),
    version: r.version,
  }));
}

export async function listSheets(db: Db, ctx: RequestContext, filter: TimesheetListFilter) {
  const scope = scopeOf(ctx);
  const page = await repo.listSheets(db, scope, filter);
  return { items: await sheetDtos(db, scope, page.items), nextCursor: page.nextCursor };
}

async function visibleSheet(db: Db, scope: ProjectScope, id: string, lock: boolean) {
  const row = lock ? await repo.lockSheet(db, id) : await repo.findSheet(db, id);
  const access = row ? await loadProjectAccess(db, scope, row.project_id) : undefined;
  if (!row || !access || (row.user_id !== scope.userId && !access.canManage)) throw errors.notFound('Timesheet', id);
  return { row, access };
}

async function withEntries(db: Db, scope: ProjectScope, row: repo.SheetRow) {
  const [dto] = await sheetDtos(db, scope, [row]);
  const entries = await repo.sheetEntries(db, row.project_id, row.user_id, row.week_start);
  return { ...dto!, entries: entries.map((e) => toEntryDto(e, true)) };
}

export async function getSheet(db: Db, ctx: RequestContext, id: string) {
  const scope = scopeOf(ctx);
  return withEntries(db, scope, (await visibleSheet(db, scope, id, false)).row);
}

/** The person submits their week of a project for approval (it locks the week's entries). */
export async function submitSheet(db: Db, ctx: RequestContext, projectId: string, weekStart: string) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    await requireProject(trx, scope, projectId, 'work', { path: 'projectId' });
    const sheet = await repo.lockWeek(trx, projectId, scope.userId, weekStart);
    if (sheet.status !== 'open' && sheet.status !== 'rejected')
      throw projectsErrors.timesheetState(sheet.status, 'open or rejected');
    const entries = await repo.sheetEntries(trx, projectId, scope.userId, weekStart);
    if (entries.length === 0)
      throw errors.validation([{ path: 'weekStart', message: 'There is no time in this week to submit.' }]);
    await repo.updateSheet(trx, sheet.id, { status: 'submitted', submitted_at: new Date() });
    await writeAudit(trx, ctx, {
      action: 'timesheet.submitted',
      entityType: SHEET,
      entityId: sheet.id,
      before: { status: sheet.status },
      after: { status: 'submitted' },
    });
    return withEntries(trx, scope, (await repo.findSheet(trx, sheet.id))!);
  });
}

/** The project's manager approves (entries stay locked; billable time becomes invoiceable) or rejects (reopens). */
export async function decideSheet(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; comment?: string | undefined },
  decision: 'approved' | 'rejected',
) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const { row, access } = await visibleSheet(trx, scope, id, true);
    if (!access.canManage) throw projectsErrors.notManager();
    if (row.user_id === scope.userId && !scope.admin)
      throw errors.forbidden('projects:admin (approving your own time)');
    assertVersion('Timesheet', row, input.version);
    if (row.status !== 'submitted') throw projectsErrors.timesheetState(row.status, 'submitted');
    if (decision === 'rejected' && !input.comment)
      throw errors.validation([{ path: 'comment', message: 'Say why the week is rejected.' }]);
    await repo.updateSheet(trx, id, {
      status: decision,
      decided_by: scope.userId,
      decided_at: new Date(),
      decision_comment: input.comment ?? null,
    });
    if (decision === 'approved')
      await emit(trx, {
        type: timesheetApproved,
        payload: {
          timesheetId: id,
          projectId: row.project_id,
          userId: row.user_id,
          weekStart: row.week_start,
          hours: row.total_hours,
        },
        actorId: scope.userId,
      });
    await writeAudit(trx, ctx, {
      action: `timesheet.${decision}`,
      entityType: SHEET,
      entityId: id,
      before: { status: row.status },
      after: { status: decision, comment: input.comment ?? null },
    });
    return withEntries(trx, scope, (await repo.findSheet(trx, id))!);
  });
}
