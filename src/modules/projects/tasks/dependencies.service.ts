import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { addDays, daysBetween } from '../../../platform/dates.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { loadProjectAccess, requireProject, scopeOf } from '../access.js';
import { projectsErrors } from '../projects.errors.js';
import * as deps from './dependencies.repository.js';
import * as repo from './tasks.repository.js';
import { TASK_ENTITY } from './tasks.service.js';
import type { CreateDependencyInput, DependencyDto } from './tasks.schemas.js';

const toDto = (r: deps.LinkRow): DependencyDto => ({
  id: r.id,
  predecessorId: r.predecessor_id,
  successorId: r.successor_id,
  kind: r.kind,
  lagDays: r.lag_days,
  predecessorKey: r.predecessor_key,
  successorKey: r.successor_key,
  predecessorTitle: r.predecessor_title,
  successorTitle: r.successor_title,
  predecessorCategory: r.predecessor_category,
  successorCategory: r.successor_category,
});

export async function taskDependencies(db: Db, ctx: RequestContext, taskId: string) {
  if (!(await repo.findTask(db, scopeOf(ctx), taskId))) throw errors.notFound('Task', taskId);
  const links = await deps.linksOf(db, taskId);
  return {
    predecessors: links.filter((l) => l.successor_id === taskId).map(toDto),
    successors: links.filter((l) => l.predecessor_id === taskId).map(toDto),
  };
}

/**
 * Links two tasks (also across projects): the caller sees both and works in the successor's project.
 * Every change of the graph takes one advisory lock, so two links that together close a cycle cannot
 * both pass the check: the second waits, then sees the first and is refused (409 dependency-cycle).
 */
export async function createDependency(db: Db, ctx: RequestContext, input: CreateDependencyInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const predecessor = await repo.findTask(trx, scope, input.predecessorId);
    if (!predecessor) throw errors.invalidReference('predecessorId', 'Task', input.predecessorId);
    const successor = await repo.findTask(trx, scope, input.successorId);
    if (!successor) throw errors.invalidReference('successorId', 'Task', input.successorId);
    await requireProject(trx, scope, successor.project_id, 'work');
    await deps.lockDependencyGraph(trx);
    if (await deps.findLink(trx, input.predecessorId, input.successorId)) throw projectsErrors.dependencyExists();
    if (await deps.reaches(trx, input.successorId, input.predecessorId)) throw projectsErrors.dependencyCycle();
    const row = await deps.insertDependency(trx, {
      predecessor_id: input.predecessorId,
      successor_id: input.successorId,
      kind: input.kind,
      lag_days: input.lagDays,
    });
    await writeAudit(trx, ctx, {
      action: 'task.dependency-added',
      entityType: TASK_ENTITY,
      entityId: input.successorId,
      after: { ...row },
    });
    return toDto((await deps.linksOf(trx, input.successorId)).find((l) => l.id === row.id)!);
  });
}

export async function deleteDependency(db: Db, ctx: RequestContext, id: string) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    await deps.lockDependencyGraph(trx);
    const row = await deps.findDependency(trx, id);
    const successor = row ? await repo.findTask(trx, scope, row.successor_id) : undefined;
    if (!row || !successor) throw errors.notFound('Dependency', id);
    await requireProject(trx, scope, successor.project_id, 'work');
    await deps.deleteDependency(trx, id);
    await writeAudit(trx, ctx, {
      action: 'task.dependency-removed',
      entityType: TASK_ENTITY,
      entityId: row.successor_id,
      before: { ...row },
    });
  });
}

interface Dated {
  id: string;
  key: string;
  title: string;
  projectId: string;
  start: string | null;
  due: string | null;
}

/**
 * "Shift dependents": after rescheduling a task, moves every task downstream of it (transitively, across
 * projects) that would now start too early — finish-to-start: the day after its predecessor's due
 * date (plus lag); start-to-start: its predecessor's start (plus lag) — by just enough days, keeping
 * its duration. Tasks never move earlier. Reports what moved, and what should have but is in a
 * project the caller cannot change (left as it is).
 */
