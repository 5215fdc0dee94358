import { z } from '@hono/zod-openapi';

/** The parameters of Finance's metrics (finance.metrics.ts): imported when a metric is first evaluated. */
export const byDepartmentParams = () => z.object({ department: z.string().trim().min(1).max(100).optional() }).strict();
export const noParams = () => z.object({}).strict();
