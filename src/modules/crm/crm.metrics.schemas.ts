import { z } from '@hono/zod-openapi';

/** The parameters of CRM's metrics (crm.metrics.ts): imported when a metric is first used. */
const currencyParam = () =>
  z.object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'A currency code such as EUR.')
      .optional(),
  });

/** `crm.wonAmount`: the currency (the base currency unless given). */
export const wonAmountParams = () => currencyParam().strict();

/** `crm.pipelineValue`: the currency, and whether to weight by probability. */
export const pipelineValueParams = () =>
  currencyParam()
    .extend({ weighted: z.boolean().default(false) })
    .strict();

/** The metrics that take no parameters (`crm.winRate`, `crm.newLeads`). */
export const noParams = () => z.object({}).strict();
