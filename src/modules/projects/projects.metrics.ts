import { defineMetric } from '../../platform/modules/metric.js';

const figures = async () => await import('./metrics.js');
// The parameters' schemas are imported on first use as well (Zod is not on the cold start: docs/adr/0008).
const schemas = async () => await import('./projects.metrics.schemas.js');
// decimal.js is imported on first use: the manifest is evaluated at every cold start (ADR 0006).
const percentOf = async (ratio: number | null) => {
  if (ratio === null) return null;
  const { Money } = await import('../../platform/money/money.js');
  return new Money(ratio).times(100).toFixed(2);
};

/** Projects' metrics for Strategy (key results and KPIs), over every project. */
export const projectsMetrics = [
  defineMetric({
    key: 'projects.onTimeMilestoneRate',
    label: 'On-time milestones',
    description:
      'Of the milestones reached in the period (optionally of one project), the share reached by their due date.',
    unit: 'percent',
    direction: 'higher-is-better',
    permission: 'projects:admin',
    params: async () => (await schemas()).onTimeMilestoneRateParams(),
    evaluate: async (db, { from, to, params }) => {
      const r = await (await figures()).onTimeMilestoneRate(db, { from, to, ...params });
      return { value: await percentOf(r.rate) };
    },
  }),
  defineMetric({
    key: 'projects.budgetBurn',
    label: 'Budget burn',
    description: "The share of a project's budget amount its logged time has cost so far.",
    unit: 'percent',
    direction: 'lower-is-better',
    permission: 'projects:admin',
    params: async () => (await schemas()).budgetBurnParams(),
    evaluate: async (db, { params }) => {
      const [project] = await (await figures()).budgetBurn(db, { projectId: params.projectId });
      return { value: await percentOf(project?.costBurn ?? null) };
    },
  }),
  defineMetric({
    key: 'projects.hoursLogged',
    label: 'Hours logged',
    description: 'Hours logged in the period (optionally of one project, or billable only).',
    unit: 'count',
    direction: 'higher-is-better',
    permission: 'projects:admin',
    params: async () => (await schemas()).hoursLoggedParams(),
    evaluate: async (db, { from, to, params }) => {
      const r = await (
        await figures()
      ).hoursLogged(db, {
        from,
        to,
        ...(params.projectId ? { projectId: params.projectId } : {}),
      });
      return { value: params.billableOnly ? r.billableHours : r.hours };
    },
  }),
];
