import { z } from '@hono/zod-openapi';
import { currencyCode } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

export const Settings = z
  .object({
    baseCurrency: z.string(),
    closedThrough: z.string().nullable().openapi({
      description: 'The books are closed up to this date (the end of the latest closed year), or null',
    }),
    fiscalYearStartMonth: z.number().int().openapi({
      description: 'The month (1–12) fiscal years start in; years created from now on follow it',
    }),
    taxRounding: z.enum(['line', 'document']).openapi({
      description: "Tax rounded per line (each line's tax to the cent) or per document (each code's total once)",
    }),
    version: z.number().int(),
  })
  .openapi('FinanceSettings');
export const UpdateSettingsBody = z.strictObject({
  version: versionField,
  baseCurrency: currencyCode.optional(),
  fiscalYearStartMonth: z.number().int().min(1, 'A month from 1 to 12.').max(12, 'A month from 1 to 12.').optional(),
  taxRounding: z.enum(['line', 'document']).optional(),
});
export type UpdateSettingsInput = z.output<typeof UpdateSettingsBody>;
