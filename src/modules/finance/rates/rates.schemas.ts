import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { currencyCode, isoDate } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { rateString } from '../money.js';

const fields = {
  fromCurrency: currencyCode.openapi({ description: 'The currency quoted (one unit of it)' }),
  toCurrency: currencyCode.openapi({ description: 'The currency it is quoted in (usually the base currency)' }),
  date: isoDate.openapi({ description: 'The day the rate applies from' }),
  rate: rateString.openapi({
    description: 'Units of toCurrency for one fromCurrency, an exact decimal string',
    example: '0.9150',
  }),
  source: z.string().trim().max(200).default('').openapi({ description: 'Where the rate comes from (ECB, bank …)' }),
};

export const CreateRateBody = z.strictObject(fields).openapi('CreateExchangeRateRequest');
export const UpdateRateBody = z.strictObject({ ...fields, version: versionField }).openapi('UpdateExchangeRateRequest');
export type CreateRateInput = z.infer<typeof CreateRateBody>;

export const ExchangeRate = z
  .object({
    id: z.string(),
    fromCurrency: z.string(),
    toCurrency: z.string(),
    date: z.string(),
    rate: z.string(),
    source: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ExchangeRate');
export const ExchangeRatePage = pageSchema(ExchangeRate).openapi('ExchangeRatePage');
export const ExchangeRateListQuery = listQuery(['date', 'createdAt'], '-date').extend({
  fromCurrency: currencyCode.optional(),
  toCurrency: currencyCode.optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
});
