import type { Db } from '../db/database.js';

/** A unit of long work (> 29 s, or not worth a user's wait): reports, imports, long automations. */
export interface JobMessage {
  /** Registered job type, e.g. `finance.report.export`. */
  type: string;
  /** Identifies the job for logs and idempotency (a retry carries the same id). */
  id: string;
  payload: unknown;
}

export interface JobContext {
  db: Db;
  /** Milliseconds left before the function times out: a long job saves progress and re-enqueues itself. */
  remainingMs: () => number;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/** Modules register their job types here (from their index.ts, wired in src/app). */
export class JobRegistry {
  readonly #handlers = new Map<string, JobHandler>();

  register(type: string, handler: JobHandler): this {
    if (this.#handlers.has(type)) throw new Error(`Job type ${type} is registered twice`);
    this.#handlers.set(type, handler);
    return this;
  }

  get(type: string): JobHandler | undefined {
    return this.#handlers.get(type);
  }

  get types(): string[] {
    return [...this.#handlers.keys()].sort();
  }
}

/** Parses an SQS message body into a job message, or says why it cannot. */
export function parseJobMessage(body: string): JobMessage | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { error: 'the message body is not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { error: 'the message body is not an object' };
  const { type, id, payload } = value as Record<string, unknown>;
  if (typeof type !== 'string' || typeof id !== 'string') return { error: 'the message has no string "type" and "id"' };
  return { type, id, payload };
}
