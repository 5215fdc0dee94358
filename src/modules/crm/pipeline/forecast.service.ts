import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { formatAmount } from '../crm.shared.js';
import { visibleTo, scopeOf } from '../visibility.js';
import { findPipeline } from './pipelines.repository.js';

/**
 * The open pipeline by expected close month and currency: how many, their amount, and the amount
 * weighted by each opportunity's probability (computed in numeric, never in floats). Only the
 * opportunities you can see; no currency conversion.
 */
export async function getForecast(db: Db, ctx: RequestContext, pipelineId: string) {
  if (!(await findPipeline(db, pipelineId))) throw errors.notFound('Pipeline', pipelineId);
  const rows = await db
    .selectFrom('crm.opportunities as o')
    .select([
      sql<string | null>`to_char(o.expected_close_date, 'YYYY-MM')`.as('month'),
      'o.currency',
      sql<string>`count(*)`.as('count'),
      sql<string>`sum(o.amount)::text`.as('amount'),
      sql<string>`round(sum(o.amount * o.probability / 100), 4)::text`.as('weighted'),
    ])
    .where('o.pipeline_id', '=', pipelineId)
    .where('o.status', '=', 'open')
    .where(visibleTo(scopeOf(ctx), 'o.owner_id'))
    .groupBy([sql`1`, 'o.currency'])
    .orderBy(sql`1 asc nulls last`)
    .orderBy('o.currency')
    .execute();
  return {
    pipelineId,
    items: rows.map((r) => ({
      month: r.month,
      currency: r.currency,
      count: Number(r.count),
      amount: formatAmount(r.amount),
      weightedAmount: formatAmount(r.weighted),
    })),
  };
}
