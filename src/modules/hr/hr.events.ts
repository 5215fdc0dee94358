import { z } from 'zod';
import { defineEvent } from '../../platform/events/event-types.js';

/** Domain events of HR (for Automation), emitted in the changing transaction. */
export const leaveRequested = defineEvent('hr.leave.requested', () =>
  z.object({
    leaveRequestId: z.uuid(),
    employeeId: z.uuid(),
    /** Working days asked for (a count of days, halves possible: not money). */
    days: z.number(),
    /** The leave type's code (e.g. `annual`). */
    type: z.string(),
    from: z.string(),
    to: z.string(),
    /** `submitted` (waits for its approver) or `approved` (a type needing no approval). */
    status: z.string(),
  }),
);

export const hrEvents = [leaveRequested];
