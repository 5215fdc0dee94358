import { sql, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { leadColumns, type RecordRow } from '../crm.columns.js';
import { crmExport, crmPage, matchesAll, searchVector } from '../crm.list.js';
import type { LeadsTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { LeadListFilter } from './leads.schemas.js';

const SEARCH = searchVector('l.search_vector');

export type LeadRow = RecordRow<LeadsTable>;
export type LeadFilter = Omit<LeadListFilter, 'limit' | 'sort' | 'cursor'>;
/** The export's query: the list's filters and sort, without paging. */
export type LeadExportFilter = Omit<LeadListFilter, 'limit' | 'cursor'>;
export type LeadValues = Omit<Updateable<LeadsTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function findLead(db: Db, scope: CrmScope, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('crm.leads as l')
    .select(leadColumns)
    .where('l.id', '=', id)
    .where(visibleTo(scope, 'l.owner_id'));
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

function listBase(db: Db, scope: CrmScope, f: LeadFilter) {
  let q = db.selectFrom('crm.leads as l').select(leadColumns).where(visibleTo(scope, 'l.owner_id'));
  if (f.status) q = q.where('l.status', '=', f.status);
  if (f.source) q = q.where('l.source', '=', f.source);
  if (f.ownerId) q = q.where('l.owner_id', '=', f.ownerId);
  if (f.converted !== undefined) q = q.where('l.converted_at', f.converted ? 'is not' : 'is', null);
  if (f.q) q = q.where(matchesAll(SEARCH, f.q));
  return q;
}

const ORDER = {
  sort: { name: 'l.name', score: 'l.score', createdAt: 'l.created_at', updatedAt: 'l.updated_at' },
  defaultSort: '-createdAt',
  id: 'l.id',
  search: SEARCH,
};

export function listLeads(db: Db, scope: CrmScope, f: LeadListFilter) {
  return crmPage(db, listBase(db, scope, f), f, ORDER);
}

/** Every visible lead matching the filter, in the list's order (for the CSV exports, page by page). */
export function exportLeads(db: Db, scope: CrmScope, f: LeadExportFilter, pageSize?: number) {
  return crmExport(db, listBase(db, scope, f), f, ORDER, pageSize);
}

export function insertLead(db: Db, values: LeadValues & { name: string; owner_id: string }) {
  return db.insertInto('crm.leads').values(values).returning(leadColumns).executeTakeFirstOrThrow();
}

export function deleteLead(db: Db, id: string) {
  return db.deleteFrom('crm.leads').where('id', '=', id).execute();
}

export function updateLead(db: Db, id: string, patch: LeadValues) {
  return db
    .updateTable('crm.leads')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returning(leadColumns)
    .executeTakeFirstOrThrow();
}
