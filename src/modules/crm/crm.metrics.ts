import type { Db } from '../../platform/db/database.js';
import { defineMetric } from '../../platform/modules/metric.js';

// The parameters' schemas are imported on first use (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
const schemas = async () => await import('./crm.metrics.schemas.js');
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
    params: async () => (await schemas()).wonAmountParams(),
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
    params: async () => (await schemas()).noParams(),
    evaluate: async (db, { from, to }) => ({ value: await (await figures()).winRate(db, { from, to }) }),
  }),
  defineMetric({
    key: 'crm.pipelineValue',
    label: 'Pipeline value',
    description: 'The open opportunities now (optionally weighted by their probability), in one currency.',
    unit: 'money',
    direction: 'higher-is-better',
    permission: 'crm:read',
    params: async () => (await schemas()).pipelineValueParams(),
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
    params: async () => (await schemas()).noParams(),
    evaluate: async (db, { from, to }) => ({ value: String(await (await figures()).newLeads(db, { from, to })) }),
  }),
];
