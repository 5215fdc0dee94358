import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { isoTimestamp } from '../../../platform/dates.js';
import * as repo from './pipelines.repository.js';
import type { CreatePipelineInput, PipelineDto, StageDto } from './pipelines.schemas.js';

const ENTITY = 'crm.pipeline';

export const DEFAULT_PIPELINE = {
  name: 'Sales',
  stages: [
    { name: 'Prospecting', probability: 10, isWon: false, isLost: false },
    { name: 'Qualification', probability: 25, isWon: false, isLost: false },
    { name: 'Proposal', probability: 50, isWon: false, isLost: false },
    { name: 'Negotiation', probability: 75, isWon: false, isLost: false },
    { name: 'Won', probability: 100, isWon: true, isLost: false },
    { name: 'Lost', probability: 0, isWon: false, isLost: true },
  ],
};

export function toStageDto(s: repo.StageRow): StageDto {
  return {
    id: s.id,
    name: s.name,
    position: s.position,
    probability: s.probability,
    isWon: s.is_won,
    isLost: s.is_lost,
  };
}

function toPipelineDto(p: repo.PipelineRow, stages: repo.StageRow[]): PipelineDto {
  return {
    id: p.id,
    name: p.name,
    isDefault: p.is_default,
    stages: stages.filter((s) => s.pipeline_id === p.id).map(toStageDto),
    version: p.version,
    createdAt: isoTimestamp(p.created_at),
    updatedAt: isoTimestamp(p.updated_at),
  };
}

/** The default pipeline, created (and audited) on first use. */
export async function ensureDefaultPipeline(db: Db, ctx: RequestContext): Promise<repo.PipelineRow> {
  const existing = await repo.findDefaultPipeline(db);
  if (existing) return existing;
  return inTransaction(db, async (trx) => {
    await repo.lockDefaultPipelineCreation(trx);
    const again = await repo.findDefaultPipeline(trx);
    if (again) return again;
    const name = (await repo.findPipelineByName(trx, DEFAULT_PIPELINE.name)) ? 'Default sales' : DEFAULT_PIPELINE.name;
    const row = await repo.insertPipeline(trx, name, true, DEFAULT_PIPELINE.stages);
    await writeAudit(trx, ctx, {
      action: 'pipeline.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...row, stages: DEFAULT_PIPELINE.stages },
    });
    return row;
  });
}

export async function listPipelines(db: Db, ctx: RequestContext) {
  await ensureDefaultPipeline(db, ctx);
  const rows = await repo.listPipelines(db);
  const stages = await repo.stagesOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toPipelineDto(r, stages)) };
}

export async function getPipeline(db: Db, id: string) {
  const row = await repo.findPipeline(db, id);
  if (!row) throw errors.notFound('Pipeline', id);
  return toPipelineDto(row, await repo.stagesOf(db, [id]));
}

export async function createPipeline(db: Db, ctx: RequestContext, input: CreatePipelineInput) {
  return inTransaction(db, async (trx: Tx) => {
    if (await repo.findPipelineByName(trx, input.name))
      throw errors.conflict(`A pipeline named "${input.name}" already exists.`);
    const row = await repo.insertPipeline(trx, input.name, false, input.stages);
    const stages = await repo.stagesOf(trx, [row.id]);
    await writeAudit(trx, ctx, {
      action: 'pipeline.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...row, stages },
    });
    return toPipelineDto(row, stages);
  });
}
