import { z } from 'zod';
import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import { defineJob } from '../../platform/jobs/job-registry.js';
import { defineModule, type RoleDefinition } from '../../platform/modules/module.js';

// The standardApi bundle carries every manifest but no containerizedApi module's code: this file
// holds the whole manifest (permissions, roles, the export job's definition) and imports nothing
// else of the module; everything else loads on first use (infra/bundling.test.ts checks).

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

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const AnalyticsExportPayload = z.object({
  /** A saved question, or a whole dashboard (one sheet per card). */
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('question'), id: z.uuid() }),
    z.object({ kind: z.literal('dashboard'), id: z.uuid() }),
  ]),
  format: z.enum(EXPORT_FORMATS),
  /** Extra filters (AnalyticsFilter, checked by the route and again by the handler against each dataset). */
  filters: z.array(z.record(z.string(), z.unknown())).max(20).default([]),
  /** Who asked: their visibility is read again when the job runs (a user who lost access gets nothing). */
  userId: z.uuid(),
});

/**
 * A question or a dashboard exported in the background as CSV or XLSX into the file store. The
 * result carries the file; the jobs API turns it into a download link for the job's owner.
 */
export const analyticsExportJob = defineJob({
  type: 'analytics.export',
  notifyOwner: 'Analytics export',
  payload: AnalyticsExportPayload,
  maxAttempts: 2,
  backoffMs: 5_000,
  load: async () => (await import('./analytics.work.js')).runAnalyticsExport,
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
  // Exports of questions and dashboards (CSV, XLSX), as the user who asked, with their visibility at run time.
  jobs: [analyticsExportJob],
  // The question builder, questions and dashboards: web/src/modules/analytics.
  web: 'analytics',
});
