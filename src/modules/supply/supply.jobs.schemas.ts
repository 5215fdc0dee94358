import { z } from '@hono/zod-openapi';

/** The payload of `supply.replenishment` (supply.jobs.ts): imported when such a job is first enqueued or run. */
export const replenishmentPayload = () => z.object({ warehouseId: z.string().uuid().optional() });

/** The payload of `supply.valuation-snapshot` (supply.jobs.ts). */
export const valuationSnapshotPayload = () => z.object({});
