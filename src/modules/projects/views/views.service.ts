import { countsOf as checklistCounts } from '../tasks/checklist.repository.js';
import { Decimal } from 'decimal.js';
import type { Db } from '../../../platform/db/database.js';
import { addDays, today } from '../../../platform/dates.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { minorUnits, Money } from '../../../platform/money/money.js';
import { userDisplayNames } from '../../auth/index.js';
import { requireProject, scopeOf } from '../access.js';
import { listStatuses } from '../project/project.repository.js';
import { rollupTree, toProgress } from '../tasks/progress.js';
import { projectProgress, projectTree } from '../tasks/tasks.repository.js';
import { listTasks } from '../tasks/tasks.service.js';
import type { TaskListFilter } from '../tasks/tasks.schemas.js';
import * as repo from './views.repository.js';
import { type BoardFilter, type GanttFilter, type PortfolioFilter, type WorkloadFilter } from './views.schemas.js';

export async function board(db: Db, ctx: RequestContext, projectId: string, filter: BoardFilter) {
  const { project } = await requireProject(db, scopeOf(ctx), projectId, 'read');
  const [statuses, cards, counts] = await Promise.all([
    listStatuses(db, projectId),
    repo.boardCards(db, projectId, filter),
    repo.columnCounts(db, projectId, filter),
  ]);
  const checklists = await checklistCounts(
    db,
    cards.map((c) => c.id),
  );
  return {
    projectId,
    columns: statuses.map((s) => ({
      statusId: s.id,
      name: s.name,
      category: s.category,
      count: counts.get(s.id) ?? 0,
      cards: cards
        .filter((c) => c.status_id === s.id)
        .map((c) => ({
          id: c.id,
          key: `${project.code}-${c.number}`,
          title: c.title,
          type: c.type,
          priority: c.priority,
          dueDate: c.due_date,
          estimateHours: c.estimate_hours,
          labels: c.labels,
          assigneeIds: c.assignee_ids,
          rank: c.rank,
          blocked: c.blocked,
          checklist: checklists.get(c.id) ?? null,
          version: c.version,
        })),
    })),
  };
}

export async function gantt(db: Db, ctx: RequestContext, projectId: string, filter: GanttFilter) {
  const { project } = await requireProject(db, scopeOf(ctx), projectId, 'read');
  const [tasks, edges, tree] = await Promise.all([
    repo.ganttTasks(db, projectId, filter),
    repo.ganttEdges(db, projectId),
    projectTree(db, projectId),
  ]);
  const parents = rollupTree(tree);
  return {
    projectId,
    tasks: tasks.map((t) => ({
      id: t.id,
      key: `${project.code}-${t.number}`,
      title: t.title,
      type: t.type,
      parentId: t.parent_id,
      startDate: t.start_date,
      dueDate: t.due_date,
      statusCategory: t.category,
      percent: parents.has(t.id) ? toProgress(parents.get(t.id)).percent : t.category === 'done' ? 100 : 0,
      version: t.version,
    })),
    dependencies: edges.map((e) => ({
      id: e.id,
      predecessorId: e.predecessor_id,
      successorId: e.successor_id,
      kind: e.kind,
      lagDays: e.lag_days,
      crossProject: e.cross_project,
    })),
  };
}

export async function rollup(db: Db, ctx: RequestContext, projectId: string) {
  await requireProject(db, scopeOf(ctx), projectId, 'read');
  return { projectId, progress: toProgress((await projectProgress(db, [projectId])).get(projectId)) };
}

export async function myTasks(db: Db, ctx: RequestContext, filter: TaskListFilter) {
  return listTasks(db, ctx, { ...filter, assigneeId: scopeOf(ctx).userId });
}

const burn = (part: string, whole: string | null) =>
  whole === null || new Money(whole).isZero()
    ? null
    : new Money(part).div(whole).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toNumber();

export async function portfolio(db: Db, ctx: RequestContext, filter: PortfolioFilter) {
  const scope = scopeOf(ctx);
  const rows = await repo.portfolio(db, scope, filter, today());
  const ids = rows.map((r) => r.id);
  const [progress, managed] = await Promise.all([projectProgress(db, ids), repo.managedAmong(db, scope, ids)]);
  return {
    items: rows.map((r) => {
      const sees = managed.has(r.id);
      const cost = new Money(r.actual_cost).toFixed(minorUnits(r.currency), Decimal.ROUND_HALF_UP);
      return {
        id: r.id,
        code: r.code,
        name: r.name,
        status: r.status,
        billingMethod: r.billing_method,
        managerId: r.manager_id,
        startDate: r.start_date,
        endDate: r.end_date,
        progress: toProgress(progress.get(r.id)),
        currency: r.currency,
        budgetHours: r.budget_hours,
        actualHours: new Money(r.actual_hours).toFixed(2),
        hoursBurnPercent: burn(r.actual_hours, r.budget_hours),
        budgetAmount: r.budget_amount,
        actualCost: sees ? cost : null,
        costBurnPercent: sees ? burn(cost, r.budget_amount) : null,
        overdueMilestones: r.overdue_milestones,
        openTasks: r.open_tasks,
      };
    }),
  };
}

export async function workload(db: Db, ctx: RequestContext, filter: WorkloadFilter) {
  const scope = scopeOf(ctx);
  const weeks = Array.from({ length: filter.weeks }, (_, i) => addDays(filter.from, 7 * i));
  const rows = await repo.workload(db, scope, filter, addDays(filter.from, 7 * filter.weeks - 1));
  const people = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const person = people.get(r.user_id) ?? new Map<string, string>();
    person.set(r.week_start, r.hours);
    people.set(r.user_id, person);
  }
  const names = await userDisplayNames(db, [...people.keys()]);
  return {
    weeks,
    people: [...people.entries()].map(([userId, perWeek]) => {
      const hours = weeks.map((w) => new Money(perWeek.get(w) ?? 0).toFixed(2));
      return {
        userId,
        name: names.get(userId) ?? null,
        hours,
        total: hours.reduce((sum, h) => sum.plus(h), new Money(0)).toFixed(2),
      };
    }),
  };
}
