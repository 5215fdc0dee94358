import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { paginate } from '../../../platform/http/pagination.js';
import { visibleProject, type ProjectScope } from '../access.js';
import type { TimeEntriesTable } from '../projects.tables.js';
import type { TimeEntryListFilter, TimesheetListFilter } from './time.schemas.js';

/** Monday of the ISO week of a date (the platform's; here for the time services). */
export { weekStartOf } from '../../../platform/dates.js';

export function selectEntries(db: Db) {
  return db
    .selectFrom('projects.time_entries as e')
    .leftJoin('projects.tasks as t', 't.id', 'e.task_id')
    .innerJoin('projects.projects as p', 'p.id', 'e.project_id')
    .selectAll('e')
    .select(sql<string | null>`case when t.id is null then null else p.code || '-' || t.number end`.as('task_key'));
}
export type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

export function findEntry(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('projects.time_entries').select('id').where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q
    .executeTakeFirst()
    .then(async (found) => (found ? selectEntries(db).where('e.id', '=', id).executeTakeFirst() : undefined));
}

/**
 * Entries the scope may see: their own, and all entries of the projects they manage (admins: all).
 * A member does not see the others' hours (or their rates).
 */
export function visibleEntries(scope: ProjectScope) {
  if (scope.admin) return sql<boolean>`true`;
  return sql<boolean>`(e.user_id = ${scope.userId} or e.project_id in (
    select p2.id from projects.projects p2 where p2.manager_id = ${scope.userId}
    union select m.project_id from projects.members m where m.user_id = ${scope.userId} and m.role = 'manager'))`;
}

export function listEntries(db: Db, scope: ProjectScope, f: TimeEntryListFilter) {
  let q = selectEntries(db).select(['e.entry_date as date', 'e.created_at as createdAt']).where(visibleEntries(scope));
  if (f.projectId) q = q.where('e.project_id', '=', f.projectId);
  if (f.userId) q = q.where('e.user_id', '=', f.userId);
  if (f.taskId) q = q.where('e.task_id', '=', f.taskId);
  if (f.from) q = q.where('e.entry_date', '>=', f.from);
  if (f.to) q = q.where('e.entry_date', '<=', f.to);
  return paginate(q, f, { sort: { date: 'e.entry_date', createdAt: 'e.created_at' }, id: 'e.id', idKey: 'id' });
}