export async function shiftDependents(db: Db, ctx: RequestContext, taskId: string) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const root = await repo.findTask(trx, scope, taskId);
    if (!root) throw errors.notFound('Task', taskId);
    await requireProject(trx, scope, root.project_id, 'work');
    await deps.lockDependencyGraph(trx);
    const edges = await deps.downstreamEdges(trx, taskId);
    const downstream = [...new Set(edges.map((e) => e.successor_id))];
    const incoming = await deps.incomingEdges(trx, downstream);
    const ids = [...new Set([taskId, ...downstream, ...incoming.map((e) => e.predecessor_id)])];
    const tasks = new Map<string, Dated>();
    for (const id of ids) {
      const t = await repo.lockTask(trx, id);
      if (t)
        tasks.set(id, {
          id,
          key: `${t.project_code}-${t.number}`,
          title: t.title,
          projectId: t.project_id,
          start: t.start_date,
          due: t.due_date,
        });
    }
    // Topological order of the downstream tasks (Kahn), over the edges among root ∪ downstream.
    const inside = new Set([taskId, ...downstream]);
    const indegree = new Map(downstream.map((id) => [id, 0]));
    for (const e of edges)
      if (inside.has(e.predecessor_id)) indegree.set(e.successor_id, (indegree.get(e.successor_id) ?? 0) + 1);
    const queue = [taskId];
    const order: string[] = [];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (id !== taskId) order.push(id);
      for (const e of edges)
        if (e.predecessor_id === id) {
          const left = indegree.get(e.successor_id)! - 1;
          indegree.set(e.successor_id, left);
          if (left === 0) queue.push(e.successor_id);
        }
    }
    const writable = new Map<string, boolean>();
    const canChange = async (projectId: string) => {
      if (!writable.has(projectId)) {
        const access = await loadProjectAccess(trx, scope, projectId);
        writable.set(projectId, Boolean(access?.canWork && !access.project.archived_at));
      }
      return writable.get(projectId)!;
    };
    const moved: {
      id: string;
      key: string;
      title: string;
      days: number;
      fromStart: string | null;
      fromDue: string | null;
      toStart: string | null;
      toDue: string | null;
    }[] = [];
    const skipped: { id: string; key: string; reason: string }[] = [];
    for (const id of order) {
      const task = tasks.get(id)!;
      const begin = task.start ?? task.due;
      if (!begin) continue;
      let earliest: string | null = null;
      for (const e of incoming.filter((x) => x.successor_id === id)) {
        const p = tasks.get(e.predecessor_id);
        if (!p) continue;
        const anchor = e.kind === 'finish_to_start' ? (p.due ?? p.start) : (p.start ?? p.due);
        if (!anchor) continue;
        const required = addDays(anchor, (e.kind === 'finish_to_start' ? 1 : 0) + e.lag_days);
        if (earliest === null || required > earliest) earliest = required;
      }
      if (earliest === null || begin >= earliest) continue;
      if (!(await canChange(task.projectId))) {
        skipped.push({ id, key: task.key, reason: 'In a project you cannot change.' });
        continue;
      }
      const days = daysBetween(begin, earliest);
      const toStart = task.start ? addDays(task.start, days) : null;
      const toDue = task.due ? addDays(task.due, days) : null;
      moved.push({
        id,
        key: task.key,
        title: task.title,
        days,
        fromStart: task.start,
        fromDue: task.due,
        toStart,
        toDue,
      });
      await repo.updateTask(trx, id, { start_date: toStart, due_date: toDue });
      await writeAudit(trx, ctx, {
        action: 'task.shifted',
        entityType: TASK_ENTITY,
        entityId: id,
        before: { start_date: task.start, due_date: task.due },
        after: { start_date: toStart, due_date: toDue, shifted_by: taskId },
      });
      task.start = toStart;
      task.due = toDue;
    }
    return { moved, skipped };
  });
}
