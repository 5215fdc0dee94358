import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { isoTimestamp, isoTimestampOrNull, today } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { emit } from '../../../platform/events/emit.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { Money } from '../../../platform/money/money.js';
import { sendMail } from '../../../platform/mail/send-mail.js';
import { notify } from '../../../platform/notifications/notify.js';
import { userDisplayNames, usersHolding } from '../../auth/index.js';
import { taskMention } from '../projects.mail.js';
import { requireProject, scopeOf, type ProjectScope } from '../access.js';
import { projectsErrors } from '../projects.errors.js';
import { milestoneReached, taskCompleted } from '../projects.events.js';
import type { StatusCategory } from '../projects.tables.js';
import * as checklist from './checklist.repository.js';
import * as deps from './dependencies.repository.js';
import { toProgress } from './progress.js';
import * as repo from './tasks.repository.js';
import type {
  ChecklistEntryDto,
  CreateTaskInput,
  MoveTaskInput,
  ProgressDto,
  TaskDto,
  TaskListFilter,
  UpdateTaskInput,
} from './tasks.schemas.js';

export const TASK_ENTITY = 'projects.task';

export function toChecklistDto(items: readonly checklist.ChecklistItemRow[]): ChecklistEntryDto[] {
  return items.map((i) => ({ id: i.id, text: i.text, done: i.done, position: i.position, version: i.version }));
}

