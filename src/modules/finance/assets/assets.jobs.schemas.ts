import { z } from '@hono/zod-openapi';

/** The payload of `finance.asset-depreciation` (assets.jobs.ts): imported when such a job is first enqueued or run. */
export const assetDepreciationPayload = () =>
  z.object({
    through: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
  });
