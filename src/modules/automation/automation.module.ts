import { z } from '@hono/zod-openapi';
import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import { defineSubscriber } from '../../platform/events/event-types.js';
import { defineJob } from '../../platform/jobs/job-registry.js';
import { ANY_EVENT } from '../../platform/jobs/work-registry.js';
import { defineModule, type RoleDefinition } from '../../platform/modules/module.js';

// A containerizedApi module: this file is the only one of the module in the standardApi zip (it runs
// the relay, which needs the job types and subscribers), so the permissions and the background work's
// declarations live here, and their code behind `./automation.work.js` (left out of that zip by
// infra/bundling.ts).

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
  payload: z.object({ executionId: z.uuid() }),
  maxAttempts: 10,
  backoffMs: 5_000,
  load: async () => (await import('./automation.work.js')).runExecutionHandler,
});

/**
 * The tick: resumes the waits that are due (an index scan) and starts the scheduled flows of the
 * minute. Not a standing schedule (an idle installation costs nothing): each is queued for when
 * something is due, and queues the next (engine/wake.ts).
 */
export const automationTick = defineJob({
  type: 'automation.tick',
  payload: z.object({}),
  maxAttempts: 3,
  load: async () => (await import('./automation.work.js')).automationTickHandler,
});

/** Automation: flows triggered by events, schedules or by hand, as durable executions on the platform's jobs. */
export const automationModule = defineModule({
  name: 'automation',
  function: 'containerizedApi',
  permissions: automationPermissions,
  roles: automationRoles,
  routes: async () => (await import('./automation.routes.js')).createAutomationRouter(),
  migrations: async () => (await import('./migrations/index.js')).automationMigrations,
  jobs: [runExecution, automationTick],
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
  web: null,
});