export function toTaskDto(
  row: repo.TaskRow,
  assigneeIds: string[],
  items: readonly checklist.ChecklistItemRow[],
  progress: ProgressDto | null = null,
): TaskDto {
  return {
    id: row.id,
    projectId: row.project_id,
    key: `${row.project_code}-${row.number}`,
    number: row.number,
    parentId: row.parent_id,
    type: row.type,
    title: row.title,
    description: row.description,
    statusId: row.status_id,
    statusName: row.status_name,
    statusCategory: row.status_category,
    priority: row.priority,
    startDate: row.start_date,
    dueDate: row.due_date,
    estimateHours: row.estimate_hours,
    labels: row.labels,
    checklist: toChecklistDto(items),
    rank: row.rank,
    assigneeIds,
    completedAt: isoTimestampOrNull(row.completed_at),
    progress,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

async function taskDto(db: Db, row: repo.TaskRow): Promise<TaskDto> {
  const assignees = await repo.assigneesOf(db, [row.id]);
  const items = await checklist.itemsOf(db, [row.id]);
  const progress = (await repo.subtreeProgress(db, [row.id])).get(row.id);
  return toTaskDto(row, assignees.get(row.id) ?? [], items.get(row.id) ?? [], progress ? toProgress(progress) : null);
}

/** The task if the caller sees its project (404 otherwise). */
async function visibleTask(db: Db, scope: ProjectScope, id: string) {
  const row = await repo.findTask(db, scope, id);
  if (!row) throw errors.notFound('Task', id);
  return row;
}

/** Locks the task and checks the caller works in its project (404 / 403 / 409 archived). */
export async function lockForWork(trx: Tx, scope: ProjectScope, id: string) {
  await visibleTask(trx, scope, id);
  const row = await repo.lockTask(trx, id);
  if (!row) throw errors.notFound('Task', id);
  const access = await requireProject(trx, scope, row.project_id, 'work');
  return { row, access };
}

export async function listTasks(db: Db, ctx: RequestContext, filter: TaskListFilter) {
  const page = await repo.listTasks(db, scopeOf(ctx), filter);
  const ids = page.items.map((t) => t.id);
  const assignees = await repo.assigneesOf(db, ids);
  const items = await checklist.itemsOf(db, ids);
  return {
    items: page.items.map((t) => toTaskDto(t, assignees.get(t.id) ?? [], items.get(t.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}

export async function getTask(db: Db, ctx: RequestContext, id: string) {
  return taskDto(db, await visibleTask(db, scopeOf(ctx), id));
}

async function assertAssignees(trx: Tx, projectId: string, ids: readonly string[]) {
  const members = await repo.membersAmong(trx, projectId, ids);
  const missing = ids.flatMap((userId, i) => (members.has(userId) ? [] : [{ userId, path: `assigneeIds.${i}` }]));
  if (missing.length > 0) throw projectsErrors.notAMember(missing);
}

async function assertParent(trx: Tx, projectId: string, parentId: string, taskId?: string) {
  const parent = await repo.lockTask(trx, parentId);
  if (!parent || parent.project_id !== projectId)
    throw projectsErrors.hierarchy('parentId', 'The parent must be a task of the same project.');
  if (parent.type === 'milestone') throw projectsErrors.hierarchy('parentId', 'A milestone cannot have subtasks.');
  if (taskId && (await repo.isSelfOrAncestor(trx, taskId, parentId)))
    throw projectsErrors.hierarchy('parentId', 'A task cannot be under itself or one of its subtasks.');
}

function checkDates(type: string, start: string | null, due: string | null) {
  if (start && due && due < start)
    throw errors.validation([{ path: 'dueDate', message: 'The due date cannot be before the start date.' }]);
  // A milestone is a point in time: its start is its due date.
  if (type === 'milestone') return { start: due ?? start, due: due ?? start };
  return { start, due };
}

/** Refuses (409, naming the blockers) a status change that starts or completes a task with open blockers. */
async function guardTransition(trx: Tx, taskId: string, from: StatusCategory, to: StatusCategory) {
  if (from === to || to === 'todo') return;
  const blockers = await deps.openBlockers(trx, taskId);
  if (blockers.length > 0) throw projectsErrors.taskBlocked(to === 'done' ? 'complete' : 'start', blockers);
}

async function afterStatusChange(
  trx: Tx,
  ctx: RequestContext,
  row: repo.TaskRow,
  from: StatusCategory,
  to: StatusCategory,
): Promise<repo.TaskValues> {
  if (from === to) return {};
  if (to !== 'done') return from === 'done' ? { completed_at: null } : {};
  const actorId = ctx.actor?.userId ?? null;
  await emit(trx, {
    type: taskCompleted,
    payload: { taskId: row.id, projectId: row.project_id, type: row.type },
    actorId,
  });
  if (row.type === 'milestone') {
    const reachedOn = today();
    await emit(trx, {
      type: milestoneReached,
      payload: {
        taskId: row.id,
        projectId: row.project_id,
        dueDate: row.due_date,
        reachedOn,
        onTime: row.due_date === null || reachedOn <= row.due_date,
      },
      actorId,
    });
  }
  return { completed_at: new Date() };
}

export async function createTask(db: Db, ctx: RequestContext, input: CreateTaskInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    await requireProject(trx, scope, input.projectId, 'work', { path: 'projectId' });
    if (input.parentId) await assertParent(trx, input.projectId, input.parentId);
    const status = input.statusId
      ? await repo.findStatus(trx, input.projectId, input.statusId)
      : await repo.firstStatus(trx, input.projectId);
    if (!status) throw errors.invalidReference('statusId', 'Status', input.statusId ?? '');
    await assertAssignees(trx, input.projectId, input.assigneeIds);
    const dates = checkDates(input.type, input.startDate ?? null, input.dueDate ?? null);
    const number = await repo.nextTaskNumber(trx, input.projectId);
    const last = await repo.lastRank(trx, status.id);
    const { id } = await repo.insertTask(trx, {
      project_id: input.projectId,
      number,
      parent_id: input.parentId ?? null,
      type: input.type,
      title: input.title,
      description: input.description,
      status_id: status.id,
      priority: input.priority,
      start_date: dates.start,
      due_date: dates.due,
      estimate_hours: input.estimateHours ?? null,
      labels: [...new Set(input.labels)],
      rank: last === null ? '0' : new Money(last).plus(1).toFixed(),
      completed_at: status.category === 'done' ? new Date() : null,
    });
    await repo.setAssignees(trx, id, input.assigneeIds);
    await checklist.replaceItems(trx, id, input.checklist);
    const row = (await repo.lockTask(trx, id))!;
    await writeAudit(trx, ctx, {
      action: 'task.created',
      entityType: TASK_ENTITY,
      entityId: id,
      after: { ...row, assignee_ids: input.assigneeIds, checklist: input.checklist },
    });
    return taskDto(trx, row);
  });
}

export async function updateTask(db: Db, ctx: RequestContext, id: string, input: UpdateTaskInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const { row: before } = await lockForWork(trx, scope, id);
    assertVersion('Task', before, input.version);
    if (input.parentId) await assertParent(trx, before.project_id, input.parentId, id);
    if (input.assigneeIds) await assertAssignees(trx, before.project_id, input.assigneeIds);
    const type = input.type ?? before.type;
    const dates = checkDates(
      type,
      input.startDate === undefined ? before.start_date : input.startDate,
      input.dueDate === undefined ? before.due_date : input.dueDate,
    );
    let statusPatch: repo.TaskValues = {};
    if (input.statusId && input.statusId !== before.status_id) {
      const status = await repo.findStatus(trx, before.project_id, input.statusId);
      if (!status) throw errors.invalidReference('statusId', 'Status', input.statusId);
      await guardTransition(trx, id, before.status_category, status.category);
      const last = await repo.lastRank(trx, status.id);
      statusPatch = {
        status_id: status.id,
        rank: last === null ? '0' : new Money(last).plus(1).toFixed(),
        ...(await afterStatusChange(trx, ctx, before, before.status_category, status.category)),
      };
    }
    await repo.updateTask(trx, id, {
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      start_date: dates.start,
      due_date: dates.due,
      ...(input.estimateHours !== undefined ? { estimate_hours: input.estimateHours } : {}),
      ...(input.labels !== undefined ? { labels: [...new Set(input.labels)] } : {}),
      ...statusPatch,
    });
    if (input.assigneeIds) await repo.setAssignees(trx, id, input.assigneeIds);
    if (input.checklist) await checklist.replaceItems(trx, id, input.checklist);
    const after = (await repo.lockTask(trx, id))!;
    await writeAudit(trx, ctx, {
      action: after.status_id !== before.status_id ? 'task.status-changed' : 'task.updated',
      entityType: TASK_ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after, ...(input.assigneeIds ? { assignee_ids: input.assigneeIds } : {}) },
    });
    return taskDto(trx, after);
  });
}

/** Board drag: into a status column (guarded by the dependencies), placed after a task of it (or at the top). */
export async function moveTask(db: Db, ctx: RequestContext, id: string, input: MoveTaskInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const { row: before } = await lockForWork(trx, scope, id);
    assertVersion('Task', before, input.version);
    const status = await repo.findStatus(trx, before.project_id, input.statusId);
    if (!status) throw errors.invalidReference('statusId', 'Status', input.statusId);
    await guardTransition(trx, id, before.status_category, status.category);
    const around = await repo.neighbourRanks(trx, status.id, input.afterTaskId, id);
    if (!around) throw errors.invalidReference('afterTaskId', 'Task in that status', input.afterTaskId ?? '');
    const rank =
      around.before === null
        ? around.next === null
          ? new Money(0)
          : new Money(around.next).minus(1)
        : around.next === null
          ? new Money(around.before).plus(1)
          : new Money(around.before).plus(around.next).div(2);
    const completion =
      status.id !== before.status_id
        ? await afterStatusChange(trx, ctx, before, before.status_category, status.category)
        : {};
    await repo.updateTask(trx, id, { status_id: status.id, rank: rank.toFixed(), ...completion });
    const after = (await repo.lockTask(trx, id))!;
    await writeAudit(trx, ctx, {
      action: status.id !== before.status_id ? 'task.status-changed' : 'task.reordered',
      entityType: TASK_ENTITY,
      entityId: id,
      before: { status_id: before.status_id, status: before.status_name, rank: before.rank },
      after: { status_id: after.status_id, status: after.status_name, rank: after.rank },
    });
    return taskDto(trx, after);
  });
}

