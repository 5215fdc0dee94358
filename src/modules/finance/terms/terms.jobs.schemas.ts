import { z } from '@hono/zod-openapi';

/**
 * The payload of `finance.propose-reminders` and `finance.recurring-documents` (terms.jobs.ts):
 * imported when such a job is first enqueued or run.
 */
export const datePayload = () => z.object({ date: z.iso.date().optional() });
