import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { scopeOf } from '../visibility.js';
import { boardOpportunities, boardTotals, contactIdsOf } from './opportunities.repository.js';
import { toOpportunityDto } from './opportunities.service.js';
import { findPipeline, stagesOf } from './pipelines.repository.js';
import { toStageDto } from './pipelines.service.js';

/**
 * The board: every stage in order with how many opportunities you can see in it and the first
 * `limit` of them in position order (`ownerId`: only theirs).
 */
export async function getBoard(
  db: Db,
  ctx: RequestContext,
  pipelineId: string,
  query: { limit: number; ownerId?: string | undefined },
) {
  const pipeline = await findPipeline(db, pipelineId);
  if (!pipeline) throw errors.notFound('Pipeline', pipelineId);
  const scope = scopeOf(ctx);
  const stages = await stagesOf(db, [pipelineId]);
  const rows = await boardOpportunities(db, scope, pipelineId, query.limit, query.ownerId);
  const totals = await boardTotals(db, scope, pipelineId, query.ownerId);
  const contacts = await contactIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    pipelineId,
    name: pipeline.name,
    stages: stages.map((s) => ({
      ...toStageDto(s),
      total: totals.get(s.id) ?? 0,
      opportunities: rows.filter((r) => r.stage_id === s.id).map((r) => toOpportunityDto(r, contacts.get(r.id) ?? [])),
    })),
  };
}
