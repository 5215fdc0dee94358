import { z } from '@hono/zod-openapi';
import { DaysOut, year } from '../leave.shared.js';

export const BalanceQuery = z.object({
  year: year.optional().openapi({ description: 'Calendar year (default: this year)' }),
});

export const LeaveBalance = z
  .object({
    leaveType: z.object({ id: z.uuid(), code: z.string(), name: z.string(), paid: z.boolean(), active: z.boolean() }),
    year: z.number().int(),
    entitlement: DaysOut.openapi({ description: 'The allowance, pro-rated to the employment in the year' }),
    carriedOver: DaysOut,
    carriedOverExpiresOn: z.string().nullable(),
    expired: DaysOut.openapi({ description: 'Carried-over days lost at their expiry date' }),
    taken: DaysOut.openapi({ description: 'Approved days' }),
    pending: DaysOut.openapi({ description: 'Submitted days awaiting a decision' }),
    available: DaysOut.openapi({ description: 'entitlement + carriedOver − expired − taken − pending' }),
    allowNegative: z.boolean(),
  })
  .openapi('LeaveBalance');
export const LeaveBalanceList = z
  .object({ employeeId: z.uuid(), year: z.number().int(), items: z.array(LeaveBalance) })
  .openapi('LeaveBalanceList');

export const CarryOverBody = z
  .strictObject({ fromYear: z.number().int().min(1900).max(9998) })
  .openapi('CarryOverRequest');
export const CarryOverResult = z
  .object({
    fromYear: z.number().int(),
    toYear: z.number().int(),
    employees: z.number().int(),
    changed: z.number().int().openapi({ description: 'Carry-over rows created or changed by this run' }),
    totalDays: DaysOut,
  })
  .openapi('CarryOverResult');

export type LeaveBalanceDto = z.input<typeof LeaveBalance>;
