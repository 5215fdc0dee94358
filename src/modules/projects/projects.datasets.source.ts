import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { scopeOf } from './access.js';
import { visibleEntries } from './time/time.repository.js';

/**
 * The `projects.time-entries` dataset's rows for `caller`: the time entries the time list shows them
 * (`visibleEntries`: their own, every entry of the projects they manage, all for `projects:admin`),
 * one row each, valued at the entry's own rates (in the project's currency). Notes are not in it.
 */
export function timeEntryDatasetSource(db: Db, caller: Actor) {
  const scope = scopeOf({ actor: caller, requestId: 'analytics' });
  return db
    .selectFrom('projects.time_entries as e')
    .innerJoin('projects.projects as p', 'p.id', 'e.project_id')
    .leftJoin('projects.tasks as t', 't.id', 'e.task_id')
    .where(visibleEntries(scope))
    .select([
      'p.code as projectCode',
      'p.name as project',
      sql<string | null>`case when t.id is null then null else p.code || '-' || t.number end`.as('taskKey'),
      sql<string>`e.user_id::text`.as('userId'),
      'e.entry_date as date',
      'e.hours as hours',
      'e.billable as billable',
      sql<boolean>`e.invoice_id is not null`.as('invoiced'),
      'e.currency as currency',
      sql<string | null>`case when e.billable then round(e.hours * e.billing_rate, 2) end`.as('billableAmount'),
      sql<string | null>`round(e.hours * e.cost_rate, 2)`.as('cost'),
    ]);
}
