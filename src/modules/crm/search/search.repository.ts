import type { Db } from '../../../platform/db/database.js';
import { matchesAll, relevance, searchVector } from '../crm.list.js';
import { nameWords } from '../pipeline/opportunities.repository.js';
import { visibleTo, type CrmScope } from '../visibility.js';

/**
 * The best `limit` visible matches of one kind each, with their relevance (a numeric string). Each
 * query is served by its table's GIN index.
 */
export function searchOrganizations(db: Db, scope: CrmScope, q: string, limit: number) {
  return db
    .selectFrom('crm.organizations as o')
    .select([
      'o.id',
      'o.name',
      'o.domain',
      'o.industry',
      'o.owner_id',
      relevance(searchVector('o.search_vector'), q).as('relevance'),
    ])
    .where(matchesAll(searchVector('o.search_vector'), q))
    .where(visibleTo(scope, 'o.owner_id'))
    .orderBy('relevance', 'desc')
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

export function searchContacts(db: Db, scope: CrmScope, q: string, limit: number) {
  return db
    .selectFrom('crm.contacts as c')
    .leftJoin('crm.organizations as o', (join) =>
      join.onRef('o.id', '=', 'c.organization_id').on(visibleTo(scope, 'o.owner_id')),
    )
    .select([
      'c.id',
      'c.owner_id',
      'c.first_name',
      'c.last_name',
      'c.title',
      'c.emails',
      'o.name as organization',
      relevance(searchVector('c.search_vector'), q).as('relevance'),
    ])
    .where(matchesAll(searchVector('c.search_vector'), q))
    .where(visibleTo(scope, 'c.owner_id'))
    .orderBy('relevance', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export function searchLeads(db: Db, scope: CrmScope, q: string, limit: number) {
  return db
    .selectFrom('crm.leads as l')
    .select([
      'l.id',
      'l.owner_id',
      'l.name',
      'l.company',
      'l.email',
      'l.status',
      relevance(searchVector('l.search_vector'), q).as('relevance'),
    ])
    .where(matchesAll(searchVector('l.search_vector'), q))
    .where(visibleTo(scope, 'l.owner_id'))
    .orderBy('relevance', 'desc')
    .orderBy('l.id')
    .limit(limit)
    .execute();
}

export function searchOpportunities(db: Db, scope: CrmScope, q: string, limit: number) {
  return db
    .selectFrom('crm.opportunities as p')
    .innerJoin('crm.stages as s', 's.id', 'p.stage_id')
    .select([
      'p.id',
      'p.owner_id',
      'p.name',
      'p.amount',
      'p.currency',
      's.name as stage',
      relevance(nameWords('p'), q).as('relevance'),
    ])
    .where(matchesAll(nameWords('p'), q))
    .where(visibleTo(scope, 'p.owner_id'))
    .orderBy('relevance', 'desc')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}
