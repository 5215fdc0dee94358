import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { crmExport, crmPage, matchesAll, type SearchVector } from '../crm.list.js';
import type { OpportunitiesTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { OpportunityListFilter } from './opportunities.schemas.js';

/** An opportunity's searchable words: its name, as indexed (opportunities_search). */
export const nameWords = (alias: string): SearchVector => sql`crm.search_document(${sql.ref(`${alias}.name`)})`;

export type OpportunityRow = Selectable<OpportunitiesTable>;
/** A row as lists, gets and the board read it: with its organization's name (null if none or not visible). */
export type OpportunityViewRow = OpportunityRow & { organization_name: string | null };
export type OpportunityFilter = Omit<OpportunityListFilter, 'limit' | 'sort' | 'cursor'>;
/** The export's query: the list's filters and sort, without paging. */
export type OpportunityExportFilter = Omit<OpportunityListFilter, 'limit' | 'cursor'>;
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

/** `o` with its organization's name, when the scope can see that organization (one join). */
function withOrganizationName(db: Db, scope: CrmScope) {
  return db
    .selectFrom('crm.opportunities as o')
    .leftJoin('crm.organizations as org', (join) =>
      join.onRef('org.id', '=', 'o.organization_id').on(visibleTo(scope, 'org.owner_id')),
    )
    .selectAll('o')
    .select('org.name as organization_name');
}

/** Visible opportunities by id, with their organization's name (for gets and mutation answers). */
export function findOpportunityViews(db: Db, scope: CrmScope, ids: string[]): Promise<OpportunityViewRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return withOrganizationName(db, scope).where('o.id', 'in', ids).where(visibleTo(scope, 'o.owner_id')).execute();
}

function listBase(db: Db, scope: CrmScope, f: OpportunityFilter) {
  let q = withOrganizationName(db, scope).where(visibleTo(scope, 'o.owner_id'));
  if (f.pipelineId) q = q.where('o.pipeline_id', '=', f.pipelineId);
  if (f.stageId) q = q.where('o.stage_id', '=', f.stageId);
  if (f.organizationId) q = q.where('o.organization_id', '=', f.organizationId);
  if (f.ownerId) q = q.where('o.owner_id', '=', f.ownerId);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.q) q = q.where(matchesAll(nameWords('o'), f.q));
  return q;
}

const ORDER = {
  sort: { name: 'o.name', amount: 'o.amount', createdAt: 'o.created_at', updatedAt: 'o.updated_at' },
  defaultSort: '-createdAt',
  id: 'o.id',
  search: nameWords('o'),
};

export function listOpportunities(db: Db, scope: CrmScope, f: OpportunityListFilter) {
  return crmPage(db, listBase(db, scope, f), f, ORDER);
}

/** Every visible opportunity matching the filter with its stage name, in the list's order (CSV exports, page by page). */
export function exportOpportunities(db: Db, scope: CrmScope, f: OpportunityExportFilter, pageSize?: number) {
  const base = listBase(db, scope, f).innerJoin('crm.stages as s', 's.id', 'o.stage_id').select('s.name as stageName');
  return crmExport(db, base, f, ORDER, pageSize);
}

export interface BoardSlice {
  limit: number;
  /** Skip this many (in position order) in each stage. */
  offset: number;
  ownerId?: string | undefined;
  /** Only this stage. */
  stageId?: string | undefined;
}

/**
 * For each stage of the pipeline (or one), its visible opportunities `offset`…`offset + limit - 1`
 * in position order with their organization's name: a lateral scan of (stage_id, position) per
 * stage, so the cost follows `offset + limit`, not the stage size.
 */
export function boardOpportunities(
  db: Db,
  scope: CrmScope,
  pipelineId: string,
  slice: BoardSlice,
): Promise<OpportunityViewRow[]> {
  let q = db
    .selectFrom('crm.stages as s')
    .innerJoinLateral(
      (eb) => {
        let inStage = eb
          .selectFrom('crm.opportunities as o')
          .selectAll('o')
          .whereRef('o.stage_id', '=', 's.id')
          .where(visibleTo(scope, 'o.owner_id'));
        if (slice.ownerId) inStage = inStage.where('o.owner_id', '=', slice.ownerId);
        return inStage.orderBy('o.position').orderBy('o.id').offset(slice.offset).limit(slice.limit).as('o');
      },
      (join) => join.onTrue(),
    )
    .leftJoin('crm.organizations as org', (join) =>
      join.onRef('org.id', '=', 'o.organization_id').on(visibleTo(scope, 'org.owner_id')),
    )
    .selectAll('o')
    .select('org.name as organization_name')
    .where('s.pipeline_id', '=', pipelineId);
  if (slice.stageId) q = q.where('s.id', '=', slice.stageId);
  return q.orderBy('s.position').orderBy('o.position').orderBy('o.id').execute();
}

/**
 * Per stage and currency of the pipeline: how many visible opportunities and their amount (summed
 * in numeric). One grouped scan of the pipeline's opportunities.
 */
export function boardAmounts(db: Db, scope: CrmScope, pipelineId: string, ownerId?: string, stageId?: string) {
  let q = db
    .selectFrom('crm.opportunities as o')
    .select([
      'o.stage_id',
      'o.currency',
      sql<string>`count(*)`.as('count'),
      sql<string>`sum(o.amount)::text`.as('amount'),
    ])
    .where('o.pipeline_id', '=', pipelineId)
    .where(visibleTo(scope, 'o.owner_id'));
  if (ownerId) q = q.where('o.owner_id', '=', ownerId);
  if (stageId) q = q.where('o.stage_id', '=', stageId);
  return q.groupBy(['o.stage_id', 'o.currency']).orderBy('o.stage_id').orderBy('o.currency').execute();
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

/** Deletes an opportunity (its contact links, stage history and activities go with it). */
export function deleteOpportunity(db: Db, id: string) {
  return db.deleteFrom('crm.opportunities').where('id', '=', id).execute();
}

/** A converted lead no longer points at a deleted opportunity. */
export function unlinkFromLeads(db: Db, id: string) {
  return db
    .updateTable('crm.leads')
    .set({ converted_opportunity_id: null })
    .where('converted_opportunity_id', '=', id)
    .execute();
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
