import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { scopeOf, visibleTo } from './visibility.js';

/**
 * The `crm.opportunities` dataset's rows for `caller`: the opportunities the CRM lists show them
 * (the same `visibleTo` rule on the owner), one row each, columns named as crm.datasets.ts declares.
 * Stage and pipeline are left joins on their keys (never missing), so PostgreSQL drops them when a
 * question does not use them.
 */
export function opportunityDatasetSource(db: Db, caller: Actor) {
  const scope = scopeOf({ actor: caller, requestId: 'analytics' });
  return db
    .selectFrom('crm.opportunities as o')
    .leftJoin('crm.stages as s', 's.id', 'o.stage_id')
    .leftJoin('crm.pipelines as p', 'p.id', 'o.pipeline_id')
    .where(visibleTo(scope, 'o.owner_id'))
    .select([
      'o.name as name',
      'p.name as pipeline',
      's.name as stage',
      's.position as stagePosition',
      'o.status as status',
      sql<string>`o.owner_id::text`.as('ownerId'),
      sql<string | null>`o.organization_id::text`.as('organizationId'),
      'o.amount as amount',
      sql<string>`round(o.amount * o.probability / 100, 4)`.as('weightedAmount'),
      'o.currency as currency',
      'o.probability as probability',
      'o.expected_close_date as expectedCloseDate',
      sql<string | null>`(o.closed_at at time zone 'UTC')::date`.as('closedDate'),
      sql<string>`(o.created_at at time zone 'UTC')::date`.as('createdDate'),
    ]);
}

/**
 * The `crm.activities` dataset's rows for `caller`: the activities the CRM activity list shows them
 * (the same `visibleTo` rule on the activity's owner), one row each. Bodies are not in the dataset.
 */
export function activityDatasetSource(db: Db, caller: Actor) {
  const scope = scopeOf({ actor: caller, requestId: 'analytics' });
  return db
    .selectFrom('crm.activities as a')
    .where(visibleTo(scope, 'a.owner_id'))
    .select([
      'a.type as type',
      'a.subject as subject',
      sql<string>`a.owner_id::text`.as('ownerId'),
      sql<string | null>`a.organization_id::text`.as('organizationId'),
      sql<string | null>`a.opportunity_id::text`.as('opportunityId'),
      sql<boolean>`a.completed_at is not null`.as('completed'),
      sql<string | null>`(a.due_at at time zone 'UTC')::date`.as('dueDate'),
      sql<string | null>`(a.completed_at at time zone 'UTC')::date`.as('completedDate'),
      sql<string>`(a.created_at at time zone 'UTC')::date`.as('createdDate'),
    ]);
}
