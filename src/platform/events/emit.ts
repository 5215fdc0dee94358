import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Tx } from '../db/database.js';
import { notePendingWork } from '../jobs/pending-work.js';
import type { EventType } from './event-types.js';

export interface EmitRequest<S extends z.ZodType> {
  type: EventType<S>;
  payload: z.input<S>;
  /** Who caused it, when a user did. */
  actorId?: string | null;
}

/**
 * Records a domain event in the caller's transaction (an outbox row). It is delivered to the
 * subscribers only if that transaction commits, at least once, and each subscriber runs once per
 * event. The payload is validated by the event type's schema now: a bad one throws, and the change
 * rolls back with it.
 */
export async function emit<S extends z.ZodType>(trx: Tx, event: EmitRequest<S>): Promise<{ id: string }> {
  const payload = (await event.type.payload()).parse(event.payload);
  const id = randomUUID();
  await trx
    .insertInto('platform.outbox')
    .values({
      id,
      event_type: event.type.name,
      payload: JSON.stringify(payload),
      actor_id: event.actorId ?? null,
    })
    .execute();
  notePendingWork();
  return { id };
}
