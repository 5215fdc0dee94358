import { z } from '@hono/zod-openapi';
import { currencyCode } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

export const Settings = z
  .object({
    baseCurrency: z.string(),
    closedThrough: z.string().nullable().openapi({
      description: 'The books are closed up to this date (the end of the latest closed year), or null',
    }),
    version: z.number().int(),
  })
  .openapi('FinanceSettings');
export const UpdateSettingsBody = z.strictObject({ version: versionField, baseCurrency: currencyCode });
