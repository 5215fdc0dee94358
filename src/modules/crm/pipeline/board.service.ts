import { formatAmount } from '../crm.shared.js';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { scopeOf } from '../visibility.js';
import { boardAmounts, boardOpportunities, type BoardSlice } from './opportunities.repository.js';
import { toOpportunityDtos } from './opportunities.service.js';
import { findPipeline, stagesOf } from './pipelines.repository.js';
import { toStageDto } from './pipelines.service.js';

/**
 * The board: every stage in order (or only `stageId`) with how many opportunities you can see in
 * it, their amounts per currency, and `limit` of them from `offset` in position order (`ownerId`:
 * only theirs).
 */
export async function getBoard(db: Db, ctx: RequestContext, pipelineId: string, query: BoardSlice) {
  const pipeline = await findPipeline(db, pipelineId);
  if (!pipeline) throw errors.notFound('Pipeline', pipelineId);
  const scope = scopeOf(ctx);
  let stages = await stagesOf(db, [pipelineId]);
  if (query.stageId) {
    stages = stages.filter((s) => s.id === query.stageId);
    if (stages.length === 0) throw errors.invalidReference('stageId', 'Stage of this pipeline', query.stageId);
  }
  const rows = await toOpportunityDtos(db, await boardOpportunities(db, scope, pipelineId, query));
  const amounts = await boardAmounts(db, scope, pipelineId, query.ownerId, query.stageId);
  return {
    pipelineId,
    name: pipeline.name,
    stages: stages.map((s) => {
      const mine = amounts.filter((a) => a.stage_id === s.id);
      return {
        ...toStageDto(s),
        total: mine.reduce((n, a) => n + Number(a.count), 0),
        amountByCurrency: mine.map((a) => ({
          currency: a.currency,
          count: Number(a.count),
          amount: formatAmount(a.amount),
        })),
        opportunities: rows.filter((r) => r.stageId === s.id),
      };
    }),
  };
}
