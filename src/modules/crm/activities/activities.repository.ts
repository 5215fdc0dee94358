import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { ActivitiesTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { ActivityListFilter } from './activities.schemas.js';

export type ActivityRow = Selectable<ActivitiesTable>;
export type ActivityValues = Omit<Updateable<ActivitiesTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;
export type LinkColumn = 'organization_id' | 'contact_id' | 'lead_id' | 'opportunity_id';

export function findActivity(db: Db, scope: CrmScope, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('crm.activities as a')
    .selectAll('a')
    .where('a.id', '=', id)
    .where(visibleTo(scope, 'a.owner_id'));
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listActivities(db: Db, scope: CrmScope, f: ActivityListFilter) {
  let q = db.selectFrom('crm.activities as a').selectAll('a').where(visibleTo(scope, 'a.owner_id'));
  if (f.type) q = q.where('a.type', '=', f.type);
  if (f.ownerId) q = q.where('a.owner_id', '=', f.ownerId);
  if (f.organizationId) q = q.where('a.organization_id', '=', f.organizationId);
  if (f.contactId) q = q.where('a.contact_id', '=', f.contactId);
  if (f.leadId) q = q.where('a.lead_id', '=', f.leadId);
  if (f.opportunityId) q = q.where('a.opportunity_id', '=', f.opportunityId);
  if (f.open !== undefined)
    q = f.open
      ? q.where('a.type', '=', 'task').where('a.completed_at', 'is', null)
      : q.where('a.completed_at', 'is not', null);
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('a.subject', 'ilike', p), eb('a.body', 'ilike', p)]));
  }
  return paginate(q, f, { sort: { createdAt: 'a.created_at', updatedAt: 'a.updated_at' }, id: 'a.id', idKey: 'id' });
}

/** A position in a merged timeline: time (µs, UTC), source rank, and the id within the source. */
export interface TimelineCursor {
  t: string;
  r: number;
  id: string;
}

/** The instant as text with microseconds, exactly comparable and parseable again by PostgreSQL. */
const atKey = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Rows of one timeline source that come after `cursor` in the merged order (time, rank, id), all
 * descending: a source ranked below the cursor's keeps the cursor's instant, one ranked above does not.
 */
function after(cursor: TimelineCursor | undefined, rank: number, at: string, id: string, idType: 'uuid' | 'bigint') {
  if (!cursor) return sql<boolean>`true`;
  const t = sql`${cursor.t}::timestamptz`;
  if (rank < cursor.r) return sql<boolean>`${sql.ref(at)} <= ${t}`;
  if (rank > cursor.r) return sql<boolean>`${sql.ref(at)} < ${t}`;
  return sql<boolean>`(${sql.ref(at)}, ${sql.ref(id)}) < (${t}, ${cursor.id}::${sql.raw(idType)})`;
}

export const TIMELINE_RANK = { activity: 1, stageChange: 2, change: 3 } as const;

/**
 * Activities on one record's timeline, whoever owns them (the caller can see the record): those
 * linked to it, and for an organization or a contact also those logged on its deals (and, for an
 * organization, on its contacts) that the caller can see — a call logged on a deal belongs to the
 * customer's history too.
 */
export function activitiesOf(
  db: Db,
  scope: CrmScope,
  column: LinkColumn,
  id: string,
  limit: number,
  cursor?: TimelineCursor,
) {
  const linked =
    column === 'organization_id'
      ? sql<boolean>`(a.organization_id = ${id}
          or a.opportunity_id in (select o.id from crm.opportunities o
            where o.organization_id = ${id} and ${visibleTo(scope, 'o.owner_id')})
          or a.contact_id in (select c.id from crm.contacts c
            where c.organization_id = ${id} and ${visibleTo(scope, 'c.owner_id')}))`
      : column === 'contact_id'
        ? sql<boolean>`(a.contact_id = ${id}
          or a.opportunity_id in (select oc.opportunity_id from crm.opportunity_contacts oc
            join crm.opportunities o on o.id = oc.opportunity_id
            where oc.contact_id = ${id} and ${visibleTo(scope, 'o.owner_id')}))`
        : sql<boolean>`${sql.ref(`a.${column}`)} = ${id}`;
  return db
    .selectFrom('crm.activities as a')
    .selectAll('a')
    .select(atKey('a.created_at').as('at_key'))
    .where(linked)
    .where(after(cursor, TIMELINE_RANK.activity, 'a.created_at', 'a.id', 'uuid'))
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}
export function insertActivity(
  db: Db,
  values: ActivityValues & { type: ActivityRow['type']; subject: string; owner_id: string },
) {
  return db.insertInto('crm.activities').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateActivity(db: Db, id: string, patch: ActivityValues) {
  return db
    .updateTable('crm.activities')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteActivity(db: Db, id: string) {
  return db.deleteFrom('crm.activities').where('id', '=', id).execute();
}

export function stageChangesOf(db: Db, opportunityId: string, limit: number, cursor?: TimelineCursor) {
  return db
    .selectFrom('crm.stage_history as h')
    .selectAll('h')
    .select(atKey('h.changed_at').as('at_key'))
    .where('h.opportunity_id', '=', opportunityId)
    .where(after(cursor, TIMELINE_RANK.stageChange, 'h.changed_at', 'h.id', 'uuid'))
    .orderBy('h.changed_at', 'desc')
    .orderBy('h.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Field changes from the platform audit log (read-only), without `skipActions` (changes another
 * timeline source already shows, such as stage moves).
 */
export function auditOf(
  db: Db,
  entityType: string,
  entityId: string,
  limit: number,
  cursor?: TimelineCursor,
  skipActions: readonly string[] = [],
) {
  let q = db
    .selectFrom('platform.audit_log as l')
    .select(['l.id', 'l.occurred_at', 'l.actor_id', 'l.action', 'l.before', 'l.after'])
    .select(atKey('l.occurred_at').as('at_key'))
    .where('l.entity_type', '=', entityType)
    .where('l.entity_id', '=', entityId)
    .where(after(cursor, TIMELINE_RANK.change, 'l.occurred_at', 'l.id', 'bigint'));
  if (skipActions.length > 0) q = q.where('l.action', 'not in', [...skipActions]);
  return q.orderBy('l.occurred_at', 'desc').orderBy('l.id', 'desc').limit(limit).execute();
}
