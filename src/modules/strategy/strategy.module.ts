import { defineModule } from '../../platform/modules/module.js';
import { strategyEvents, strategySubscribers } from './strategy.events.js';
import { strategyJobs, strategySchedules } from './strategy.jobs.js';
import { strategyPermissions, strategyRoles } from './permissions.js';
import './strategy.mail.js';

/** OKRs and KPIs: cycles, cascading objectives, key results bound to other modules' live metrics, scoring. */
export const strategyModule = defineModule({
  name: 'strategy',
  function: 'standardApi',
  permissions: strategyPermissions,
  roles: strategyRoles,
  routes: async () => (await import('./strategy.routes.js')).createStrategyRouter(),
  migrations: async () => (await import('./migrations/index.js')).strategyMigrations,
  demo: async () => (await import('./strategy.demo.js')).strategyDemo,
  events: strategyEvents,
  subscribers: strategySubscribers,
  jobs: strategyJobs,
  schedules: strategySchedules,
});
