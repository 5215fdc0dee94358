import { z } from '@hono/zod-openapi';
import { isoDate } from '../../../platform/http/schemas.js';

const status = z.enum(['open', 'closed']);
const Period = z.object({
  id: z.string(),
  period: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  status,
  version: z.number().int(),
});
export const FiscalYears = z
  .object({
    closedThrough: z.string().nullable().openapi({
      description:
        'The books are closed up to this date (the end of the latest closed year): nothing on or before it can be posted, allocated or changed',
    }),
    items: z.array(
      z.object({
        year: z.number().int(),
        startDate: z.string(),
        endDate: z.string(),
        status,
        closingEntryId: z.string().nullable(),
        periods: z.array(Period),
      }),
    ),
  })
  .openapi('FiscalYears');
export const CreateYearBody = z
  .strictObject({
    startDate: isoDate.openapi({ description: 'The first day of a month' }),
    endDate: isoDate.openapi({ description: 'The last day of a month, 1 to 24 months later' }),
  })
  .openapi('CreateFiscalYearRequest');
/** `/{year}` path parameter: a fiscal year, named by the calendar year it ends in. */
export const YearParam = z.object({ year: z.coerce.number().int().min(1900).max(9999) });
export const PeriodStatus = z.object({ id: z.string(), status });
export const YearClosed = z.object({
  year: z.number().int(),
  status: z.literal('closed'),
  closingEntryId: z.string().nullable(),
  result: z.string(),
});
