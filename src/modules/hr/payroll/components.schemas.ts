import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { versionField } from '../../../platform/http/versioning.js';
import { amount, isoDate, shortText } from '../../../platform/http/schemas.js';
import { rateString } from './payroll.shared.js';

const kind = z
  .enum(['allowance', 'deduction'])
  .openapi({ description: 'allowance adds to gross; deduction comes off net' });
const name = shortText(100);
const payAmount = amount({ decimals: 2, integerDigits: 12, example: '60000.00' });

const exactlyOne = (v: { amount?: string | null | undefined; rate?: string | null | undefined }) =>
  (v.amount !== undefined && v.amount !== null) !== (v.rate !== undefined && v.rate !== null);

export const CreateComponentBody = z
  .strictObject({
    kind,
    name,
    amount: payAmount.optional().openapi({ description: 'A fixed amount per pay period (or send rate)' }),
    rate: rateString.optional().openapi({ description: 'A percentage of the period base pay (or send amount)' }),
    startDate: isoDate,
    endDate: isoDate.nullable().optional(),
  })
  .refine(exactlyOne, { message: 'Send either amount or rate, not both.', path: ['amount'] })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { message: 'Ends before it starts.', path: ['endDate'] })
  .openapi('CreatePayComponentRequest');

export const UpdateComponentBody = z
  .strictObject({
    version: versionField,
    name: name.optional(),
    amount: payAmount.nullable().optional(),
    rate: rateString.nullable().optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.nullable().optional(),
  })
  .openapi('UpdatePayComponentRequest');

export const PayComponent = z
  .object({
    id: z.uuid(),
    employeeId: z.uuid(),
    kind,
    name: z.string(),
    amount: z.string().nullable(),
    rate: z.string().nullable(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('PayComponent');
export const PayComponentPage = pageSchema(PayComponent).openapi('PayComponentPage');
export const ComponentListQuery = listQuery(['startDate', 'name'], 'startDate').extend({
  kind: kind.optional(),
  activeOn: isoDate.optional().openapi({ description: 'Only components in force on this date' }),
});

export type CreateComponentInput = z.output<typeof CreateComponentBody>;
export type UpdateComponentInput = z.output<typeof UpdateComponentBody>;
export type ComponentListFilter = z.output<typeof ComponentListQuery>;
export type PayComponentDto = z.input<typeof PayComponent>;
