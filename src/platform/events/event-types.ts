import type { z } from 'zod';
import type { Tx } from '../db/database.js';
import { lazySchema, type SchemaSource } from '../modules/lazy.js';

/** A domain event type: `<module>.<entity>.<what happened>` with the schema of its payload. */
export interface EventType<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  /**
   * The payload's schema, built (or imported) on the first call and kept (a manifest is imported by every
   * function at a cold start; the schema only when such an event is emitted or delivered: docs/adr/0008).
   */
  readonly payload: () => Promise<S>;
}

/**
 * Declares an event type (list it in the module manifest's `events`; emit it with `emit`). The schema
 * is a function, called once on first use (memoized); in a manifest, one that imports the file that
 * builds it, so that a cold start loads no Zod:
 *
 *     export const invoiceIssued = defineEvent('finance.invoice.issued', async () => (await import('./finance.events.schemas.js')).invoiceIssued());
 */
export function defineEvent<S extends z.ZodType>(name: string, payload: SchemaSource<S>): EventType<S> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/.test(name))
    throw new Error(`Event type "${name}" is not <module>.<entity>.<what> in kebab-case`);
  return { name, payload: lazySchema(payload) };
}

/** One event as a subscriber receives it (its payload validated by the event type's schema). */
export interface DeliveredEvent<P = unknown> {
  id: string;
  type: string;
  payload: P;
  occurredAt: Date;
  /** Who caused it, when a user did. */
  actorId: string | null;
}

/**
 * A subscriber runs inside a transaction that also records "(event id, subscriber) done": it runs
 * once per event even when the event is delivered twice. Write with `trx` (and enqueue jobs with it
 * for anything outside the database, such as email); throwing rolls everything back and the delivery
 * is retried with backoff.
 */
export type SubscriberHandler<P = unknown> = (event: DeliveredEvent<P>, trx: Tx) => Promise<void>;

export interface SubscriberDefinition {
  /** `<module>.<what>`, unique: the dedupe key with the event id. */
  name: string;
  /**
   * The event type's name (it may belong to another module), or `'*'`: every event type (one delivery per
   * event; Automation's event triggers, docs/adr/0016).
   */
  event: string;
  load: () => Promise<SubscriberHandler>;
}

/** Declares a subscriber (list it in the module manifest's `subscribers`). */
export function defineSubscriber<S extends z.ZodType>(definition: {
  name: string;
  event: EventType<S> | string;
  load: () => Promise<SubscriberHandler<z.output<S>>>;
}): SubscriberDefinition {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(definition.name))
    throw new Error(`Subscriber "${definition.name}" is not <module>.<name> in kebab-case`);
  return {
    name: definition.name,
    event: typeof definition.event === 'string' ? definition.event : definition.event.name,
    // The delivery validates the payload with the event type's schema before it calls the handler.
    load: definition.load as unknown as () => Promise<SubscriberHandler>,
  };
}
