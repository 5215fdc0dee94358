import { defineMetric } from '../../platform/modules/metric.js';

// The parameters' schemas are imported on first use (the manifest is imported at every cold start;
// Zod is not: docs/adr/0008).
const byDepartment = async () => (await import('./finance.metrics.schemas.js')).byDepartmentParams();
const none = async () => (await import('./finance.metrics.schemas.js')).noParams();
const figures = async () => await import('./metrics.js');

/** Finance's metrics for Strategy (key results and KPIs), in the base currency. */
export const financeMetrics = [
  defineMetric({
    key: 'finance.revenue',
    label: 'Revenue',
    description: 'Income posted in the period (optionally of one department), as the profit and loss shows it.',
    unit: 'money',
    direction: 'higher-is-better',
    permission: 'finance:read',
    params: byDepartment,
    evaluate: async (db, { from, to, params }) => {
      const r = await (await figures()).revenue(db, { from, to, department: params.department });
      return { value: r.amount, currency: r.currency };
    },
  }),
  defineMetric({
    key: 'finance.operatingExpenses',
    label: 'Operating expenses',
    description: 'Expenses posted in the period (optionally of one department).',
    unit: 'money',
    direction: 'lower-is-better',
    permission: 'finance:read',
    params: byDepartment,
    evaluate: async (db, { from, to, params }) => {
      const r = await (await figures()).operatingExpenses(db, { from, to, department: params.department });
      return { value: r.amount, currency: r.currency };
    },
  }),
  defineMetric({
    key: 'finance.grossMargin',
    label: 'Gross margin',
    description:
      'Revenue less cost of goods sold (the 5xxx cost-of-sales accounts) over revenue in the period (optionally of one department).',
    unit: 'percent',
    direction: 'higher-is-better',
    permission: 'finance:read',
    params: byDepartment,
    evaluate: async (db, { from, to, params }) => ({
      value: (await (await figures()).grossMargin(db, { from, to, department: params.department })).percent,
    }),
  }),
  defineMetric({
    key: 'finance.cashBalance',
    label: 'Cash balance',
    description: 'The balance of the cash and bank accounts at the end of the period.',
    unit: 'money',
    direction: 'higher-is-better',
    permission: 'finance:read',
    params: none,
    evaluate: async (db, { to }) => {
      const r = await (await figures()).cashBalance(db, to);
      return { value: r.amount, currency: r.currency };
    },
  }),
  defineMetric({
    key: 'finance.receivablesOverdue',
    label: 'Receivables overdue',
    description: 'What customers owe past its due date at the end of the period.',
    unit: 'money',
    direction: 'lower-is-better',
    permission: 'finance:read',
    params: none,
    evaluate: async (db, { to }) => {
      const r = await (await figures()).receivablesOverdue(db, to);
      return { value: r.amount, currency: r.currency };
    },
  }),
];
