import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { DatasetDefinition } from '../../../platform/modules/dataset.js';
import { measureType, planQuery } from './plan.js';
import type { AnalyticsQueryT, QueryResultT } from './query.schemas.js';
import { datasetFor, datasetRegistry, mayQuery } from './registry.js';
import { runPlan, type RunOptions } from './run.js';

export function callerOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor;
}

/** The datasets the caller may query, described (fields, measures, their types). */
export async function listDatasets(ctx: RequestContext) {
  const caller = callerOf(ctx);
  return [...(await datasetRegistry()).values()].filter((d) => mayQuery(caller, d)).map(describeDataset);
}

function describeDataset(d: DatasetDefinition) {
  const fields = new Map(d.fields.map((f) => [f.name, f]));
  return {
    key: d.key,
    label: d.label,
    description: d.description,
    permission: d.permission,
    defaultTimeField: d.defaultTimeField ?? null,
    fields: d.fields.map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      currency: f.currency ?? null,
      description: f.description ?? null,
    })),
    measures: d.measures.map((m) => ({
      name: m.name,
      label: m.label,
      aggregation: m.aggregation,
      field: m.field ?? null,
      type: measureType(m, m.field === undefined ? undefined : fields.get(m.field)),
      description: m.description ?? null,
    })),
  };
}

/**
 * Runs a JSON query as `caller`: the dataset must be one they may query, the query must fit its
 * declaration (422 otherwise, before anything reaches the database), and the rows are those the
 * dataset's module lets the caller see.
 */
export async function runQuery(
  db: Db,
  caller: Actor,
  query: AnalyticsQueryT,
  path = '',
  options: RunOptions = {},
): Promise<QueryResultT> {
  const dataset = await datasetFor(caller, query.dataset, `${path}dataset`);
  return runPlan(db, caller, planQuery(dataset, query, path), options);
}

/**
 * The result cache for an interactive request: answered from it when the request accepts an answer
 * that old (`Cache-Control: max-age=<seconds>`), read afresh otherwise (and with `no-cache`); the
 * result is remembered either way.
 */
export function cacheOption(cacheControl: string | undefined): RunOptions {
  const header = cacheControl ?? '';
  const maxAge = /(?:^|[\s,])max-age=(\d{1,6})(?:$|[\s,])/i.exec(header)?.[1];
  if (maxAge === undefined || /no-cache|no-store/i.test(header)) return { cache: { maxAgeMs: 0 } };
  return { cache: { maxAgeMs: Number(maxAge) * 1000 } };
}
