import { z } from '@hono/zod-openapi';

/** The payload of `strategy.evaluate-key-results` (strategy.jobs.ts): imported when such a job is first enqueued or run. */
export const evaluateKeyResultsPayload = () => z.object({});

/** The payload of `strategy.check-in-reminders` (strategy.jobs.ts). */
export const checkInRemindersPayload = () => z.object({ asOf: z.iso.datetime({ offset: true }).optional() });
