import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import { defineSubscriber } from '../../platform/events/event-types.js';
import { defineJob } from '../../platform/jobs/job-registry.js';
import { ANY_EVENT, defineSchedule } from '../../platform/jobs/work-registry.js';
import { defineModule, type RoleDefinition } from '../../platform/modules/module.js';
import { defineMailTemplate, html } from '../../platform/mail/templates.js';

// A containerizedApi module: this file is the only one of the module in the standardApi zip (it runs
// the relay, which needs the job types and subscribers), so the permissions and the background work's
// declarations live here, and their code behind `./automation.work.js` (left out of that zip by
// infra/bundling.ts).

// Their schemas are in automation.module.schemas.ts, imported on first use (the manifest is imported at
// every cold start; Zod is not: docs/adr/0008): the zip carries it too, as a chunk of its own.
const schemas = async () => await import('./automation.module.schemas.js');

export const automationPermissions = [
  { permission: 'automation:read', description: 'See flows, their versions and run history; your approvals inbox' },
  {
    permission: 'automation:write',
    description: 'Create and change flows that run as yourself, publish them, start and retry runs',
  },
  {
    permission: 'automation:admin',
    description: "Flows that run as another user, every flow's runs, decide any approval",
  },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof automationPermissions> {}
}

/**
 * Everyone has an approvals inbox (`automation:read`); managers build flows that run as themselves;
 * the automation administrator runs flows as other users and sees every run.
 */
export const automationRoles: readonly RoleDefinition[] = [
  {
    name: 'automation-admin',
    description: 'Builds and runs flows as any user, sees every run, decides any approval.',
    permissions: ['automation:read', 'automation:write', 'automation:admin', 'auth:read'],
  },
  { name: 'manager', permissions: ['automation:read', 'automation:write'] },
  { name: 'employee', permissions: ['automation:read'] },
];

/**
 * Runs one slice of an execution: its steps until it waits, ends or fails (each step checkpointed in
 * its own transaction), or asks to continue when the invocation's time runs short (docs/adr/0016).
 */
export const runExecution = defineJob({
  type: 'automation.run',
  payload: async () => (await schemas()).runExecutionPayload(),
  maxAttempts: 10,
  backoffMs: 5_000,
  load: async () => (await import('./automation.work.js')).runExecutionHandler,
});

/**
 * The tick: resumes the waits that are due (an index scan), fires approvals' reminders, escalations
 * and deadlines, and starts the scheduled flows of the minute. Not a standing schedule (an idle
 * installation costs nothing): each is queued for when something is due, and queues the next
 * (engine/wake.ts). Tried 10 times over about an hour; should every try fail, the safety net queues
 * another (with each event delivery when something is due, and daily: `automationHousekeepingJob`).
 */
export const automationTick = defineJob({
  type: 'automation.tick',
  payload: async () => (await schemas()).automationTickPayload(),
  maxAttempts: 10,
  backoffMs: 30_000,
  load: async () => (await import('./automation.work.js')).automationTickHandler,
});

/** Daily: deletes the runs older than their flow's retention (default 90 days); the tick's safety net. */
export const automationHousekeepingJob = defineJob({
  type: 'automation.housekeeping',
  payload: async () => (await schemas()).automationHousekeepingPayload(),
  maxAttempts: 3,
  backoffMs: 60_000,
  load: async () => (await import('./automation.work.js')).automationHousekeepingHandler,
});

/** Every night at 03:47 UTC (at most daily: an idle month stays within its budget, infra/cost). */
export const automationHousekeepingSchedule = defineSchedule({
  name: 'automation.housekeeping',
  cron: '47 3 * * *',
  job: automationHousekeepingJob,
  payload: {},
});

/**
 * Sends one attempt of an outbound webhook delivery (webhooks/outbound.ts); a failed attempt queues
 * the next with exponential backoff itself, so the job's own retries are only for crashes.
 */
export const deliverWebhook = defineJob({
  type: 'automation.webhook-deliver',
  payload: async () => (await schemas()).deliverWebhookPayload(),
  maxAttempts: 5,
  backoffMs: 30_000,
  load: async () => (await import('./automation.work.js')).deliverWebhookHandler,
});

/**
 * Automation's mail (here, in the manifest, so that every process knows them by name — the worker renders them — and
 * the standardApi zip carries no other file of the module): a
 * flow's email step, and the reminder an undecided approval sends its assignees.
 */
export const flowEmail = defineMailTemplate({
  name: 'automation.flow-email',
  data: async () => (await schemas()).flowEmailData(),
  render: ({ subject, body }) => ({
    // A subject is one line (a template's value may hold line breaks).
    subject: subject.replace(/[\r\n]+/g, ' '),
    text: body,
    html: html`<div style="white-space: pre-wrap">${body}</div>`,
  }),
});

export const approvalReminder = defineMailTemplate({
  name: 'automation.approval-reminder',
  data: async () => (await schemas()).approvalReminderData(),
  render: ({ title, escalated }) => ({
    subject: escalated ? `Approval escalated to you: ${title}` : `Reminder: approval waiting for you: ${title}`,
    text: [
      escalated
        ? `The approval "${title}" is now yours to decide.`
        : `The approval "${title}" is still waiting for you.`,
      '',
      'Decide it in MOMS under Automation, in your approvals inbox.',
    ].join('\n'),
    html: html`<p>
        ${escalated ? `The approval “${title}” is now yours to decide.` : `The approval “${title}” is still waiting for you.`}
      </p>
      <p>Decide it in MOMS under Automation, in your approvals inbox.</p>`,
  }),
});

/** Automation: flows triggered by events, schedules or by hand, as durable executions on the platform's jobs. */
export const automationModule = defineModule({
  name: 'automation',
  function: 'containerizedApi',
  permissions: automationPermissions,
  roles: automationRoles,
  // Inbound webhooks carry no user token: their Standard Webhooks signature authenticates them.
  publicRoutes: [{ method: 'POST', path: '/hooks/{id}' }],
  routes: async (services) => (await import('./automation.routes.js')).createAutomationRouter(services),
  migrations: async () => (await import('./migrations/index.js')).automationMigrations,
  demo: async () => (await import('./automation.demo.js')).automationDemo,
  jobs: [runExecution, automationTick, deliverWebhook, automationHousekeepingJob],
  schedules: [automationHousekeepingSchedule],
  /**
   * One subscriber for every event type (the platform's catch-all, `'*'`): it starts the published
   * flows the event triggers, once per event (the platform's processed-events row, and the executions'
   * `(flow, trigger_key)` index).
   */
  subscribers: [
    defineSubscriber({
      name: 'automation.event-trigger',
      event: ANY_EVENT,
      load: async () => (await import('./automation.work.js')).onAnyEvent,
    }),
  ],
  web: 'automation',
});
