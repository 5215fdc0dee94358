import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import { defineSubscriber } from '../../platform/events/event-types.js';
import { defineJob } from '../../platform/jobs/job-registry.js';
import { defineSchedule } from '../../platform/jobs/work-registry.js';
import { defineMailTemplate, html } from '../../platform/mail/templates.js';
import { defineModule, type RoleDefinition } from '../../platform/modules/module.js';

// A containerizedApi module: this file is the only one of the module in the standardApi zip (it runs
// the relay, which needs the job types and schedules), so the permissions and the background work's
// declarations live here, and their code behind `./compliance.work.js` (left out of that zip by
// infra/bundling.ts). The attachments' visibility check is one query, inline below.

// Their schemas are in compliance.module.schemas.ts, imported on first use (the manifest is imported at
// every cold start; Zod is not: docs/adr/0008): the zip carries it too, as a chunk of its own.
const schemas = async () => await import('./compliance.module.schemas.js');

export const compliancePermissions = [
  {
    permission: 'compliance:read',
    description: 'See frameworks, requirements, controls, evidence, collector artefacts and the risk register',
  },
  { permission: 'compliance:write', description: 'Manage controls, evidence, assets and risks; run the collectors' },
  {
    permission: 'compliance:admin',
    description: 'Import frameworks, map requirements, configure the risk matrix, approve accepted risks',
  },
  {
    permission: 'compliance:acknowledge',
    description: 'Read the policies and acknowledge their current versions (every employee)',
  },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof compliancePermissions> {}
}

/** The compliance officer runs the programme; the auditor (auth's role) reads all of it and changes nothing. */
export const complianceRoles: readonly RoleDefinition[] = [
  {
    name: 'compliance-officer',
    description: 'Runs the compliance programme: frameworks, controls, evidence, collectors and the risk register.',
    permissions: ['compliance:read', 'compliance:write', 'compliance:admin', 'compliance:acknowledge'],
  },
  { name: 'auditor', permissions: ['compliance:read', 'compliance:acknowledge'] },
  // Policies are for everyone: the employee role reads and acknowledges them.
  { name: 'employee', permissions: ['compliance:acknowledge'] },
];

/** The automated evidence collectors (collectors.ts implements each). */
export const COLLECTORS = [
  'audit-log-chain',
  'access-review',
  'privileged-accounts',
  'access-changes',
  'terminated-active',
  'finance-periods',
  'posted-entries-unchanged',
  'password-policy',
] as const;
export type CollectorKey = (typeof COLLECTORS)[number];

/**
 * Runs evidence collectors (all, or the ones named) and stores each one's artefact: time-stamped
 * JSON with its SHA-256 (docs/adr/0022).
 */
export const collectEvidenceJob = defineJob({
  type: 'compliance.collect',
  notifyOwner: 'Evidence collection',
  payload: async () => (await schemas()).collectEvidencePayload(),
  maxAttempts: 3,
  backoffMs: 60_000,
  load: async () => (await import('./compliance.work.js')).collectEvidenceHandler,
});

/**
 * A privacy request (export or erasure about one person: privacy/, docs/adr/0025), run through every
 * module's manifest `privacy` hooks; its report is stored in the file store.
 */
export const privacyRequestJob = defineJob({
  type: 'compliance.privacy-request',
  notifyOwner: 'Privacy request',
  payload: async () => (await schemas()).privacyRequestPayload(),
  maxAttempts: 5,
  backoffMs: 30_000,
  load: async () => (await import('./compliance.work.js')).runPrivacyRequest,
});

/**
 * Generates a report (a Statement of Applicability or an audit report, PDF or XLSX) into the file store
 * with its SHA-256 (`POST /reports`, docs/adr/0024); the row in `compliance.reports` says what to make.
 */
export const reportJob = defineJob({
  type: 'compliance.report',
  notifyOwner: 'Compliance report',
  payload: async () => (await schemas()).reportPayload(),
  maxAttempts: 3,
  backoffMs: 30_000,
  load: async () => (await import('./compliance.work.js')).generateReportHandler,
});

/**
 * The reminder to acknowledge a policy's current version (`POST /policies/{id}/remind`), declared here
 * so every process (the worker that renders it included) knows it by name.
 */
export const policyReminder = defineMailTemplate({
  name: 'compliance.policy-reminder',
  data: async () => (await schemas()).policyReminderData(),
  render: ({ name, title, version }) => ({
    subject: `Please acknowledge the policy: ${title.replace(/[\r\n]+/g, ' ')} (version ${version})`,
    text: [
      `Hello ${name},`,
      '',
      `Version ${version} of the policy "${title}" is waiting for your acknowledgement.`,
      'Read it and acknowledge it in MOMS under Compliance, Policies.',
    ].join('\n'),
    html: html`<p>Hello ${name},</p>
      <p>Version ${version} of the policy “${title}” is waiting for your acknowledgement.</p>
      <p>Read it and acknowledge it in MOMS under Compliance, Policies.</p>`,
  }),
});

/** Compliance: frameworks, controls, evidence (collected from MOMS itself) and the risk register. */
export const complianceModule = defineModule({
  name: 'compliance',
  function: 'containerizedApi',
  permissions: compliancePermissions,
  roles: complianceRoles,
  routes: async (services) => (await import('./compliance.routes.js')).createComplianceRouter(services),
  migrations: async () => (await import('./migrations/index.js')).complianceMigrations,
  demo: async () => (await import('./compliance.demo.js')).complianceDemo,
  jobs: [privacyRequestJob, collectEvidenceJob, reportJob],
  // A finding's remediation task completed in Projects closes the finding (named, not imported: Projects' event).
  subscribers: [
    defineSubscriber({
      name: 'compliance.close-finding',
      event: 'projects.task.completed',
      load: async () => (await import('./compliance.work.js')).closeFindingOnTaskCompleted,
    }),
  ],
  // Once a day (an idle month stays cheap: infra/cost/cli.test.ts); the collectors' freshness window is 26 h.
  schedules: [
    defineSchedule({ name: 'compliance.daily-collect', cron: '0 6 * * *', job: collectEvidenceJob, payload: {} }),
  ],
  attachments: {
    'compliance.evidence': {
      label: 'Evidence',
      read: 'compliance:read',
      write: 'compliance:write',
      // Inline (one query): the files routes run in the standardApi zip, which carries no other file of
      // this module (infra/bundling.test.ts).
      visible: async () => async (db, _ctx, id) =>
        (await db.selectFrom('compliance.evidence').select('id').where('id', '=', id).executeTakeFirst()) !== undefined,
    },
  },
  web: 'compliance',
});
