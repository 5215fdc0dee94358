import { defineModule } from '../modules/module.js';
import { jobsHousekeepingJob, jobsHousekeepingSchedule } from './housekeeping.js';
import { jobsPermissions } from './jobs.permissions.js';

/**
 * The jobs API (`/api/v1/jobs`): part of the platform, mounted like a module. A user sees and cancels
 * their own jobs; `jobs:read-all` and `jobs:cancel-all` reach everyone's (admins have them through
 * `*`). Job types themselves are declared by the modules that run them (docs/adr/0012).
 */
export const jobsModule = defineModule({
  name: 'jobs',
  function: 'standardApi',
  permissions: jobsPermissions,
  web: null,
  baseRoutes: ['GET'],
  // Nightly pruning of the outbox, processed events, finished jobs (with their files) and schedule slots.
  jobs: [jobsHousekeepingJob],
  schedules: [jobsHousekeepingSchedule],
  routes: async (services) => (await import('./jobs.routes.js')).createJobsRouter(services),
});
