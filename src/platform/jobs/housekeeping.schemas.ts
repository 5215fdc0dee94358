import { z } from 'zod';
import { HOUSEKEEPING_DEFAULTS } from './housekeeping.js';

const days = (fallback: number) => z.number().int().min(1).max(3650).default(fallback);

/** The payload of `platform.jobs.housekeeping` (housekeeping.ts): imported when such a job is first enqueued or run. */
export const jobsHousekeepingPayload = () =>
  z.object({
    outboxDays: days(HOUSEKEEPING_DEFAULTS.outboxDays),
    processedEventDays: days(HOUSEKEEPING_DEFAULTS.processedEventDays),
    jobDays: days(HOUSEKEEPING_DEFAULTS.jobDays),
    scheduleRunDays: days(HOUSEKEEPING_DEFAULTS.scheduleRunDays),
    /** Rows per batch (each batch is one short transaction). */
    batch: z.number().int().min(1).max(10_000).default(1_000),
  });
export type JobsHousekeepingPayload = z.output<ReturnType<typeof jobsHousekeepingPayload>>;
