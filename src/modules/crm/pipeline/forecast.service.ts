import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { withOwnerNames } from '../crm.names.js';
import { formatAmount } from '../crm.shared.js';
import { visibleTo, scopeOf } from '../visibility.js';
import { findPipeline } from './pipelines.repository.js';

const money = (r: { count: string; amount: string; weighted: string }) => ({
  count: Number(r.count),
  amount: formatAmount(r.amount),
  weightedAmount: formatAmount(r.weighted),
});

/**
 * The open pipeline by expected close month and currency, and by owner and currency: how many,
 * their amount, and the amount weighted by each opportunity's probability (computed in numeric,
 * never in floats). One scan (grouping sets). Only the opportunities you can see (and `ownerId`'s,
 * if given); no currency conversion.
 */
export async function getForecast(db: Db, ctx: RequestContext, pipelineId: string, ownerId?: string) {
  if (!(await findPipeline(db, pipelineId))) throw errors.notFound('Pipeline', pipelineId);
  const month = sql<string | null>`to_char(o.expected_close_date, 'YYYY-MM')`;
  let open = db
    .selectFrom('crm.opportunities as o')
    .where('o.pipeline_id', '=', pipelineId)
    .where('o.status', '=', 'open')
    .where(visibleTo(scopeOf(ctx), 'o.owner_id'));
  if (ownerId) open = open.where('o.owner_id', '=', ownerId);
  const rows = await open
    .select([
      month.as('month'),
      sql<string | null>`o.owner_id`.as('owner_id'),
      'o.currency',
      sql<number>`grouping(o.owner_id)`.as('by_month'),
      sql<string>`count(*)`.as('count'),
      sql<string>`sum(o.amount)::text`.as('amount'),
      sql<string>`round(sum(o.amount * o.probability / 100), 4)::text`.as('weighted'),
    ])
    .groupBy(sql`grouping sets ((${month}, o.currency), (o.owner_id, o.currency))`)
    .orderBy(sql`month asc nulls last`)
    .orderBy('owner_id')
    .orderBy('o.currency')
    .execute();
  const byOwner = rows
    .filter((r) => Number(r.by_month) === 0)
    .map((r) => ({ ownerId: r.owner_id!, currency: r.currency, ...money(r) }));
  return {
    pipelineId,
    items: rows
      .filter((r) => Number(r.by_month) === 1)
      .map((r) => ({ month: r.month, currency: r.currency, ...money(r) })),
    byOwner: await withOwnerNames(db, byOwner),
  };
}
