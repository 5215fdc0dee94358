import { z } from '@hono/zod-openapi';
import { versionField } from '../../../../platform/http/versioning.js';
import { booleanQuery, shortText } from '../../../../platform/http/schemas.js';
import { DaysOut, dayCount } from '../leave.shared.js';

const fields = {
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, 'Lower-case letters, digits, - and _ (up to 30).'),
  name: shortText(100),
  yearlyAllowance: dayCount.openapi({ description: 'Days per full year, in half-day steps' }),
  paid: z.boolean().default(true),
  allowNegative: z.boolean().default(false).openapi({ description: 'Requests may exceed the available balance' }),
  requiresApproval: z
    .boolean()
    .default(true)
    .openapi({ description: 'false: a submitted request is approved at once' }),
  carryOverMax: dayCount.default('0').openapi({ description: 'Most days carried into the next year (0: none)' }),
  carryOverExpiryMonth: z
    .number()
    .int()
    .min(1)
    .max(12)
    .nullable()
    .default(null)
    .openapi({ description: 'Carried days lapse at the end of this month of the next year (null: never)' }),
  active: z.boolean().default(true),
};

export const CreateLeaveTypeBody = z.strictObject(fields).openapi('CreateLeaveTypeRequest');
export const UpdateLeaveTypeBody = z
  .strictObject({
    version: versionField,
    name: fields.name.optional(),
    yearlyAllowance: dayCount.optional(),
    paid: z.boolean().optional(),
    allowNegative: z.boolean().optional(),
    requiresApproval: z.boolean().optional(),
    carryOverMax: dayCount.optional(),
    carryOverExpiryMonth: z.number().int().min(1).max(12).nullable().optional(),
    active: z.boolean().optional(),
  })
  .openapi('UpdateLeaveTypeRequest');

export const LeaveType = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    yearlyAllowance: DaysOut,
    paid: z.boolean(),
    allowNegative: z.boolean(),
    requiresApproval: z.boolean(),
    carryOverMax: DaysOut,
    carryOverExpiryMonth: z.number().int().nullable(),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('LeaveType');
export const LeaveTypeList = z.object({ items: z.array(LeaveType) }).openapi('LeaveTypeList');
export const LeaveTypeListQuery = z.object({
  active: booleanQuery.optional().openapi({ description: 'Only active (true) or inactive (false) types' }),
});

export type CreateLeaveTypeInput = z.output<typeof CreateLeaveTypeBody>;
export type UpdateLeaveTypeInput = z.output<typeof UpdateLeaveTypeBody>;
export type LeaveTypeDto = z.input<typeof LeaveType>;
