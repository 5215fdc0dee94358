import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { COLLECTORS, collectEvidenceJob, type CollectorKey } from '../compliance.module.js';
import type { CollectorRunsTable } from '../compliance.tables.js';
import { sealArtefact, sha256Hex } from './artefact.js';
import { COLLECTOR_CATALOG } from './collectors.catalog.js';
import { collectors } from './collectors.js';
import type { CollectorRunListQuery } from './evidence.schemas.js';

type RunRow = Selectable<CollectorRunsTable>;

export interface CollectedRun {
  id: string;
  collector: CollectorKey;
  status: 'passed' | 'failed' | 'error';
  sha256: string;
}

/**
 * Runs collectors and stores each one's sealed artefact (one row each; a collector that throws is
 * stored as `error` with the message, so a broken collector turns its controls red, not silent).
 */
export async function runCollectors(
  db: Db,
  keys: readonly CollectorKey[] = COLLECTORS,
  options: { jobId?: string | null; now?: () => Date } = {},
): Promise<CollectedRun[]> {
  const now = options.now ?? (() => new Date());
  const out: CollectedRun[] = [];
  for (const key of keys) {
    const collectedAt = now();
    let status: CollectedRun['status'];
    let summary: string;
    let result: unknown;
    try {
      ({ status, summary, result } = await collectors[key](db, collectedAt));
    } catch (error) {
      status = 'error';
      summary = `The collector could not run: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
      result = null;
    }
    const { text, sha256 } = sealArtefact({ collector: key, collectedAt, status, summary, result });
    const row = await db
      .insertInto('compliance.collector_runs')
      .values({
        collector: key,
        status,
        summary,
        artefact: text,
        sha256,
        job_id: options.jobId ?? null,
        collected_at: collectedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    out.push({ id: row.id, collector: key, status, sha256 });
  }
  return out;
}

/** Queues a collection as a job of the caller's (they follow it in the jobs tray). */
export async function requestCollection(db: Db, ctx: RequestContext, keys: readonly CollectorKey[] | undefined) {
  return inTransaction(db, async (trx) => {
    const job = await enqueueJob(trx, {
      type: collectEvidenceJob,
      payload: keys ? { collectors: [...new Set(keys)] } : {},
      createdBy: ctx.actor?.userId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'compliance.collection-requested',
      entityType: 'platform.job',
      entityId: job.id,
      after: { collectors: keys ?? COLLECTORS },
    });
    return { jobId: job.id };
  });
}

const runDto = (r: RunRow) => ({
  id: r.id,
  collector: r.collector as CollectorKey,
  status: r.status,
  summary: r.summary,
  sha256: r.sha256,
  collectedAt: r.collected_at.toISOString(),
  jobId: r.job_id,
});

export async function listCollectors(db: Db) {
  const latest = await db
    .selectFrom('compliance.collector_runs')
    .select(['id', 'collector', 'status', 'summary', 'collected_at'])
    .distinctOn('collector')
    .orderBy('collector')
    .orderBy('collected_at', 'desc')
    .execute();
  return COLLECTOR_CATALOG.map((c) => {
    const run = latest.find((r) => r.collector === c.key);
    return {
      ...c,
      latestRun: run
        ? { id: run.id, status: run.status, summary: run.summary, collectedAt: run.collected_at.toISOString() }
        : null,
    };
  });
}

export async function listRuns(db: Db, filter: z.output<typeof CollectorRunListQuery>) {
  let q = db.selectFrom('compliance.collector_runs as r').selectAll('r');
  if (filter.collector) q = q.where('r.collector', '=', filter.collector);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  if (filter.q) q = q.where('r.summary', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, { sort: { collectedAt: 'r.collected_at' }, id: 'r.id', idKey: 'id' });
  return { items: page.items.map(runDto), nextCursor: page.nextCursor };
}

/** A run with its artefact and a fresh check that the stored bytes still hash to the recorded SHA-256. */
export async function getRun(db: Db, id: string) {
  const row = await db.selectFrom('compliance.collector_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('Collector run', id);
  const recomputed = sha256Hex(row.artefact);
  let artefact: unknown;
  try {
    artefact = JSON.parse(row.artefact);
  } catch {
    artefact = null; // altered into something that is not JSON: integrity.valid says so
  }
  return { ...runDto(row), artefact, integrity: { recomputedSha256: recomputed, valid: recomputed === row.sha256 } };
}