export async function deleteTask(db: Db, ctx: RequestContext, id: string, version: number) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    const { row: before } = await lockForWork(trx, scope, id);
    assertVersion('Task', before, version);
    await repo.deleteTask(trx, id);
    await writeAudit(trx, ctx, {
      action: 'task.deleted',
      entityType: TASK_ENTITY,
      entityId: id,
      before: { ...before },
    });
  });
}

// ---- comments -----------------------------------------------------------------------------------

/** `@[Name](user-id)` in a comment's text names a member. */
const MENTION = /@\[[^\]]{1,200}\]\(([0-9a-fA-F-]{36})\)/g;

async function commentDtos(db: Db, rows: Awaited<ReturnType<typeof repo.listComments>>) {
  const names = await userDisplayNames(
    db,
    rows.map((r) => r.author_id),
  );
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    authorId: r.author_id,
    authorName: names.get(r.author_id) ?? null,
    body: r.body,
    mentions: r.mentions,
    createdAt: isoTimestamp(r.created_at),
  }));
}

/** The comment text as plain words for a mail: mentions as their names, shortened to an excerpt. */
export function mentionExcerpt(body: string, max = 500): string {
  const plain = body.replace(/@\[([^\]]{1,200})\]\([0-9a-fA-F-]{36}\)/g, '@$1').trim();
  return plain.length <= max ? plain : `${plain.slice(0, max - 1)}…`;
}

