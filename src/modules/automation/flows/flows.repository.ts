import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate, type PageRequest } from '../../../platform/http/pagination.js';
import type { FlowsTable, FlowVersionsTable } from '../automation.tables.js';

export type FlowRow = Selectable<FlowsTable>;
export type FlowVersionRow = Selectable<FlowVersionsTable>;

export function insertFlow(
  db: Db,
  values: { name: string; description: string; run_as_user_id: string; draft: unknown; created_by: string | null },
) {
  return db
    .insertInto('automation.flows')
    .values({ ...values, draft: JSON.stringify(values.draft) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findFlow(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('automation.flows').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function updateFlow(
  db: Db,
  id: string,
  patch: Partial<{
    name: string;
    description: string;
    run_as_user_id: string;
    enabled: boolean;
    draft: unknown;
    published_version: number;
    trigger_kind: string;
    trigger_event: string | null;
    trigger_record: string | null;
    max_concurrent_runs: number | null;
    retention_days: number | null;
  }>,
) {
  const { draft, ...rest } = patch;
  return db
    .updateTable('automation.flows')
    .set({
      ...rest,
      ...(draft !== undefined ? { draft: JSON.stringify(draft) } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listFlows(db: Db, request: PageRequest & { q?: string | undefined; manualFor?: string | undefined }) {
  let q = db.selectFrom('automation.flows').selectAll();
  if (request.q) q = q.where('name', 'ilike', containsPattern(request.q));
  // The flows run from a record type's page: published, enabled, manual, for that type (flows_trigger_record).
  if (request.manualFor)
    q = q
      .where('trigger_record', '=', request.manualFor)
      .where('trigger_kind', '=', 'manual')
      .where('enabled', '=', true)
      .where('published_version', 'is not', null);
  return paginate(q, request, {
    sort: { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' },
    id: 'id',
    idKey: 'id',
  });
}

export function insertVersion(
  db: Db,
  values: { flow_id: string; version: number; definition: unknown; published_by: string | null },
) {
  return db
    .insertInto('automation.flow_versions')
    .values({ ...values, definition: JSON.stringify(values.definition) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findVersion(db: Db, flowId: string, version: number) {
  return db
    .selectFrom('automation.flow_versions')
    .selectAll()
    .where('flow_id', '=', flowId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export function listVersions(db: Db, flowId: string) {
  return db
    .selectFrom('automation.flow_versions')
    .select(['version', 'published_by', 'published_at'])
    .where('flow_id', '=', flowId)
    .orderBy('version', 'desc')
    .execute();
}

/** Published, enabled flows an event type triggers (the partial index `flows_trigger_event`). */
export function flowsTriggeredBy(db: Db, eventType: string) {
  return db
    .selectFrom('automation.flows as f')
    .innerJoin('automation.flow_versions as v', (j) =>
      j.onRef('v.flow_id', '=', 'f.id').onRef('v.version', '=', 'f.published_version'),
    )
    .select(['f.id', 'f.run_as_user_id', 'v.version', 'v.definition'])
    .where('f.trigger_event', '=', eventType)
    .where('f.enabled', '=', true)
    .where('f.published_version', 'is not', null)
    .execute();
}

/** Published, enabled scheduled flows, with when their version was published. */
export function scheduledFlows(db: Db) {
  return db
    .selectFrom('automation.flows as f')
    .innerJoin('automation.flow_versions as v', (j) =>
      j.onRef('v.flow_id', '=', 'f.id').onRef('v.version', '=', 'f.published_version'),
    )
    .select(['f.id', 'f.run_as_user_id', 'v.version', 'v.definition', 'v.published_at'])
    .where('f.trigger_kind', '=', 'schedule')
    .where('f.enabled', '=', true)
    .where('f.published_version', 'is not', null)
    .execute();
}
