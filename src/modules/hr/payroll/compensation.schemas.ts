import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, currencyCode, isoDate } from '../../../platform/http/schemas.js';
import { optionalNote, payFrequency } from './payroll.shared.js';

export const CreateCompensationBody = z
  .strictObject({
    effectiveDate: isoDate,
    baseSalary: amount({ decimals: 2, integerDigits: 12, example: '60000.00' }).openapi({
      description: 'The ANNUAL base salary, e.g. "60000.00"',
    }),
    currency: currencyCode,
    payFrequency: payFrequency.openapi({
      description: 'How often it is paid: the period amount is annual / 12, 24, 26 or 52',
    }),
    reason: optionalNote(500),
  })
  .openapi('CreateCompensationRequest');

export const Compensation = z
  .object({
    id: z.uuid(),
    employeeId: z.uuid(),
    effectiveDate: z.string(),
    baseSalary: z.string().openapi({ description: 'Annual' }),
    currency: z.string(),
    payFrequency: payFrequency,
    periodAmount: z.string().openapi({ description: 'Base pay of one full pay period (annual / periods per year)' }),
    reason: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('Compensation');
export const CompensationPage = pageSchema(Compensation).openapi('CompensationPage');
export const CompensationListQuery = listQuery(['effectiveDate'], '-effectiveDate');

export type CreateCompensationInput = z.output<typeof CreateCompensationBody>;
export type CompensationListFilter = z.output<typeof CompensationListQuery>;
export type CompensationDto = z.input<typeof Compensation>;
