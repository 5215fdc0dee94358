import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { PartiesTable } from './documents.tables.js';
import type { PartyListFilter } from './parties.schemas.js';

export type PartyRow = Selectable<PartiesTable>;

export function findParty(db: Db, id: string, forUpdate = false) {
  const q = db.selectFrom('finance.parties').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function getPartyName(db: Db, id: string) {
  return db.selectFrom('finance.parties').select('name').where('id', '=', id).executeTakeFirstOrThrow();
}

/** A page of parties ("both" parties match either kind). */
export function listParties(db: Db, filter: PartyListFilter) {
  let q = db.selectFrom('finance.parties as p').selectAll('p').select('p.created_at as createdAt');
  if (filter.kind) q = q.where('p.kind', 'in', [filter.kind, 'both']);
  if (filter.active !== undefined) q = q.where('p.active', '=', filter.active);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) =>
      eb.or([eb('p.name', 'ilike', pattern), eb('p.email', 'ilike', pattern), eb('p.tax_id', 'ilike', pattern)]),
    );
  }
  return paginate(q, filter, {
    sort: { name: 'p.name', createdAt: 'p.created_at' },
    id: 'p.id',
    idKey: 'id',
  });
}

export function insertParty(trx: Db, values: Insertable<PartiesTable>) {
  return trx.insertInto('finance.parties').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Sets the given columns, bumps the version and `updated_at`. */
export function updateParty(trx: Db, id: string, patch: Updateable<PartiesTable>) {
  return trx
    .updateTable('finance.parties')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteParty(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('finance.parties').where('id', '=', id).execute();
}

/** One document of the party, if it has any. */
export function findDocumentOfParty(trx: Db, partyId: string) {
  return trx.selectFrom('finance.documents').select('id').where('party_id', '=', partyId).executeTakeFirst();
}

/** One payment of the party, if it has any. */
export function findPaymentOfParty(trx: Db, partyId: string) {
  return trx.selectFrom('finance.payments').select('id').where('party_id', '=', partyId).executeTakeFirst();
}

/** A party whose e-mail address ends in `.<domain>` (the demo's marker). */
export function findPartyWithEmailDomain(db: Db, domain: string) {
  return db.selectFrom('finance.parties').select('id').where('email', 'like', `%.${domain}`).executeTakeFirst();
}
