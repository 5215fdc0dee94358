import { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.js';
import { defineMetric } from '../../platform/modules/metric.js';

const currencyParam = () =>
  z.object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'A currency code such as EUR.')
      .optional(),
  });
const figures = async () => await import('./metrics.js');
/** The currency asked for, or the books' base currency. */
const currencyOf = async (db: Db, currency: string | undefined) =>
  currency ?? (await (await import('../finance/index.js')).baseCurrency(db));

/** CRM's metrics for Strategy (key results and KPIs). */
export const crmMetrics = [
  defineMetric({
    key: 'crm.wonAmount',
    label: 'Won amount',
    description: 'The amount of the opportunities won in the period, in one currency (the base currency unless given).',
    unit: 'money',
    direction: 'higher-is-better',
    permission: 'crm:read',
    params: () => currencyParam().strict(),
    evaluate: async (db, { from, to, params }) => {
      const currency = await currencyOf(db, params.currency);
      return { value: await (await figures()).wonAmount(db, { from, to, currency }), currency };
    },
  }),
  defineMetric({
    key: 'crm.winRate',
    label: 'Win rate',
    description: 'Of the opportunities closed in the period, the share won.',
    unit: 'percent',
    direction: 'higher-is-better',
    permission: 'crm:read',
    params: () => z.object({}).strict(),
    evaluate: async (db, { from, to }) => ({ value: await (await figures()).winRate(db, { from, to }) }),
  }),
  defineMetric({
    key: 'crm.pipelineValue',
    label: 'Pipeline value',
    description: 'The open opportunities now (optionally weighted by their probability), in one currency.',
    unit: 'money',
    direction: 'higher-is-better',
    permission: 'crm:read',
    params: () =>
      currencyParam()
        .extend({ weighted: z.boolean().default(false) })
        .strict(),
    evaluate: async (db, { params }) => {
      const currency = await currencyOf(db, params.currency);
      return { value: await (await figures()).pipelineValue(db, { currency, weighted: params.weighted }), currency };
    },
  }),
  defineMetric({
    key: 'crm.newLeads',
    label: 'New leads',
    description: 'Leads created in the period.',
    unit: 'count',
    direction: 'higher-is-better',
    permission: 'crm:read',
    params: () => z.object({}).strict(),
    evaluate: async (db, { from, to }) => ({ value: String(await (await figures()).newLeads(db, { from, to })) }),
  }),
];
