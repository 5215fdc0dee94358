import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { ContactsTable } from '../crm.tables.js';
import { visibleTo, type CrmScope } from '../visibility.js';
import type { ContactListFilter } from './contacts.schemas.js';

export type ContactRow = Selectable<ContactsTable>;

export function findContact(db: Db, scope: CrmScope, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('crm.contacts as c')
    .selectAll('c')
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

function listBase(db: Db, scope: CrmScope, f: Omit<ContactListFilter, 'limit' | 'sort' | 'cursor'>) {
  let q = db
    .selectFrom('crm.contacts as c')
    .selectAll('c')
    .select(['c.last_name as lastName', 'c.created_at as createdAt', 'c.updated_at as updatedAt'])
    .where(visibleTo(scope, 'c.owner_id'));
  if (f.ownerId) q = q.where('c.owner_id', '=', f.ownerId);
  if (f.organizationId) q = q.where('c.organization_id', '=', f.organizationId);
  if (f.optedIn !== undefined) q = q.where('c.marketing_opted_in', '=', f.optedIn);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(c.tags)`);
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('c.first_name', 'ilike', p),
        eb('c.last_name', 'ilike', p),
        eb(sql<string>`c.first_name || ' ' || c.last_name`, 'ilike', p),
        eb(sql<string>`array_to_string(c.emails, ' ')`, 'ilike', p),
      ]),
    );
  }
  return q;
}

const SORT = { lastName: 'c.last_name', createdAt: 'c.created_at', updatedAt: 'c.updated_at' };

export function listContacts(db: Db, scope: CrmScope, f: ContactListFilter) {
  return paginate(listBase(db, scope, f), f, { sort: SORT, id: 'c.id', idKey: 'id' });
}

export type ContactValues = Omit<Updateable<ContactsTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function insertContact(
  db: Db,
  values: ContactValues & { first_name: string; last_name: string; owner_id: string },
) {
  return db.insertInto('crm.contacts').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateContact(db: Db, id: string, patch: ContactValues) {
  return db
    .updateTable('crm.contacts')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteContact(db: Db, id: string) {
  return db.deleteFrom('crm.contacts').where('id', '=', id).execute();
}

/** Every visible contact matching the filter, in last-name order (for the CSV export; bounded). */
export function exportContacts(
  db: Db,
  scope: CrmScope,
  f: Omit<ContactListFilter, 'limit' | 'sort' | 'cursor'>,
  max: number,
) {
  return listBase(db, scope, f).orderBy('c.last_name').orderBy('c.id').limit(max).execute();
}
