import type { ColumnType, Generated } from 'kysely';
import type { JsonValue } from './job-registry.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Time = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string (so arrays are not taken for SQL arrays). */
type Json = ColumnType<JsonValue, string, string>;
type NullableJson = ColumnType<JsonValue | null, string | null | undefined, string | null>;

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Domain events written in the emitter's transaction; `relayed_at` once fanned out to deliveries. */
export interface OutboxTable {
  id: string;
  event_type: string;
  payload: Json;
  actor_id: string | null;
  occurred_at: CreatedAt;
  relayed_at: NullableTime;
}

/** "(event, subscriber) ran": written in the subscriber's own transaction (the dedupe). */
export interface ProcessedEventsTable {
  event_id: string;
  subscriber: string;
  processed_at: CreatedAt;
}

export interface JobsTable {
  id: string;
  type: string;
  payload: Json;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  progress: ColumnType<number, number | undefined, number>;
  progress_message: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  next_attempt_at: Time;
  lease_token: string | null;
  lease_expires_at: NullableTime;
  checkpoint: NullableJson;
  result: NullableJson;
  error: string | null;
  cancel_requested_at: NullableTime;
  created_by: string | null;
  /** When a message for it last went to the transport (SQS, or the local worker's wake-up). */
  dispatched_at: NullableTime;
  /** How many times a worker ran it (each `'continue'` and each retry is one more). */
  invocations: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: Time;
  started_at: NullableTime;
  finished_at: NullableTime;
}

/** One row per (schedule, slot): a slot that fires twice enqueues its job once. */
export interface ScheduleRunsTable {
  schedule: string;
  slot: Date;
  job_id: string | null;
  created_at: Generated<Date>;
}

export interface AsyncWorkTables {
  'platform.outbox': OutboxTable;
  'platform.processed_events': ProcessedEventsTable;
  'platform.jobs': JobsTable;
  'platform.schedule_runs': ScheduleRunsTable;
}

declare module '../db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends AsyncWorkTables {}
}
