import type { Db } from '../../../platform/db/database.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { OpeningBalanceFilter } from './opening-balances.schemas.js';

/** A page of opening-balance documents with their party's name. */
export function listOpeningBalances(db: Db, filter: OpeningBalanceFilter) {
  let q = db
    .selectFrom('finance.documents as d')
    .innerJoin('finance.parties as p', 'p.id', 'd.party_id')
    .selectAll('d')
    .select(['p.name as party_name', 'd.document_date as date', 'd.created_at as createdAt'])
    .where('d.opening_balance', '=', true);
  if (filter.partyId) q = q.where('d.party_id', '=', filter.partyId);
  if (filter.side === 'customer') q = q.where('d.kind', 'in', ['invoice', 'credit-note']);
  if (filter.side === 'vendor') q = q.where('d.kind', 'in', ['bill', 'vendor-credit']);
  return paginate(q, filter, {
    sort: { date: 'd.document_date', number: 'd.number', createdAt: 'd.created_at' },
    id: 'd.id',
    idKey: 'id',
  });
}

/** Active parties with exactly this name (case-insensitive), for the open-items import. */
export function findPartiesNamed(db: Db, name: string) {
  return db
    .selectFrom('finance.parties')
    .select(['id', 'kind'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .limit(2)
    .execute();
}
