import { z } from '@hono/zod-openapi';

/** The parameters of Supply's metrics (supply.metrics.ts): none. Imported when a metric is first evaluated or listed. */
export const none = () => z.object({}).strict();
