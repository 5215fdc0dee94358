import { z } from 'zod';

/** The payload of `hr.leave.requested` (hr.events.ts): imported when such an event is first emitted or delivered. */
export const leaveRequestedPayload = () =>
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
  });
