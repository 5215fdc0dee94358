import { defineEvent } from '../../platform/events/event-types.js';

/** Domain events of HR (for Automation), emitted in the changing transaction. */
export const leaveRequested = defineEvent(
  'hr.leave.requested',
  // Imported with the first event (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  async () => (await import('./hr.events.schemas.js')).leaveRequestedPayload(),
);

export const hrEvents = [leaveRequested];
