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
  let q = db
    .selectFrom('crm.activities as a')
    .selectAll('a')
    .select(['a.created_at as createdAt', 'a.updated_at as updatedAt'])
    .where(visibleTo(scope, 'a.owner_id'));
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

/** Activities linked to one record, whoever owns them (the caller can see the record). */
export function activitiesOf(db: Db, column: LinkColumn, id: string, limit: number) {
  return db
    .selectFrom('crm.activities')
    .selectAll()
    .where(column, '=', id)
    .orderBy('created_at', 'desc')
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

export function stageChangesOf(db: Db, opportunityId: string, limit: number) {
  return db
    .selectFrom('crm.stage_history')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .orderBy('changed_at', 'desc')
    .limit(limit)
    .execute();
}

/** Field changes from the platform audit log (read-only). */
export function auditOf(db: Db, entityType: string, entityId: string, limit: number) {
  return db
    .selectFrom('platform.audit_log')
    .select(['occurred_at', 'actor_id', 'action', 'before', 'after'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
