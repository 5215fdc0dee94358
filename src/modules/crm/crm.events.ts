import { defineEvent } from '../../platform/events/event-types.js';

// The payload schemas are imported on first use (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
const schemas = async () => await import('./crm.events.schemas.js');

/** Domain events of CRM (for Automation), emitted in the changing transaction. */
export const opportunityWon = defineEvent('crm.opportunity.won', async () => (await schemas()).opportunityWonPayload());
export const opportunityStageChanged = defineEvent('crm.opportunity.stage-changed', async () =>
  (await schemas()).opportunityStageChangedPayload(),
);

export const crmEvents = [opportunityWon, opportunityStageChanged];
