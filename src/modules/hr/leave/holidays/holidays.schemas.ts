import { z } from '@hono/zod-openapi';
import { isoDate, shortText, uuid } from '../../../../platform/http/schemas.js';
import { year } from '../leave.shared.js';

const name = shortText(100);

export const CreateHolidayBody = z
  .strictObject({ locationId: uuid, date: isoDate, name })
  .openapi('CreatePublicHolidayRequest');

export const BulkHolidaysBody = z
  .strictObject({
    locationId: uuid,
    year: z.number().int().min(1900).max(9999),
    holidays: z
      .array(z.strictObject({ date: isoDate, name }))
      .min(1)
      .max(100),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.holidays.forEach((h, i) => {
      if (!h.date.startsWith(`${body.year}-`))
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `Not in ${body.year}.` });
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: 'Listed twice.' });
      seen.add(h.date);
    });
  })
  .openapi('BulkPublicHolidaysRequest');

export const PublicHoliday = z
  .object({
    id: z.uuid(),
    locationId: z.uuid(),
    date: z.string(),
    name: z.string(),
    createdAt: z.iso.datetime(),
  })
  .openapi('PublicHoliday');
export const PublicHolidayList = z.object({ items: z.array(PublicHoliday) }).openapi('PublicHolidayList');
export const HolidayListQuery = z.object({
  locationId: uuid.optional().openapi({ description: 'One location (default: all)' }),
  year: year.optional().openapi({ description: 'One calendar year (default: this year)' }),
});

export type CreateHolidayInput = z.output<typeof CreateHolidayBody>;
export type BulkHolidaysInput = z.output<typeof BulkHolidaysBody>;
export type PublicHolidayDto = z.input<typeof PublicHoliday>;
