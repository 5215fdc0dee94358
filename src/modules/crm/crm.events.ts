import { z } from 'zod';
import { defineEvent } from '../../platform/events/event-types.js';

/** Domain events of CRM (for Automation), emitted in the changing transaction. */
export const opportunityWon = defineEvent('crm.opportunity.won', () =>
  z.object({
    opportunityId: z.uuid(),
    name: z.string(),
    /** A decimal string (money is never a float): filter with `$number(trigger.payload.amount) > 10000`. */
    amount: z.string(),
    currency: z.string(),
    ownerId: z.uuid().nullable(),
    organizationId: z.uuid().nullable(),
  }),
);
export const opportunityStageChanged = defineEvent('crm.opportunity.stage-changed', () =>
  z.object({
    opportunityId: z.uuid(),
    pipelineId: z.uuid(),
    /** The stage left (null when created). */
    fromStageId: z.uuid().nullable(),
    toStageId: z.uuid(),
    /** Status before and after: `open`, `won` or `lost`. */
    fromStatus: z.string().nullable(),
    toStatus: z.string(),
  }),
);

export const crmEvents = [opportunityWon, opportunityStageChanged];
