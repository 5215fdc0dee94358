import { z } from 'zod';

/** The payload of `crm.opportunity.won` (crm.events.ts): imported when such an event is first emitted or delivered. */
export const opportunityWonPayload = () =>
  z.object({
    opportunityId: z.uuid(),
    name: z.string(),
    /** A decimal string (money is never a float): filter with `$number(trigger.payload.amount) > 10000`. */
    amount: z.string(),
    currency: z.string(),
    ownerId: z.uuid().nullable(),
    organizationId: z.uuid().nullable(),
  });

/** The payload of `crm.opportunity.stage-changed` (crm.events.ts). */
export const opportunityStageChangedPayload = () =>
  z.object({
    opportunityId: z.uuid(),
    pipelineId: z.uuid(),
    /** The stage left (null when created). */
    fromStageId: z.uuid().nullable(),
    toStageId: z.uuid(),
    /** Status before and after: `open`, `won` or `lost`. */
    fromStatus: z.string().nullable(),
    toStatus: z.string(),
  });
