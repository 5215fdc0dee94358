import { sql } from 'kysely';
import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/database.js';
import { Money } from '../../platform/money/money.js';

/**
 * Metrics for Strategy (through index.ts), over all projects (no per-user visibility: Strategy
 * decides who sees its scorecards).
 */

/** Milestones completed in [from, to] and how many of them on or before their due date. */
export async function onTimeMilestoneRate(db: Db, range: { from: string; to: string; projectId?: string }) {
  const project = range.projectId ? sql`and t.project_id = ${range.projectId}` : sql``;
  const { rows } = await sql<{ reached: number; on_time: number }>`
    select count(*)::int as reached,
      (count(*) filter (where t.due_date is null or t.completed_at::date <= t.due_date))::int as on_time
    from projects.tasks t join projects.statuses s on s.id = t.status_id
    where t.type = 'milestone' and s.category = 'done'
      and t.completed_at::date between ${range.from} and ${range.to} ${project}`.execute(db);
  const { reached, on_time } = rows[0]!;
  return {
    reached,
    onTime: on_time,
    rate: reached === 0 ? null : new Money(on_time).div(reached).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toNumber(),
  };
}

/** Per project (not archived): hours and cost logged against its budget. */
export async function budgetBurn(db: Db, options: { projectId?: string } = {}) {
  const project = options.projectId ? sql`and p.id = ${options.projectId}` : sql``;
  const { rows } = await sql<{
    project_id: string;
    code: string;
    currency: string;
    budget_hours: string | null;
    budget_amount: string | null;
    hours: string;
    cost: string;
  }>`
    select p.id as project_id, p.code, p.currency, p.budget_hours::text, p.budget_amount::text,
      coalesce(sum(e.hours), 0)::text as hours, coalesce(sum(e.hours * e.cost_rate), 0)::text as cost
    from projects.projects p left join projects.time_entries e on e.project_id = p.id
    where p.archived_at is null ${project}
    group by p.id order by p.code`.execute(db);
  const ratio = (part: string, whole: string | null) =>
    whole === null || new Money(whole).isZero()
      ? null
      : new Money(part).div(whole).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toNumber();
  return rows.map((r) => ({
    projectId: r.project_id,
    code: r.code,
    currency: r.currency,
    budgetHours: r.budget_hours,
    hoursLogged: new Money(r.hours).toFixed(2),
    hoursBurn: ratio(r.hours, r.budget_hours),
    budgetAmount: r.budget_amount,
    cost: new Money(r.cost).toFixed(4),
    costBurn: ratio(r.cost, r.budget_amount),
  }));
}

/** Hours logged in [from, to], in total and billable (optionally for one project or one person). */
export async function hoursLogged(db: Db, range: { from: string; to: string; projectId?: string; userId?: string }) {
  const project = range.projectId ? sql`and e.project_id = ${range.projectId}` : sql``;
  const user = range.userId ? sql`and e.user_id = ${range.userId}` : sql``;
  const { rows } = await sql<{ hours: string; billable: string }>`
    select coalesce(sum(e.hours), 0)::text as hours, coalesce(sum(e.hours) filter (where e.billable), 0)::text as billable
    from projects.time_entries e where e.entry_date between ${range.from} and ${range.to} ${project} ${user}`.execute(
    db,
  );
  return { hours: new Money(rows[0]!.hours).toFixed(2), billableHours: new Money(rows[0]!.billable).toFixed(2) };
}
