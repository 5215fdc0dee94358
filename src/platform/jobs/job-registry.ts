import type { z } from 'zod';
import type { Db, Tx } from '../db/database.js';
import { lazySchema, type SchemaSource } from '../modules/lazy.js';

/** What a job's payload, checkpoint and result are stored as (jsonb). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * What a handler returns: nothing (done), `{ result }` (done, with a result the jobs API shows), or
 * `'continue'`: "I saved a checkpoint and want another invocation" — return it when `remainingMs()`
 * runs low, and the job is queued again at once and resumes from the checkpoint.
 */
export type JobOutcome = void | { result: JsonValue } | 'continue';

/** The handler's saved position. `save` with `{ trx }` commits the checkpoint with the chunk's own writes. */
export interface JobCheckpoint<C> {
  load: () => Promise<C | undefined>;
  /**
   * Saves the position (and renews the lease). Throws `JobCancelledError` when someone cancelled the
   * job (cancelling is honoured here), and `JobLeaseLostError` when another worker took it over (its
   * lease expired): either way, let it propagate, so a `trx` passed in rolls back.
   */
  save: (value: C, options?: { trx?: Tx }) => Promise<void>;
}

/** Everything a handler gets besides its (validated) payload. */
export interface JobContext<C = JsonValue> {
  jobId: string;
  type: string;
  /** 1 on the first try; counts failed tries (a `'continue'` starts the count again). */
  attempt: number;
  /** The user who started the job, or null (schedules, event deliveries). */
  createdBy: string | null;
  /** The database; open your own transactions (`inTransaction`) for each chunk. */
  db: Db;
  /** Milliseconds left in this invocation (Lambda's, or the local worker's slice). */
  remainingMs: () => number;
  checkpoint: JobCheckpoint<C>;
  /** 0–100 and a short message for the person watching (renews the lease). */
  progress: (percent: number, message?: string) => Promise<void>;
  /** True once someone asked to cancel: stop at a convenient point (or let `checkpoint.save` throw). */
  isCancelled: () => Promise<boolean>;
}

export type JobHandler<P = unknown, C = JsonValue> = (payload: P, ctx: JobContext<C>) => Promise<JobOutcome>;

/** A job type: its name, its payload's schema, its retry policy and its lazily loaded handler. */
export interface JobDefinition {
  /** `<module>.<what>`, e.g. `finance.ledger-export`. */
  type: string;
  /**
   * The payload's schema, built (or imported) on the first call and kept (a manifest is imported by every
   * function at a cold start; the schema only when a job of this type is enqueued or run: docs/adr/0008).
   */
  payload: () => Promise<z.ZodType>;
  /** Tries before the job is `failed` (default 5). */
  maxAttempts: number;
  /** First retry delay; each further one doubles it (default 10 s), capped at one hour. */
  backoffMs: number;
  /** The handler, loaded on the first job of this type (keep it out of the manifest's eager imports). */
  load: () => Promise<JobHandler>;
  /**
   * What people call this job (e.g. `General ledger export`): when set, the person who started a job
   * is told in the app when it ends (succeeded or failed for good). For the jobs someone waits on —
   * exports and imports — not for mail sends or schedules.
   */
  notifyOwner?: string | undefined;
}

/** A job type with its payload type attached, as `defineJob` returns it (for typed `enqueueJob`). */
export interface TypedJobDefinition<S extends z.ZodType> extends JobDefinition {
  readonly payload: () => Promise<S>;
}

/**
 * Declares a job type (list it in the module manifest's `jobs`). The payload's schema is a function,
 * called once on first use (memoized) — in a manifest, one that imports the file declaring it, so that
 * a cold start loads no Zod — and the handler is loaded on first use:
 *
 *     export const ledgerExport = defineJob({
 *       type: 'finance.ledger-export',
 *       payload: async () => (await import('./ledger-export.schemas.js')).ledgerExportPayload(),
 *       load: async () => (await import('./ledger-export.job.js')).runLedgerExport,
 *     });
 */
export function defineJob<S extends z.ZodType, C = JsonValue>(definition: {
  type: string;
  payload: SchemaSource<S>;
  maxAttempts?: number;
  backoffMs?: number;
  notifyOwner?: string;
  load: () => Promise<JobHandler<z.output<S>, C>>;
}): TypedJobDefinition<S> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(definition.type))
    throw new Error(`Job type "${definition.type}" is not <module>.<name> in kebab-case`);
  return {
    type: definition.type,
    payload: lazySchema(definition.payload),
    maxAttempts: definition.maxAttempts ?? 5,
    backoffMs: definition.backoffMs ?? 10_000,
    notifyOwner: definition.notifyOwner,
    // The runner validates the payload with `await payload()` before it calls the handler.
    load: definition.load as unknown as () => Promise<JobHandler>,
  };
}

/** The job types a process can run, each handler loaded once (a failed load is tried again). */
export class JobRegistry {
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #loaded = new Map<string, Promise<JobHandler>>();

  register(definition: JobDefinition): this {
    if (this.#definitions.has(definition.type)) throw new Error(`Job type ${definition.type} is registered twice`);
    this.#definitions.set(definition.type, definition);
    return this;
  }

  get(type: string): JobDefinition | undefined {
    return this.#definitions.get(type);
  }

  /** The handler of `type` (loaded on first use), or undefined when no module declares the type. */
  async handler(type: string): Promise<JobHandler | undefined> {
    const definition = this.#definitions.get(type);
    if (!definition) return undefined;
    let loading = this.#loaded.get(type);
    if (!loading) {
      loading = definition.load().catch((error: unknown) => {
        this.#loaded.delete(type); // the next job tries again
        throw error;
      });
      this.#loaded.set(type, loading);
    }
    return loading;
  }

  get types(): string[] {
    return [...this.#definitions.keys()].sort();
  }
}

/** Thrown by `checkpoint.save` (and the runner) when the job was cancelled: the job ends `cancelled`. */
export class JobCancelledError extends Error {
  constructor() {
    super('The job was cancelled');
    this.name = 'JobCancelledError';
  }
}

/** Thrown when this worker no longer holds the job (its lease expired and another worker took it). */
export class JobLeaseLostError extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} is no longer held by this worker (its lease expired)`);
    this.name = 'JobLeaseLostError';
  }
}