/**
 * Mails each mentioned member (active, still holding projects:read) — a platform mail job written in the
 * comment's transaction, so it goes only if the comment commits. The author is not told of their own mention.
 */
async function mailMentioned(
  trx: Tx,
  ctx: RequestContext,
  m: {
    mentions: string[];
    authorName: string;
    taskKey: string;
    taskTitle: string;
    projectName: string;
    body: string;
    projectId: string;
    commentId: string;
  },
) {
  if (m.mentions.length === 0) return;
  const wanted = new Set(m.mentions);
  const recipients = (await usersHolding(trx, ['projects:read'])).filter((u) => wanted.has(u.id));
  const excerpt = mentionExcerpt(m.body);
  await notify(
    trx,
    recipients.map((u) => u.id),
    {
      kind: 'projects.mention',
      title: `${m.authorName} mentioned you on ${m.taskKey} ${m.taskTitle}`,
      body: excerpt,
      link: `/projects/${m.projectId}/tasks`,
      dedupeKey: `projects.comment:${m.commentId}`,
    },
  );
  for (const user of recipients)
    await sendMail(trx, {
      template: taskMention,
      data: {
        recipientName: user.name,
        authorName: m.authorName,
        taskKey: m.taskKey,
        taskTitle: m.taskTitle,
        projectName: m.projectName,
        excerpt,
      },
      to: [{ address: user.email, name: user.name }],
      createdBy: ctx.actor?.userId ?? null,
    });
}

export async function listComments(db: Db, ctx: RequestContext, taskId: string) {
  await visibleTask(db, scopeOf(ctx), taskId);
  return { items: await commentDtos(db, await repo.listComments(db, taskId)) };
}

export async function addComment(db: Db, ctx: RequestContext, taskId: string, body: string) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const task = await visibleTask(trx, scope, taskId);
    // Viewers may comment too: commenting is reading out loud, not changing the work.
    const { project } = await requireProject(trx, scope, task.project_id, 'read');
    const mentions = [...new Set([...body.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))];
    const members = await repo.membersAmong(trx, task.project_id, mentions);
    const strangers = mentions.filter((m) => !members.has(m));
    if (strangers.length > 0)
      throw errors.validation(
        [{ path: 'body', message: `Mentions someone who is not a member of the project: ${strangers.join(', ')}.` }],
        'Only members of the project can be mentioned.',
      );
    const row = await repo.insertComment(trx, { task_id: taskId, author_id: scope.userId, body, mentions });
    await writeAudit(trx, ctx, {
      action: 'task.commented',
      entityType: TASK_ENTITY,
      entityId: taskId,
      after: { comment_id: row.id, mentions },
    });
    const dto = (await commentDtos(trx, [row]))[0]!;
    await mailMentioned(trx, ctx, {
      mentions: mentions.filter((m) => m !== scope.userId),
      authorName: dto.authorName ?? 'Someone',
      taskKey: `${task.project_code}-${task.number}`,
      taskTitle: task.title,
      projectName: project.name,
      body,
      projectId: task.project_id,
      commentId: row.id,
    });
    return dto;
  });
}

// ---- activity -----------------------------------------------------------------------------------

const HIDDEN = new Set(['version', 'updated_at', 'created_at', 'status_name', 'status_category', 'project_code']);

export async function taskActivity(db: Db, ctx: RequestContext, taskId: string) {
  await visibleTask(db, scopeOf(ctx), taskId);
  const rows = await repo.activityOf(db, taskId, 200);
  const names = await userDisplayNames(
    db,
    rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
  );
  return {
    items: rows.map((r) => {
      const before = r.before ?? {};
      const after = r.after ?? {};
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (HIDDEN.has(key)) continue;
        if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
          changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
      }
      return {
        id: r.id,
        at: isoTimestamp(r.occurred_at),
        actorId: r.actor_id,
        actorName: r.actor_id ? (names.get(r.actor_id) ?? null) : null,
        action: r.action,
        changes,
      };
    }),
  };
}
