import type { Db } from '../db/database.js';
import { relay } from '../events/relay.js';
import { logger } from '../observability/logger.js';
import type { Dispatcher } from './dispatch.js';
import { claimJob, runClaimedJob, type RunOutcome } from './job-runner.js';
import { fireDueSchedules } from './schedules.js';
import type { WorkRegistry } from './work-registry.js';

export interface WorkOnceOptions {
  /** The time one invocation may take (like a Lambda's): a long job continues in the next. */
  sliceMs: number;
  /** Says when to give up early (shutting down): `remainingMs()` then reads 0. */
  stopping?: () => boolean;
}

/**
 * One step of the local worker: relays new events into deliveries, then claims and runs one due
 * job. Returns what it ran, or undefined when nothing was due.
 */
export async function workOnce(
  db: Db,
  registry: WorkRegistry,
  options: WorkOnceOptions,
): Promise<{ jobId: string; outcome: RunOutcome } | undefined> {
  await relay(db, { registry });
  const job = await claimJob(db, { remainingMs: options.sliceMs });
  if (!job) return undefined;
  const deadline = Date.now() + options.sliceMs;
  const outcome = await runClaimedJob(db, registry, job, () =>
    options.stopping?.() ? 0 : Math.max(0, deadline - Date.now()),
  );
  return { jobId: job.id, outcome };
}

/** Runs due work until none is left (tests and scripts); at most `maxRuns` jobs. */
export async function drainJobs(
  db: Db,
  registry: WorkRegistry,
  options: Partial<WorkOnceOptions> & { maxRuns?: number } = {},
): Promise<{ jobId: string; outcome: RunOutcome }[]> {
  const runs: { jobId: string; outcome: RunOutcome }[] = [];
  for (let i = 0; i < (options.maxRuns ?? 1000); i++) {
    const run = await workOnce(db, registry, { sliceMs: options.sliceMs ?? 300_000, ...options });
    if (!run) return runs;
    runs.push(run);
  }
  return runs;
}

export interface LocalWorkerOptions {
  getDb: () => Promise<Db>;
  registry: WorkRegistry;
  /** Each job's invocation slice (default 5 minutes). */
  sliceMs?: number;
  /** How often to look for due work when nobody woke the worker (default 1 s). */
  pollMs?: number;
  /** Run the module schedules here (default true). */
  schedules?: boolean;
}

export interface LocalWorker {
  /** Wakes the worker when the relay hands it jobs (the local counterpart of SQS). */
  dispatcher: Dispatcher;
  /** Finishes the current slice (a running job sees `remainingMs()` at 0 and saves its place), then stops. */
  stop: () => Promise<void>;
}

/**
 * The in-process worker and scheduler of `npm start`: the same claim and run code as the Lambda
 * worker, fed by polling the jobs table (and woken by the relay after each commit) instead of SQS.
 * One job at a time; several processes on one PostgreSQL share the work through the claim.
 */
export function startLocalWorker(options: LocalWorkerOptions): LocalWorker {
  const sliceMs = options.sliceMs ?? 300_000;
  const pollMs = options.pollMs ?? 1000;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  // A wake-up that comes while the worker is busy (after it looked for work, before it idles) must not
  // be lost: it is remembered, and the next idle returns at once.
  let woken = false;
  let lastTick = new Date();

  const idle = () =>
    new Promise<void>((resolve) => {
      if (woken) {
        resolve();
        return;
      }
      wake = resolve;
      timer = setTimeout(resolve, pollMs);
    }).finally(() => {
      clearTimeout(timer);
      wake = undefined;
    });

  const loop = (async () => {
    while (!stopping) {
      woken = false;
      let worked = false;
      try {
        const db = await options.getDb();
        if (options.schedules !== false) {
          const now = new Date();
          if (Math.floor(now.getTime() / 60_000) !== Math.floor(lastTick.getTime() / 60_000)) {
            await fireDueSchedules(db, options.registry, lastTick, now);
          }
          lastTick = now;
        }
        worked = (await workOnce(db, options.registry, { sliceMs, stopping: () => stopping })) !== undefined;
      } catch (error) {
        logger.error('local worker: a step failed', { error: (error as Error).message });
      }
      if (!worked && !stopping) await idle();
    }
  })();

  return {
    dispatcher: {
      dispatch: async () => {
        woken = true;
        wake?.();
      },
    },
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
