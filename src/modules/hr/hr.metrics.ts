import { defineMetric } from '../../platform/modules/metric.js';

// Imported on first use (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
const byDepartment = async () => (await import('./hr.metrics.schemas.js')).byDepartment();
const figures = async () => await import('./metrics.js');

/** HR's metrics for Strategy (key results and KPIs): counts, never anyone's record. */
export const hrMetrics = [
  defineMetric({
    key: 'hr.headcount',
    label: 'Headcount',
    description: 'People employed at the end of the period (optionally in one department, by code or name).',
    unit: 'count',
    direction: 'higher-is-better',
    permission: 'hr:read',
    params: byDepartment,
    evaluate: async (db, { to, params }) => ({
      value: String(await (await figures()).headcount(db, to, params.department)),
    }),
  }),
  defineMetric({
    key: 'hr.attrition',
    label: 'Attrition',
    description: 'Leavers in the period over the average headcount.',
    unit: 'percent',
    direction: 'lower-is-better',
    permission: 'hr:read',
    params: byDepartment,
    evaluate: async (db, { from, to, params }) => ({
      value: (
        await (
          await figures()
        ).attrition(db, {
          from,
          to,
          ...(params.department === undefined ? {} : { department: params.department }),
        })
      ).rate,
    }),
  }),
  defineMetric({
    key: 'hr.absenceRate',
    label: 'Absence rate',
    description:
      "Working days lost to approved leave over the employed people's working days in the period (weekends and public holidays left out).",
    unit: 'percent',
    direction: 'lower-is-better',
    permission: 'hr:read',
    params: byDepartment,
    evaluate: async (db, { from, to, params }) => ({
      value: (
        await (
          await figures()
        ).absenceRate(db, {
          from,
          to,
          ...(params.department === undefined ? {} : { department: params.department }),
        })
      ).rate,
    }),
  }),
];
