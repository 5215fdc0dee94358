import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { OrganizationsTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { OrganizationListFilter } from './organizations.schemas.js';

export type OrganizationRow = Selectable<OrganizationsTable>;

export function findOrganization(db: Db, scope: CrmScope, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('crm.organizations as o')
    .selectAll('o')
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

export function listOrganizations(db: Db, scope: CrmScope, f: OrganizationListFilter) {
  let q = db
    .selectFrom('crm.organizations as o')
    .selectAll('o')
    .select(['o.created_at as createdAt', 'o.updated_at as updatedAt'])
    .where(visibleTo(scope, 'o.owner_id'));
  if (f.ownerId) q = q.where('o.owner_id', '=', f.ownerId);
  if (f.industry) q = q.where('o.industry', '=', f.industry);
  if (f.parentId) q = q.where('o.parent_id', '=', f.parentId);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(o.tags)`);
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', p), eb('o.domain', 'ilike', p), eb('o.industry', 'ilike', p)]));
  }
  return paginate(q, f, {
    sort: { name: 'o.name', createdAt: 'o.created_at', updatedAt: 'o.updated_at' },
    id: 'o.id',
    idKey: 'id',
  });
}

export type OrganizationValues = Omit<Updateable<OrganizationsTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function insertOrganization(db: Db, values: OrganizationValues & { name: string; owner_id: string }) {
  return db.insertInto('crm.organizations').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateOrganization(db: Db, id: string, patch: OrganizationValues) {
  return db
    .updateTable('crm.organizations')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
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
