import { z } from '@hono/zod-openapi';

/** The parameters of HR's metrics (hr.metrics.ts), imported when one is first used: optionally one department. */
export const byDepartment = () => z.object({ department: z.string().trim().min(1).max(100).optional() }).strict();
