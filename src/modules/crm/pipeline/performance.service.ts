import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { formatAmount } from '../crm.shared.js';
import { scopeOf, visibleTo } from '../visibility.js';
import type { PerformanceDto, PerformanceInput } from './performance.schemas.js';
import { findPipeline } from './pipelines.repository.js';

/**
 * Win rate and sales cycle for a period: the visible opportunities of the pipeline closed (won or
 * lost, and not reopened since) between `from` and `to` inclusive, UTC days. Amounts per currency,
 * no conversion; the cycle is creation → close of the won ones.
 */
export async function getPerformance(
  db: Db,
  ctx: RequestContext,
  pipelineId: string,
  input: PerformanceInput,
): Promise<PerformanceDto> {
  if (!(await findPipeline(db, pipelineId))) throw errors.notFound('Pipeline', pipelineId);
  let closed = db
    .selectFrom('crm.opportunities as o')
    .where('o.pipeline_id', '=', pipelineId)
    .where('o.status', 'in', ['won', 'lost'])
    .where('o.closed_at', '>=', sql<Date>`${input.from}::timestamp at time zone 'UTC'`)
    .where('o.closed_at', '<', sql<Date>`(${input.to}::date + 1)::timestamp at time zone 'UTC'`)
    .where(visibleTo(scopeOf(ctx), 'o.owner_id'));
  if (input.ownerId) closed = closed.where('o.owner_id', '=', input.ownerId);

  const totals = await closed
    .select([
      sql<string>`count(*) filter (where o.status = 'won')`.as('won'),
      sql<string>`count(*) filter (where o.status = 'lost')`.as('lost'),
      sql<string | null>`round(avg(extract(epoch from o.closed_at - o.created_at) / 86400)
        filter (where o.status = 'won'), 1)::text`.as('cycle'),
    ])
    .executeTakeFirstOrThrow();
  const amounts = await closed
    .where('o.status', '=', 'won')
    .select(['o.currency', sql<string>`count(*)`.as('count'), sql<string>`sum(o.amount)::text`.as('amount')])
    .groupBy('o.currency')
    .orderBy('o.currency')
    .execute();

  const won = Number(totals.won);
  const lost = Number(totals.lost);
  return {
    pipelineId,
    from: input.from,
    to: input.to,
    ownerId: input.ownerId ?? null,
    won,
    lost,
    winRate: won + lost === 0 ? null : new Decimal(won).div(won + lost).toFixed(4),
    wonAmounts: amounts.map((a) => ({ currency: a.currency, count: Number(a.count), amount: formatAmount(a.amount) })),
    averageSalesCycleDays: totals.cycle,
  };
}
