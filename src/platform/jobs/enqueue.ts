import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Tx } from '../db/database.js';
import { errors } from '../errors/app-error.js';
import type { JobDefinition, JsonValue, TypedJobDefinition } from './job-registry.js';
import { notePendingWork } from './pending-work.js';

export interface EnqueueRequest<S extends z.ZodType> {
  /** The job type, as `defineJob` returned it (its schema validates the payload now). */
  type: TypedJobDefinition<S>;
  payload: z.input<S>;
  /** The user the job belongs to (they see it in the jobs API), or null for system work. */
  createdBy: string | null;
  /** Not before this time (default: now). */
  runAt?: Date;
}

export interface EnqueuedJob {
  id: string;
  type: string;
}

/**
 * Enqueues a job inside the caller's transaction: the job exists only if the change commits, and it
 * is dispatched after the commit (to SQS on AWS, to the in-process worker locally). The payload is
 * validated by the type's schema here, and again by the worker before the handler runs.
 */
export async function enqueueJob<S extends z.ZodType>(trx: Tx, request: EnqueueRequest<S>): Promise<EnqueuedJob> {
  const parsed = (await request.type.payload()).safeParse(request.payload);
  if (!parsed.success) {
    throw errors.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
      `The payload of a ${request.type.type} job is not valid.`,
    );
  }
  return insertJob(trx, request.type, parsed.data as JsonValue, request.createdBy, request.runAt);
}

/** The platform's own enqueue (a payload already valid for `definition`): event deliveries, schedules. */
export async function insertJob(
  trx: Tx,
  definition: JobDefinition,
  payload: JsonValue,
  createdBy: string | null,
  runAt?: Date,
): Promise<EnqueuedJob> {
  const id = randomUUID();
  await trx
    .insertInto('platform.jobs')
    .values({
      id,
      type: definition.type,
      payload: JSON.stringify(payload),
      max_attempts: definition.maxAttempts,
      created_by: createdBy,
      ...(runAt ? { next_attempt_at: runAt } : {}),
    })
    .execute();
  notePendingWork();
  return { id, type: definition.type };
}
