import { hrActions } from './hr.actions.js';
import { hrEvents } from './hr.events.js';
import { defineModule } from '../../platform/modules/module.js';
import { hrDatasets } from './hr.datasets.js';
import { hrMetrics } from './hr.metrics.js';
import { hrAuditPrivacy, hrPermissions, hrRoles } from './permissions.js';
import { employeesExportJob } from './employees/employees.export.js';
import './leave/leave.mail.js';

/** Organization, employees, leave, payroll. */
export const hrModule = defineModule({
  name: 'hr',
  function: 'standardApi',
  // Privacy requests (Compliance, docs/adr/0025): what it holds about a person, exported and erased.
  // Records other modules point at by id (Automation's "Run flow" on the record's page).
  records: {
    'hr.employee': {
      label: 'Employee',
      read: 'hr:read',
      visible: async () => (await import('./hr.records.js')).employeeVisible,
    },
  },
  privacy: { subjects: ['hr.employee'], load: async () => (await import('./hr.privacy.js')).hrPrivacy },
  permissions: hrPermissions,
  roles: hrRoles,
  auditPrivacy: hrAuditPrivacy,
  routes: async () => (await import('./hr.routes.js')).createHrRouter(),
  migrations: async () => (await import('./migrations/index.js')).hrMigrations,
  demo: async () => (await import('./hr.demo.js')).hrDemo,
  actions: hrActions,
  events: hrEvents,
  jobs: [employeesExportJob],
  metrics: hrMetrics,
  datasets: hrDatasets,
});
