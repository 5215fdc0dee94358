import { z } from '@hono/zod-openapi';
import { lazy } from '../../platform/modules/lazy.js';

/** The input of `crm.assign-owner` (crm.actions.ts): imported on first use, built once. */
export const assignOwnerInput = lazy(() =>
  z.strictObject({
    record: z.enum(['organization', 'contact', 'lead', 'opportunity']),
    id: z.uuid(),
    ownerId: z.uuid().openapi({ description: 'The new owner (the run-as user, or a member of a team they manage)' }),
  }),
);
