import { analyticsModule } from '../modules/analytics/analytics.module.js';
import { authModule } from '../modules/auth/auth.module.js';
import { automationModule } from '../modules/automation/automation.module.js';
import { complianceModule } from '../modules/compliance/compliance.module.js';
import { crmModule } from '../modules/crm/crm.module.js';
import { financeModule } from '../modules/finance/finance.module.js';
import { hrModule } from '../modules/hr/hr.module.js';
import { projectsModule } from '../modules/projects/projects.module.js';
import { strategyModule } from '../modules/strategy/strategy.module.js';
import { supplyModule } from '../modules/supply/supply.module.js';
import { auditModule } from '../platform/audit/audit.module.js';
import { filesModule } from '../platform/files/files.module.js';
import { jobsModule } from '../platform/jobs/jobs.module.js';
import { mailModule } from '../platform/mail/mail.module.js';
import { notificationsModule } from '../platform/notifications/notifications.module.js';
import { viewsModule } from '../platform/views/views.module.js';
import type { FunctionName, ModuleManifest } from '../platform/modules/module.js';

/**
 * Every module of this installation, each named once. Everything else is derived from this list: both
 * function apps, the route table (and so the CDK app), migrations, demo data (in this order: a
 * module's demo may use what earlier ones made), jobs, the permission catalog and built-in roles.
 * Adding a module is one folder under src/modules/ plus one line here (see README, "Adding a module").
 */
export const modules: readonly ModuleManifest[] = [
  authModule,
  financeModule,
  crmModule,
  hrModule,
  projectsModule,
  supplyModule,
  strategyModule,
  automationModule,
  analyticsModule,
  complianceModule,
  auditModule,
  filesModule,
  jobsModule,
  mailModule,
  notificationsModule,
  viewsModule,
];

export function modulesOf(fn: FunctionName): ModuleManifest[] {
  return modules.filter((m) => m.function === fn);
}
