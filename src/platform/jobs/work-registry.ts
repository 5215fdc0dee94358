import type { z } from 'zod';
import type { Db } from '../db/database.js';
import type { EventType, SubscriberDefinition, SubscriberHandler } from '../events/event-types.js';
import { lazySchema } from '../modules/lazy.js';
import { parseCron, type Cron } from './cron.js';
import { defineJob, JobRegistry, type JobDefinition, type JsonValue, type TypedJobDefinition } from './job-registry.js';

/** A cron schedule that enqueues a job (UTC). Each slot runs once, even when it fires twice. */
export interface ScheduleDefinition {
  /** `<module>.<what>`, unique: with the slot, the dedupe key. */
  name: string;
  /** Five-field cron, UTC (`cron.ts`). */
  cron: string;
  job: JobDefinition;
  /**
   * The job's payload as its schema parsed it (defaults applied), on the first call (memoized): the
   * schema is built on first use, not when the manifest is imported (docs/adr/0008), so a bad payload
   * fails when the schedule first fires (src/app/manifest-schemas.test.ts parses every installed one).
   */
  payload: () => Promise<JsonValue>;
}

/** Each declared schedule's cron as `defineSchedule` parsed it (the registry reuses it: one parse at a cold start). */
const parsedCrons = new WeakMap<ScheduleDefinition, Cron>();

export function defineSchedule<S extends z.ZodType>(definition: {
  name: string;
  cron: string;
  job: TypedJobDefinition<S>;
  payload: z.input<S>;
}): ScheduleDefinition {
  const parsed = parseCron(definition.cron); // a bad expression fails at start-up, not at 2 a.m.
  const schedule: ScheduleDefinition = {
    name: definition.name,
    cron: definition.cron,
    job: definition.job,
    payload: lazySchema(async () => (await definition.job.payload()).parse(definition.payload) as JsonValue),
  };
  parsedCrons.set(schedule, parsed);
  return schedule;
}

/** What one module contributes (its manifest's async-work fields). */
export interface AsyncWorkDeclarations {
  events?: readonly EventType[] | undefined;
  subscribers?: readonly SubscriberDefinition[] | undefined;
  jobs?: readonly JobDefinition[] | undefined;
  schedules?: readonly ScheduleDefinition[] | undefined;
}

/** A subscriber's `event` that means every event type (Automation's event triggers: docs/adr/0016). */
export const ANY_EVENT = '*';

/** The platform's job that runs one subscriber for one event (enqueued by the relay). */
export const EVENT_DELIVERY = 'platform.event-delivery';
const deliveryPayload = async () => (await import('./delivery-payload.js')).deliveryPayload();

/**
 * Every job type, event type, subscriber and schedule of the installation (from the manifests,
 * `src/app/jobs.ts`), checked once: names unique, every subscriber's event declared, every cron valid.
 */
export class WorkRegistry {
  readonly jobs = new JobRegistry();
  readonly events = new Map<string, EventType>();
  readonly subscribers = new Map<string, SubscriberDefinition>();
  readonly schedules = new Map<string, ScheduleDefinition & { parsed: Cron }>();
  readonly #subscriberHandlers = new Map<string, Promise<SubscriberHandler>>();
  readonly eventDelivery: TypedJobDefinition<Awaited<ReturnType<typeof deliveryPayload>>>;

  constructor(declarations: readonly AsyncWorkDeclarations[]) {
    for (const d of declarations) {
      for (const event of d.events ?? []) {
        if (this.events.has(event.name)) throw new Error(`Event type ${event.name} is declared twice`);
        this.events.set(event.name, event);
      }
    }
    for (const d of declarations) {
      for (const job of d.jobs ?? []) this.jobs.register(job);
      for (const s of d.subscribers ?? []) {
        if (this.subscribers.has(s.name)) throw new Error(`Subscriber ${s.name} is declared twice`);
        if (s.event !== ANY_EVENT && !this.events.has(s.event))
          throw new Error(`Subscriber ${s.name} listens to ${s.event}, which no module declares`);
        this.subscribers.set(s.name, s);
      }
      for (const s of d.schedules ?? []) {
        if (this.schedules.has(s.name)) throw new Error(`Schedule ${s.name} is declared twice`);
        this.schedules.set(s.name, { ...s, parsed: parsedCrons.get(s) ?? parseCron(s.cron) });
      }
    }
    for (const s of this.schedules.values())
      if (this.jobs.get(s.job.type) !== s.job)
        throw new Error(`Schedule ${s.name} runs ${s.job.type}, which no module lists in its jobs`);
    this.eventDelivery = defineJob({
      type: EVENT_DELIVERY,
      payload: deliveryPayload,
      maxAttempts: 8,
      load: async () => async (payload, ctx) => ({
        result: await this.deliver(ctx.db, payload.eventId, payload.subscriber),
      }),
    });
    this.jobs.register(this.eventDelivery);
  }

  /** The subscribers of an event type (their names), with those of every event (`'*'`). */
  subscribersOf(eventType: string): string[] {
    return [...this.subscribers.values()]
      .filter((s) => s.event === eventType || s.event === ANY_EVENT)
      .map((s) => s.name);
  }

  /**
   * Runs `subscriber` for one event, once: the "(event, subscriber) done" row is written in the
   * subscriber's own transaction, so a second delivery finds it (or waits for the first, on
   * PostgreSQL) and does nothing, and a failed one leaves no trace and is tried again.
   */
  async deliver(db: Db, eventId: string, subscriberName: string): Promise<{ ran: boolean }> {
    const subscriber = this.subscribers.get(subscriberName);
    if (!subscriber) throw new Error(`No subscriber ${subscriberName} in this installation`);
    const row = await db
      .selectFrom('platform.outbox')
      .select(['id', 'event_type', 'payload', 'occurred_at', 'actor_id'])
      .where('id', '=', eventId)
      .executeTakeFirst();
    if (!row) throw new Error(`Event ${eventId} is not in the outbox`);
    const type = this.events.get(row.event_type);
    if (!type) throw new Error(`Event type ${row.event_type} is not declared`);
    const payload: unknown = (await type.payload()).parse(row.payload);
    const handler = await this.#handlerOf(subscriber);
    return db.transaction().execute(async (trx) => {
      const first = await trx
        .insertInto('platform.processed_events')
        .values({ event_id: eventId, subscriber: subscriberName })
        .onConflict((oc) => oc.doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (!first) return { ran: false };
      await handler(
        { id: row.id, type: row.event_type, payload, occurredAt: row.occurred_at, actorId: row.actor_id },
        trx,
      );
      return { ran: true };
    });
  }

  #handlerOf(subscriber: SubscriberDefinition): Promise<SubscriberHandler> {
    let loading = this.#subscriberHandlers.get(subscriber.name);
    if (!loading) {
      loading = subscriber.load().catch((error: unknown) => {
        this.#subscriberHandlers.delete(subscriber.name);
        throw error;
      });
      this.#subscriberHandlers.set(subscriber.name, loading);
    }
    return loading;
  }
}
