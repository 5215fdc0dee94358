import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { crmPage, matchesAll, type SearchVector } from '../crm.list.js';
import type { OpportunitiesTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { OpportunityListFilter } from './opportunities.schemas.js';

/** An opportunity's searchable words: its name, as indexed (opportunities_search). */
export const nameWords = (alias: string): SearchVector => sql`crm.search_document(${sql.ref(`${alias}.name`)})`;

export type OpportunityRow = Selectable<OpportunitiesTable>;
export type OpportunityFilter = Omit<OpportunityListFilter, 'limit' | 'sort' | 'cursor'>;
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

function listBase(db: Db, scope: CrmScope, f: OpportunityFilter) {
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
  if (f.q) q = q.where(matchesAll(nameWords('o'), f.q));
  return q;
}

export function listOpportunities(db: Db, scope: CrmScope, f: OpportunityListFilter) {
  return crmPage(db, listBase(db, scope, f), f, {
    sort: { name: 'o.name', amount: 'o.amount', createdAt: 'o.created_at', updatedAt: 'o.updated_at' },
    defaultSort: '-createdAt',
    id: 'o.id',
    search: nameWords('o'),
  });
}

/** Every visible opportunity matching the filter with its stage name, newest first (CSV export; bounded). */
export function exportOpportunities(db: Db, scope: CrmScope, f: OpportunityFilter, max: number) {
  return listBase(db, scope, f)
    .innerJoin('crm.stages as s', 's.id', 'o.stage_id')
    .select('s.name as stageName')
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(max)
    .execute();
}

/**
 * For each stage of the pipeline, its first `limit` visible opportunities in position order: a
 * lateral scan of (stage_id, position) per stage, so the cost follows `limit`, not the stage size.
 */
export function boardOpportunities(db: Db, scope: CrmScope, pipelineId: string, limit: number, ownerId?: string) {
  return db
    .selectFrom('crm.stages as s')
    .innerJoinLateral(
      (eb) => {
        let q = eb
          .selectFrom('crm.opportunities as o')
          .selectAll('o')
          .whereRef('o.stage_id', '=', 's.id')
          .where(visibleTo(scope, 'o.owner_id'));
        if (ownerId) q = q.where('o.owner_id', '=', ownerId);
        return q.orderBy('o.position').orderBy('o.id').limit(limit).as('o');
      },
      (join) => join.onTrue(),
    )
    .selectAll('o')
    .where('s.pipeline_id', '=', pipelineId)
    .orderBy('s.position')
    .orderBy('o.position')
    .orderBy('o.id')
    .execute();
}

/** How many visible opportunities each stage of the pipeline holds (counted per stage on its index). */
export async function boardTotals(db: Db, scope: CrmScope, pipelineId: string, ownerId?: string) {
  const rows = await db
    .selectFrom('crm.stages as s')
    .select((eb) => {
      let count = eb
        .selectFrom('crm.opportunities as o')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('o.stage_id', '=', 's.id')
        .where(visibleTo(scope, 'o.owner_id'));
      if (ownerId) count = count.where('o.owner_id', '=', ownerId);
      return ['s.id', count.as('n')];
    })
    .where('s.pipeline_id', '=', pipelineId)
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.n ?? 0)]));
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
