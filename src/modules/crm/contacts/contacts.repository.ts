import { sql, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { contactColumns, type RecordRow } from '../crm.columns.js';
import { crmExport, crmPage, matchesAll, searchVector } from '../crm.list.js';
import type { ContactsTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { ContactListFilter } from './contacts.schemas.js';

const SEARCH = searchVector('c.search_vector');

export type ContactRow = RecordRow<ContactsTable>;
/** A row as lists, gets and mutation answers read it: with its organization's name (null if none or not visible). */
export type ContactViewRow = ContactRow & { organization_name: string | null };

/** The record columns qualified by `c` (the organization join would make bare names ambiguous). */
const viewColumns = contactColumns.map((column) => `c.${column}` as const);

export function findContact(db: Db, scope: CrmScope, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('crm.contacts as c')
    .select(contactColumns)
    .where('c.id', '=', id)
    .where(visibleTo(scope, 'c.owner_id'));
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The oldest contact having any of these emails (any owner: duplicates are global). */
export function findByEmails(db: Db, emails: string[], exceptId?: string) {
  let q = db
    .selectFrom('crm.contacts')
    .select(['id', 'emails'])
    .where(sql<boolean>`emails && ${sql.val(emails)}::text[]`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.orderBy('created_at').executeTakeFirst();
}

export type ContactFilter = Omit<ContactListFilter, 'limit' | 'sort' | 'cursor'>;
/** The export's query: the list's filters and sort, without paging. */
export type ContactExportFilter = Omit<ContactListFilter, 'limit' | 'cursor'>;

/** `c` with its organization's name, when the scope can see that organization (one join). */
function withOrganizationName(db: Db, scope: CrmScope) {
  return db
    .selectFrom('crm.contacts as c')
    .leftJoin('crm.organizations as org', (join) =>
      join.onRef('org.id', '=', 'c.organization_id').on(visibleTo(scope, 'org.owner_id')),
    )
    .select(viewColumns)
    .select('org.name as organization_name');
}

/** Visible contacts by id, with their organization's name (for gets and mutation answers). */
export function findContactViews(db: Db, scope: CrmScope, ids: string[]): Promise<ContactViewRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return withOrganizationName(db, scope).where('c.id', 'in', ids).where(visibleTo(scope, 'c.owner_id')).execute();
}

function listBase(db: Db, scope: CrmScope, f: ContactFilter) {
  let q = withOrganizationName(db, scope).where(visibleTo(scope, 'c.owner_id'));
  if (f.ownerId) q = q.where('c.owner_id', '=', f.ownerId);
  if (f.organizationId) q = q.where('c.organization_id', '=', f.organizationId);
  if (f.optedIn !== undefined) q = q.where('c.marketing_opted_in', '=', f.optedIn);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(c.tags)`);
  if (f.q) q = q.where(matchesAll(SEARCH, f.q));
  return q;
}

const ORDER = {
  sort: { lastName: 'c.last_name', createdAt: 'c.created_at', updatedAt: 'c.updated_at' },
  defaultSort: 'lastName',
  id: 'c.id',
  search: SEARCH,
};

export function listContacts(db: Db, scope: CrmScope, f: ContactListFilter) {
  return crmPage(db, listBase(db, scope, f), f, ORDER);
}

export type ContactValues = Omit<Updateable<ContactsTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function insertContact(
  db: Db,
  values: ContactValues & { first_name: string; last_name: string; owner_id: string },
) {
  return db.insertInto('crm.contacts').values(values).returning(contactColumns).executeTakeFirstOrThrow();
}

export function updateContact(db: Db, id: string, patch: ContactValues) {
  return db
    .updateTable('crm.contacts')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returning(contactColumns)
    .executeTakeFirstOrThrow();
}

export function deleteContact(db: Db, id: string) {
  return db.deleteFrom('crm.contacts').where('id', '=', id).execute();
}

/** Every visible contact matching the filter, in the list's order (for the CSV exports, page by page). */
export function exportContacts(db: Db, scope: CrmScope, f: ContactExportFilter, pageSize?: number) {
  return crmExport(db, listBase(db, scope, f), f, ORDER, pageSize);
}
