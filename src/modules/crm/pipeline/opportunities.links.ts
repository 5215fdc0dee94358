import { Decimal } from 'decimal.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { scopeOf } from '../visibility.js';
import * as repo from './opportunities.repository.js';

/** What another module needs to know of an opportunity it links a document to. */
export interface OpportunityLink {
  id: string;
  name: string;
  status: 'open' | 'won' | 'lost';
  amount: string;
  currency: string;
  organizationId: string | null;
}

/**
 * For other modules (supply's quotations): the opportunity, if the caller can see it under CRM's
 * visibility rules (own records, their teams' records, everything with crm:admin); else undefined.
 */
export async function findOpportunityLink(
  db: Db,
  ctx: RequestContext,
  id: string,
): Promise<OpportunityLink | undefined> {
  const row = await repo.findOpportunity(db, scopeOf(ctx), id);
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    amount: new Decimal(row.amount).toFixed(),
    currency: row.currency,
    organizationId: row.organization_id,
  };
}

export type FollowOutcome = 'updated' | 'unchanged' | 'closed' | 'missing';

/**
 * For other modules, inside their transaction: the opportunity's amount (and currency) follows a
 * document's total (a quotation). Locks the row, bumps its version and writes the audit record as any
 * CRM change does. A won or lost opportunity keeps the amount it closed with ('closed'); the link was
 * checked against the caller's visibility when it was made, so following it is not.
 */
export async function followOpportunityAmount(
  trx: Tx,
  ctx: RequestContext,
  id: string,
  input: { amount: string; currency: string; source: { type: string; id: string; number: string } },
): Promise<FollowOutcome> {
  const before = await repo.findOpportunity(trx, { userId: ctx.actor?.userId ?? '', all: true }, id, {
    forUpdate: true,
  });
  if (!before) return 'missing';
  if (before.status !== 'open') return 'closed';
  if (new Decimal(before.amount).eq(input.amount) && before.currency === input.currency) return 'unchanged';
  const after = await repo.updateOpportunity(trx, id, { amount: input.amount, currency: input.currency });
  await writeAudit(trx, ctx, {
    action: 'opportunity.amount-followed',
    entityType: 'crm.opportunity',
    entityId: id,
    before: { amount: before.amount, currency: before.currency, version: before.version },
    after: { amount: after.amount, currency: after.currency, version: after.version, source: input.source },
  });
  return 'updated';
}