export function insertEntry(db: Db, values: Insertable<TimeEntriesTable>) {
  return db.insertInto('projects.time_entries').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateEntry(db: Db, id: string, patch: Omit<Updateable<TimeEntriesTable>, 'id' | 'version'>) {
  return db
    .updateTable('projects.time_entries')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/**
 * Adds an entry's contribution (sign 1) to its project's running totals, or takes it away (sign -1):
 * call in the transaction that changes the entry, with the entry as stored.
 */
export function addToTotals(
  db: Db,
  e: { project_id: string; hours: string; cost_rate: string | null; billing_rate: string | null; billable: boolean },
  sign: 1 | -1,
) {
  const hours = sql`${sign}::numeric * ${e.hours}::numeric`;
  const cost = sql`${hours} * coalesce(${e.cost_rate}::numeric, 0)`;
  const billable = e.billable ? sql`${hours} * coalesce(${e.billing_rate}::numeric, 0)` : sql`0::numeric`;
  return sql`insert into projects.time_totals as x (project_id, hours, cost, billable_value)
    values (${e.project_id}, ${hours}, ${cost}, ${billable})
    on conflict (project_id) do update set hours = x.hours + excluded.hours, cost = x.cost + excluded.cost,
      billable_value = x.billable_value + excluded.billable_value`.execute(db);
}

export function deleteEntry(db: Db, id: string) {
  return db.deleteFrom('projects.time_entries').where('id', '=', id).execute();
}

/**
 * The timesheet of (project, person, week), created open when missing, locked for update: every
 * change to a week's entries and every decision on it takes this row lock, so an entry cannot slip
 * into a week while it is being submitted or approved.
 */
export async function lockWeek(db: Db, projectId: string, userId: string, weekStart: string) {
  await db
    .insertInto('projects.timesheets')
    .values({ project_id: projectId, user_id: userId, week_start: weekStart })
    .onConflict((oc) => oc.columns(['project_id', 'user_id', 'week_start']).doNothing())
    .execute();
  return db
    .selectFrom('projects.timesheets')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .where('week_start', '=', weekStart)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export function selectSheets(db: Db) {
  return db
    .selectFrom('projects.timesheets as s')
    .innerJoin('projects.projects as p', 'p.id', 's.project_id')
    .selectAll('s')
    .select([
      'p.code as project_code',
      'p.manager_id',
      sql<string>`coalesce((select sum(e.hours) from projects.time_entries e where e.project_id = s.project_id
        and e.user_id = s.user_id and e.entry_date between s.week_start and s.week_start + 6), 0)::text`.as(
        'total_hours',
      ),
    ]);
}
export type SheetRow = Awaited<ReturnType<ReturnType<typeof selectSheets>['executeTakeFirstOrThrow']>>;

export async function lockSheet(db: Db, id: string) {
  const found = await db
    .selectFrom('projects.timesheets')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return found ? selectSheets(db).where('s.id', '=', id).executeTakeFirst() : undefined;
}

export function findSheet(db: Db, id: string) {
  return selectSheets(db).where('s.id', '=', id).executeTakeFirst();
}

/** Projects the scope manages (for approvals). */
function managedProjects(scope: ProjectScope) {
  return sql<boolean>`s.project_id in (select p2.id from projects.projects p2 where p2.manager_id = ${scope.userId}
    union select m.project_id from projects.members m where m.user_id = ${scope.userId} and m.role = 'manager')`;
}

export function listSheets(db: Db, scope: ProjectScope, f: TimesheetListFilter) {
  let q = selectSheets(db).select('s.week_start as weekStart');
  if (f.toApprove) {
    q = q.where('s.status', '=', 'submitted').where('s.user_id', '<>', scope.userId);
    if (!scope.admin) q = q.where(managedProjects(scope));
  } else if (!scope.admin) {
    q = q.where((eb) => eb.or([eb('s.user_id', '=', scope.userId), managedProjects(scope)]));
  }
  q = q.where(visibleProject(scope, 's.project_id'));
  if (f.projectId) q = q.where('s.project_id', '=', f.projectId);
  if (f.userId) q = q.where('s.user_id', '=', f.userId);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.weekStart) q = q.where('s.week_start', '=', f.weekStart);
  return paginate(q, f, { sort: { weekStart: 's.week_start' }, id: 's.id', idKey: 'id' });
}

export function updateSheet(
  db: Db,
  id: string,
  patch: {
    status: 'open' | 'submitted' | 'approved' | 'rejected';
    submitted_at?: Date | null;
    decided_by?: string | null;
    decided_at?: Date | null;
    decision_comment?: string | null;
  },
) {
  return db
    .updateTable('projects.timesheets')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export function sheetEntries(db: Db, projectId: string, userId: string, weekStart: string) {
  return selectEntries(db)
    .where('e.project_id', '=', projectId)
    .where('e.user_id', '=', userId)
    .where(sql<boolean>`e.entry_date between ${weekStart}::date and ${weekStart}::date + 6`)
    .orderBy('e.entry_date')
    .orderBy('e.created_at')
    .execute();
}

export function memberRates(db: Db, projectId: string, userId: string) {
  return db
    .selectFrom('projects.members')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

// ---- invoicing ----------------------------------------------------------------------------------

/** The approved, billable, not yet invoiced entries of a project in a period, locked for update. */
export function invoiceableEntries(db: Db, projectId: string, from: string, to: string) {
  return db
    .selectFrom('projects.time_entries as e')
    .selectAll('e')
    .where('e.project_id', '=', projectId)
    .where('e.billable', '=', true)
    .where('e.invoice_id', 'is', null)
    .where('e.entry_date', '>=', from)
    .where('e.entry_date', '<=', to)
    .where(
      sql<boolean>`exists (select 1 from projects.timesheets s where s.project_id = e.project_id and s.user_id = e.user_id
        and s.week_start = e.entry_date - (extract(isodow from e.entry_date)::int - 1) and s.status = 'approved')`,
    )
    .orderBy('e.user_id')
    .orderBy('e.entry_date')
    .forUpdate()
    .execute();
}

export function insertInvoice(
  db: Db,
  values: {
    project_id: string;
    period_from: string;
    period_to: string;
    document_id: string;
    hours: string;
    amount: string;
    currency: string;
    created_by: string | null;
  },
) {
  return db.insertInto('projects.invoices').values(values).returningAll().executeTakeFirstOrThrow();
}

export function markInvoiced(db: Db, entryIds: string[], invoiceId: string) {
  return db
    .updateTable('projects.time_entries')
    .set({ invoice_id: invoiceId, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', 'in', entryIds)
    .execute();
}

export function listInvoices(db: Db, projectId: string) {
  return db
    .selectFrom('projects.invoices as i')
    .selectAll('i')
    .select(sql<number>`(select count(*) from projects.time_entries e where e.invoice_id = i.id)::int`.as('entries'))
    .where('i.project_id', '=', projectId)
    .orderBy('i.period_from', 'desc')
    .orderBy('i.created_at', 'desc')
    .execute();
}

// ---- budget -------------------------------------------------------------------------------------

export async function projectActuals(db: Db, projectId: string) {
  const { rows } = await sql<{ hours: string; cost: string; billable: string; invoiced: string; estimate: string }>`
    select coalesce(sum(e.hours), 0)::text as hours,
      coalesce(sum(e.hours * e.cost_rate), 0)::text as cost,
      coalesce(sum(e.hours * e.billing_rate) filter (where e.billable), 0)::text as billable,
      (select coalesce(sum(i.amount), 0) from projects.invoices i where i.project_id = ${projectId})::text as invoiced,
      (select coalesce(sum(t.estimate_hours), 0) from projects.tasks t where t.project_id = ${projectId}
         and not exists (select 1 from projects.tasks k where k.parent_id = t.id))::text as estimate
    from projects.time_entries e where e.project_id = ${projectId}`.execute(db);
  return rows[0]!;
}

/** Per phase of the project: leaf estimates and logged time over the phase's subtree (itself included). */
export async function phaseActuals(db: Db, projectId: string) {
  const { rows } = await sql<{
    id: string;
    key: string;
    title: string;
    estimate: string;
    hours: string;
    cost: string;
  }>`
    with recursive sub(root, id) as (
      select t.id, t.id from projects.tasks t where t.project_id = ${projectId} and t.type = 'phase'
      union all
      select sub.root, c.id from sub join projects.tasks c on c.parent_id = sub.id
    )
    select ph.id, p.code || '-' || ph.number as key, ph.title,
      coalesce((select sum(t.estimate_hours) from sub s2 join projects.tasks t on t.id = s2.id
        where s2.root = ph.id and not exists (select 1 from projects.tasks k where k.parent_id = t.id)), 0)::text as estimate,
      coalesce((select sum(e.hours) from sub s3 join projects.time_entries e on e.task_id = s3.id where s3.root = ph.id), 0)::text as hours,
      coalesce((select sum(e.hours * e.cost_rate) from sub s4 join projects.time_entries e on e.task_id = s4.id
        where s4.root = ph.id), 0)::text as cost
    from projects.tasks ph join projects.projects p on p.id = ph.project_id
    where ph.project_id = ${projectId} and ph.type = 'phase'
    order by ph.start_date nulls last, ph.number`.execute(db);
  return rows;
}
