import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { scopeOf } from '../visibility.js';
import { boardOpportunities, contactIdsOf } from './opportunities.repository.js';
import { toOpportunityDto } from './opportunities.service.js';
import { findPipeline, stagesOf } from './pipelines.repository.js';
import { toStageDto } from './pipelines.service.js';

/** The board: every stage in order, each with the opportunities you can see in their position order. */
export async function getBoard(db: Db, ctx: RequestContext, pipelineId: string, ownerId?: string) {
  const pipeline = await findPipeline(db, pipelineId);
  if (!pipeline) throw errors.notFound('Pipeline', pipelineId);
  const stages = await stagesOf(db, [pipelineId]);
  const rows = await boardOpportunities(db, scopeOf(ctx), pipelineId, ownerId);
  const contacts = await contactIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    pipelineId,
    name: pipeline.name,
    stages: stages.map((s) => ({
      ...toStageDto(s),
      opportunities: rows
        .filter((r) => r.stage_id === s.id)
        .sort((a, b) => a.position - b.position)
        .map((r) => toOpportunityDto(r, contacts.get(r.id) ?? [])),
    })),
  };
}
