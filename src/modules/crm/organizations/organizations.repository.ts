import { sql, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { organizationColumns, type RecordRow } from '../crm.columns.js';
import { crmExport, crmPage, matchesAll, searchVector } from '../crm.list.js';
import type { OrganizationsTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { OrganizationListFilter } from './organizations.schemas.js';

const SEARCH = searchVector('o.search_vector');

export type OrganizationRow = RecordRow<OrganizationsTable>;
export type OrganizationFilter = Omit<OrganizationListFilter, 'limit' | 'sort' | 'cursor'>;
/** The export's query: the list's filters and sort, without paging. */
export type OrganizationExportFilter = Omit<OrganizationListFilter, 'limit' | 'cursor'>;

export function findOrganization(db: Db, scope: CrmScope, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('crm.organizations as o')
    .select(organizationColumns)
    .where('o.id', '=', id)
    .where(visibleTo(scope, 'o.owner_id'));
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findByDomain(db: Db, domain: string) {
  return db
    .selectFrom('crm.organizations')
    .select('id')
    .where('domain', '=', domain)
    .orderBy('created_at')
    .executeTakeFirst();
}

function listBase(db: Db, scope: CrmScope, f: OrganizationFilter) {
  let q = db.selectFrom('crm.organizations as o').select(organizationColumns).where(visibleTo(scope, 'o.owner_id'));
  if (f.ownerId) q = q.where('o.owner_id', '=', f.ownerId);
  if (f.industry) q = q.where('o.industry', '=', f.industry);
  if (f.parentId) q = q.where('o.parent_id', '=', f.parentId);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(o.tags)`);
  if (f.q) q = q.where(matchesAll(SEARCH, f.q));
  return q;
}

const ORDER = {
  sort: { name: 'o.name', createdAt: 'o.created_at', updatedAt: 'o.updated_at' },
  defaultSort: 'name',
  id: 'o.id',
  search: SEARCH,
};

export function listOrganizations(db: Db, scope: CrmScope, f: OrganizationListFilter) {
  return crmPage(db, listBase(db, scope, f), f, ORDER);
}

/** Every visible organization matching the filter, in the list's order (for the CSV exports, page by page). */
export function exportOrganizations(db: Db, scope: CrmScope, f: OrganizationExportFilter, pageSize?: number) {
  return crmExport(db, listBase(db, scope, f), f, ORDER, pageSize);
}

export type OrganizationValues = Omit<Updateable<OrganizationsTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function insertOrganization(db: Db, values: OrganizationValues & { name: string; owner_id: string }) {
  return db.insertInto('crm.organizations').values(values).returning(organizationColumns).executeTakeFirstOrThrow();
}

export function updateOrganization(db: Db, id: string, patch: OrganizationValues) {
  return db
    .updateTable('crm.organizations')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returning(organizationColumns)
    .executeTakeFirstOrThrow();
}

export function deleteOrganization(db: Db, id: string) {
  return db.deleteFrom('crm.organizations').where('id', '=', id).execute();
}

/** Would making `parentId` the parent of `id` create a cycle? */
export async function wouldCycle(db: Db, id: string, parentId: string): Promise<boolean> {
  const row = await sql<{ found: boolean }>`
    with recursive up(id, parent_id) as (
      select id, parent_id from crm.organizations where id = ${parentId}
      union all
      select o.id, o.parent_id from crm.organizations o join up on o.id = up.parent_id
    )
    select exists (select 1 from up where id = ${id}) as found`.execute(db);
  return row.rows[0]?.found ?? false;
}

/** Which of these organization ids exist (any owner: for other modules' links, through `index.ts`). */
export async function existingOrganizationIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db.selectFrom('crm.organizations').select('id').where('id', 'in', unique).execute();
  return new Set(rows.map((r) => r.id));
}
