import { defineModule } from '../../platform/modules/module.js';
import { projectsActions } from './projects.actions.js';
import { projectsDatasets } from './projects.datasets.js';
import { projectsMetrics } from './projects.metrics.js';
import { projectsEvents } from './projects.events.js';
import './projects.mail.js';
import { projectsPermissions, projectsRoles } from './permissions.js';

/** Projects, tasks with dependencies, time tracking and invoicing, board, Gantt, portfolio and workload. */
export const projectsModule = defineModule({
  name: 'projects',
  function: 'standardApi',
  // Privacy requests (Compliance, docs/adr/0025): what it holds about a person, exported and erased.
  privacy: { load: async () => (await import('./projects.privacy.js')).projectsPrivacy },
  permissions: projectsPermissions,
  roles: projectsRoles,
  routes: async () => (await import('./projects.routes.js')).createProjectsRouter(),
  migrations: async () => (await import('./migrations/index.js')).projectsMigrations,
  demo: async () => (await import('./projects.demo.js')).projectsDemo,
  events: projectsEvents,
  metrics: projectsMetrics,
  actions: projectsActions,
  datasets: projectsDatasets,
  // Records other modules point at by id (Automation's "Run flow" on the record's page).
  records: {
    'projects.project': {
      label: 'Project',
      read: 'projects:read',
      visible: async () => (await import('./projects.records.js')).projectVisible,
    },
  },
  attachments: {
    'projects.task': {
      label: 'Task',
      read: 'projects:read',
      write: 'projects:write',
      visible: async () => (await import('./tasks/tasks.attachments.js')).taskVisible,
      demoRecords: async () => (await import('./tasks/tasks.attachments.js')).tasksForDemo,
    },
  },
});
