import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { OpportunitiesTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { OpportunityListFilter } from './opportunities.schemas.js';

export type OpportunityRow = Selectable<OpportunitiesTable>;
export type OpportunityValues = Omit<Updateable<OpportunitiesTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function findOpportunity(db: Db, scope: CrmScope, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('crm.opportunities as o')
    .selectAll('o')
    .where('o.id', '=', id)
    .where(visibleTo(scope, 'o.owner_id'));
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listOpportunities(db: Db, scope: CrmScope, f: OpportunityListFilter) {
  let q = db
    .selectFrom('crm.opportunities as o')
    .selectAll('o')
    .select(['o.created_at as createdAt', 'o.updated_at as updatedAt'])
    .where(visibleTo(scope, 'o.owner_id'));
  if (f.pipelineId) q = q.where('o.pipeline_id', '=', f.pipelineId);
  if (f.stageId) q = q.where('o.stage_id', '=', f.stageId);
  if (f.organizationId) q = q.where('o.organization_id', '=', f.organizationId);
  if (f.ownerId) q = q.where('o.owner_id', '=', f.ownerId);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.q) q = q.where('o.name', 'ilike', containsPattern(f.q));
  return paginate(q, f, {
    sort: { name: 'o.name', amount: 'o.amount', createdAt: 'o.created_at', updatedAt: 'o.updated_at' },
    id: 'o.id',
    idKey: 'id',
  });
}

export function boardOpportunities(db: Db, scope: CrmScope, pipelineId: string, ownerId?: string) {
  let q = db
    .selectFrom('crm.opportunities as o')
    .selectAll('o')
    .where('o.pipeline_id', '=', pipelineId)
    .where(visibleTo(scope, 'o.owner_id'));
  if (ownerId) q = q.where('o.owner_id', '=', ownerId);
  return q.orderBy('o.stage_id').orderBy('o.position').orderBy('o.id').execute();
}

export async function contactIdsOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('crm.opportunity_contacts')
    .select(['opportunity_id', 'contact_id'])
    .where('opportunity_id', 'in', ids)
    .orderBy('contact_id')
    .execute();
  for (const r of rows) map.get(r.opportunity_id)?.push(r.contact_id);
  return map;
}

export async function setContacts(db: Db, id: string, contactIds: string[]) {
  await db.deleteFrom('crm.opportunity_contacts').where('opportunity_id', '=', id).execute();
  if (contactIds.length === 0) return;
  await db
    .insertInto('crm.opportunity_contacts')
    .values(contactIds.map((contact_id) => ({ opportunity_id: id, contact_id })))
    .execute();
}

export async function countInStage(db: Db, stageId: string): Promise<number> {
  const row = await db
    .selectFrom('crm.opportunities')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('stage_id', '=', stageId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Shifts positions in a stage by `delta` for every opportunity at or after `from` (except `exceptId`). */
export function shiftPositions(db: Db, stageId: string, from: number, delta: 1 | -1, exceptId: string) {
  return db
    .updateTable('crm.opportunities')
    .set({ position: sql`position + ${delta}` })
    .where('stage_id', '=', stageId)
    .where('position', '>=', from)
    .where('id', '<>', exceptId)
    .execute();
}

export function insertOpportunity(
  db: Db,
  values: OpportunityValues & {
    name: string;
    pipeline_id: string;
    stage_id: string;
    position: number;
    amount: string;
    currency: string;
    probability: number;
    owner_id: string;
  },
) {
  return db.insertInto('crm.opportunities').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateOpportunity(db: Db, id: string, patch: OpportunityValues) {
  return db
    .updateTable('crm.opportunities')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function insertStageChange(db: Db, opportunityId: string, from: string | null, to: string, by: string | null) {
  return db
    .insertInto('crm.stage_history')
    .values({ opportunity_id: opportunityId, from_stage_id: from, to_stage_id: to, changed_by: by })
    .execute();
}

export function stageHistory(db: Db, opportunityId: string) {
  return db
    .selectFrom('crm.stage_history')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}
