import { Decimal } from 'decimal.js';
import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { withOwnerNames } from '../crm.names.js';
import { formatAmount } from '../crm.shared.js';
import { scopeOf } from '../visibility.js';
import * as repo from './search.repository.js';
import type { SearchHitDto, SearchInput, SearchKind } from './search.schemas.js';

const KIND_ORDER: SearchKind[] = ['organization', 'contact', 'lead', 'opportunity'];
const line = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ') || null;

/**
 * Global search (the web app's search box): the best visible matches across organizations,
 * contacts, leads and opportunities, best first; equal relevance keeps the kind order above.
 */
export async function search(db: Db, ctx: RequestContext, input: SearchInput) {
  const scope = scopeOf(ctx);
  const { q, limit } = input;
  type Hit = Omit<SearchHitDto, 'ownerName'>;
  const hits: (Hit & { relevance: Decimal })[] = [];
  const add = (hit: Hit, score: string | number) => hits.push({ ...hit, relevance: new Decimal(score) });

  for (const o of await repo.searchOrganizations(db, scope, q, limit))
    add(
      { kind: 'organization', id: o.id, ownerId: o.owner_id, title: o.name, subtitle: line(o.domain, o.industry) },
      o.relevance,
    );
  for (const c of await repo.searchContacts(db, scope, q, limit))
    add(
      {
        kind: 'contact',
        id: c.id,
        ownerId: c.owner_id,
        title: `${c.first_name} ${c.last_name}`,
        subtitle: line(c.title, c.organization, c.emails[0]),
      },
      c.relevance,
    );
  for (const l of await repo.searchLeads(db, scope, q, limit))
    add(
      { kind: 'lead', id: l.id, ownerId: l.owner_id, title: l.name, subtitle: line(l.company, l.email, l.status) },
      l.relevance,
    );
  for (const p of await repo.searchOpportunities(db, scope, q, limit))
    add(
      {
        kind: 'opportunity',
        id: p.id,
        ownerId: p.owner_id,
        title: p.name,
        subtitle: line(`${formatAmount(p.amount)} ${p.currency}`, p.stage),
      },
      p.relevance,
    );

  hits.sort((a, b) => b.relevance.comparedTo(a.relevance) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return {
    items: await withOwnerNames(
      db,
      hits.slice(0, limit).map(({ relevance: _, ...hit }) => hit),
    ),
  };
}
