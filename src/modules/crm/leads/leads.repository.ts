import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { LeadsTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { LeadListFilter } from './leads.schemas.js';

export type LeadRow = Selectable<LeadsTable>;
export type LeadValues = Omit<Updateable<LeadsTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function findLead(db: Db, scope: CrmScope, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('crm.leads as l').selectAll('l').where('l.id', '=', id).where(visibleTo(scope, 'l.owner_id'));
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listLeads(db: Db, scope: CrmScope, f: LeadListFilter) {
  let q = db
    .selectFrom('crm.leads as l')
    .selectAll('l')
    .select(['l.created_at as createdAt', 'l.updated_at as updatedAt'])
    .where(visibleTo(scope, 'l.owner_id'));
  if (f.status) q = q.where('l.status', '=', f.status);
  if (f.source) q = q.where('l.source', '=', f.source);
  if (f.ownerId) q = q.where('l.owner_id', '=', f.ownerId);
  if (f.converted !== undefined) q = q.where('l.converted_at', f.converted ? 'is not' : 'is', null);
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('l.name', 'ilike', p), eb('l.email', 'ilike', p), eb('l.company', 'ilike', p)]));
  }
  return paginate(q, f, {
    sort: { name: 'l.name', score: 'l.score', createdAt: 'l.created_at', updatedAt: 'l.updated_at' },
    id: 'l.id',
    idKey: 'id',
  });
}

export function insertLead(db: Db, values: LeadValues & { name: string; owner_id: string }) {
  return db.insertInto('crm.leads').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateLead(db: Db, id: string, patch: LeadValues) {
  return db
    .updateTable('crm.leads')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
