import { z } from 'zod';

/** The data of `hr.leave-approval-requested` (leave.mail.ts): imported when such a mail is first sent or rendered. */
export const leaveApprovalRequestedData = () =>
  z.object({
    approverName: z.string().min(1).max(200),
    employeeName: z.string().min(1).max(200),
    leaveType: z.string().min(1).max(200),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    days: z.string().min(1).max(20),
    asHr: z.boolean(),
  });
