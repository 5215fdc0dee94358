import { defineMetric } from '../../platform/modules/metric.js';

const figures = async () => await import('./metrics.service.js');
// Imported on first use (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
const none = async () => (await import('./supply.metrics.schemas.js')).none();

/** Supply's metrics for Strategy (key results and KPIs). */
export const supplyMetrics = [
  defineMetric({
    key: 'supply.inventoryValue',
    label: 'Inventory value',
    description: 'The value of the stock at the end of the period (it equals the inventory account), base currency.',
    unit: 'money',
    direction: 'lower-is-better',
    permission: 'supply:read',
    params: none,
    evaluate: async (db, { to }) => ({
      value: await (await figures()).inventoryValue(db, to),
      currency: await (await import('../finance/index.js')).baseCurrency(db),
    }),
  }),
  defineMetric({
    key: 'supply.stockOuts',
    label: 'Stock-outs',
    description: 'Stocked items with nothing available now.',
    unit: 'count',
    direction: 'lower-is-better',
    permission: 'supply:read',
    params: none,
    evaluate: async (db) => ({ value: String(await (await figures()).stockOuts(db)) }),
  }),
  defineMetric({
    key: 'supply.onTimeDeliveryRate',
    label: 'On-time supplier deliveries',
    description: 'The share of supplier receipt lines that arrived by their expected date in the period.',
    unit: 'percent',
    direction: 'higher-is-better',
    permission: 'supply:read',
    params: none,
    evaluate: async (db, { from, to }) => {
      const rate = await (await figures()).onTimeDeliveryRate(db, from, to);
      if (rate === null) return { value: null };
      // decimal.js is imported on first use: the manifest is evaluated at every cold start (ADR 0006).
      const { Money } = await import('../../platform/money/money.js');
      return { value: new Money(rate).times(100).toFixed(2) };
    },
  }),
];
