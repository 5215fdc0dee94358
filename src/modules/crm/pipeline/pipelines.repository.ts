import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { PipelinesTable, StagesTable } from '../crm.tables.js';

export type PipelineRow = Selectable<PipelinesTable>;
export type StageRow = Selectable<StagesTable>;

export function listPipelines(db: Db) {
  return db.selectFrom('crm.pipelines').selectAll().orderBy('is_default', 'desc').orderBy('name').execute();
}

export function findPipeline(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('crm.pipelines').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findDefaultPipeline(db: Db) {
  return db.selectFrom('crm.pipelines').selectAll().where('is_default', '=', true).executeTakeFirst();
}

export function findPipelineByName(db: Db, name: string) {
  return db.selectFrom('crm.pipelines').select('id').where('name', '=', name).executeTakeFirst();
}

export function stagesOf(db: Db, pipelineIds: string[]) {
  if (pipelineIds.length === 0) return Promise.resolve([] as StageRow[]);
  return db
    .selectFrom('crm.stages')
    .selectAll()
    .where('pipeline_id', 'in', pipelineIds)
    .orderBy('pipeline_id')
    .orderBy('position')
    .execute();
}

export function findStage(db: Db, id: string) {
  return db.selectFrom('crm.stages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPipeline(
  db: Db,
  name: string,
  isDefault: boolean,
  stages: { name: string; probability: number; isWon: boolean; isLost: boolean }[],
) {
  const pipeline = await db
    .insertInto('crm.pipelines')
    .values({ name, is_default: isDefault })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('crm.stages')
    .values(
      stages.map((s, position) => ({
        pipeline_id: pipeline.id,
        name: s.name,
        position,
        probability: s.probability,
        is_won: s.isWon,
        is_lost: s.isLost,
      })),
    )
    .execute();
  return pipeline;
}

/** Serializes creating the default pipeline (two first uses at once make one). */
export async function lockDefaultPipelineCreation(db: Db) {
  await sql`select pg_advisory_xact_lock(hashtext('crm.default_pipeline'))`.execute(db);
}
