import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import { defineJob } from '../../platform/jobs/job-registry.js';
import { defineMailTemplate, html } from '../../platform/mail/templates.js';
import { defineModule, type RoleDefinition } from '../../platform/modules/module.js';

// The standardApi bundle carries every manifest but no containerizedApi module's code: this file
// holds the whole manifest (permissions, roles, the jobs' definitions, the mail templates) and
// imports nothing else of the module; everything else loads on first use (infra/bundling.test.ts checks).
// The schemas are in analytics.module.schemas.ts, imported with the first mail or job (the manifest is
// imported at every cold start; Zod is not: docs/adr/0008): the zip carries it too, as a chunk of its own.
const schemas = async () => await import('./analytics.module.schemas.js');

export const analyticsPermissions = [
  {
    permission: 'analytics:read',
    description:
      "Query the datasets you may see (each with its module's visibility), use the questions and dashboards shared with you",
  },
  { permission: 'analytics:write', description: 'Create questions and dashboards, change and share your own' },
  {
    permission: 'analytics:admin',
    description: 'See, change and share every question and dashboard (never more rows than your own visibility)',
  },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof analyticsPermissions> {}
}

/**
 * Analytics only opens the door: what a person sees in a dataset is the owning module's visibility
 * (a rep sees their own opportunities), whatever role gave them `analytics:read`. `admin` holds `*`.
 */
export const analyticsRoles: readonly RoleDefinition[] = [
  {
    name: 'analyst',
    description: 'Builds questions and dashboards and shares them (sees only the rows their other roles allow).',
    permissions: ['analytics:read', 'analytics:write'],
  },
  { name: 'manager', permissions: ['analytics:read'] },
  { name: 'sales-manager', permissions: ['analytics:read'] },
  { name: 'sales-rep', permissions: ['analytics:read'] },
];

/**
 * Analytics' mail, declared here so every process (the worker that sends it included) knows the
 * templates by name: a subscription's report (the file attached), and an alert when a number
 * crosses its threshold.
 */
export const analyticsReport = defineMailTemplate({
  name: 'analytics.report',
  data: async () => (await schemas()).analyticsReportData(),
  render: ({ recipientName, subscription, title, period, asOf, format }) => ({
    subject: `${title} — ${period}`,
    text: [
      `Hello ${recipientName},`,
      '',
      `Attached is "${title}" (${format.toUpperCase()}), as of ${asOf}, with the rows you may see.`,
      '',
      `You receive it through the subscription "${subscription}" in MOMS Analytics.`,
    ].join('\n'),
    html: html`<p>Hello ${recipientName},</p>
      <p>Attached is <strong>${title}</strong> (${format.toUpperCase()}), as of ${asOf}, with the rows you may see.</p>
      <p>You receive it through the subscription “${subscription}” in MOMS Analytics.</p>`,
  }),
});

export const analyticsAlert = defineMailTemplate({
  name: 'analytics.alert',
  data: async () => (await schemas()).analyticsAlertData(),
  render: ({ recipientName, alert, question, measure, value, condition, threshold }) => ({
    subject: `Alert: ${measure} is ${condition} ${threshold} (${value})`,
    text: [
      `Hello ${recipientName},`,
      '',
      `${measure} in "${question}" is now ${value}: ${condition} ${threshold}.`,
      '',
      `The alert "${alert}" mails you once each time the number crosses the threshold.`,
    ].join('\n'),
    html: html`<p>Hello ${recipientName},</p>
      <p>${measure} in <strong>${question}</strong> is now <strong>${value}</strong>: ${condition} ${threshold}.</p>
      <p>The alert “${alert}” mails you once each time the number crosses the threshold.</p>`,
  }),
});

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type { AnalyticsExportPayload, AnalyticsSubscriptionRunPayload } from './analytics.module.schemas.js';

/**
 * A question or a dashboard exported in the background as CSV, XLSX or PDF into the file store. The
 * result carries the file; the jobs API turns it into a download link for the job's owner.
 */
export const analyticsExportJob = defineJob({
  type: 'analytics.export',
  notifyOwner: 'Analytics export',
  payload: async () => (await schemas()).analyticsExportPayload(),
  maxAttempts: 2,
  backoffMs: 5_000,
  load: async () => (await import('./analytics.work.js')).runAnalyticsExport,
});

/**
 * Subscriptions' clock, without a standing schedule (like automation's wake, docs/adr/0019): a job
 * queued for the earliest `next_run_at`; it queues a run per due subscription and then the next tick.
 */
export const analyticsSubscriptionsDueJob = defineJob({
  type: 'analytics.subscriptions-due',
  payload: async () => (await schemas()).analyticsSubscriptionsDuePayload(),
  maxAttempts: 3,
  backoffMs: 60_000,
  load: async () => (await import('./analytics.work.js')).runSubscriptionsDue,
});

/**
 * One subscription's run for one period: each recipient checked and queried as themselves now
 * (who lost access gets nothing), a report's file mailed, an alert's mail once per crossing.
 */
export const analyticsSubscriptionRunJob = defineJob({
  type: 'analytics.subscription-run',
  payload: async () => (await schemas()).analyticsSubscriptionRunPayload(),
  maxAttempts: 3,
  backoffMs: 60_000,
  load: async () => (await import('./analytics.work.js')).runSubscription,
});

/**
 * Analytics: questions over the datasets the other modules declare (the semantic layer), dashboards
 * and exports, each module's visibility applied on every path. Served by the containerizedApi
 * function (a container image: room for the heavier export libraries).
 */
export const analyticsModule = defineModule({
  name: 'analytics',
  function: 'containerizedApi',
  permissions: analyticsPermissions,
  roles: analyticsRoles,
  routes: async () => (await import('./analytics.routes.js')).createAnalyticsRouter(),
  migrations: async () => (await import('./migrations/index.js')).analyticsMigrations,
  // The executive dashboard, shared with managers and analysts (after every other module's demo data).
  demo: async () => (await import('./analytics.demo.js')).analyticsDemo,
  // Exports of questions and dashboards (CSV, XLSX, PDF), as the user who asked, with their visibility at
  // run time; subscriptions and alerts (a self-queued tick, no standing schedule).
  jobs: [analyticsExportJob, analyticsSubscriptionsDueJob, analyticsSubscriptionRunJob],
  // The question builder, questions and dashboards: web/src/modules/analytics.
  web: 'analytics',
});
