import { defineModule } from '../../platform/modules/module.js';
import { supplyDatasets } from './supply.datasets.js';
import { supplyMetrics } from './supply.metrics.js';
import { supplyEvents } from './supply.events.js';
import { supplyJobs, supplySchedules } from './supply.jobs.js';
import { supplyPermissions, supplyRoles } from './permissions.js';

/** Supply chain: catalogue, warehouses, the stock ledger and its valuation, purchasing, deliveries. */
export const supplyModule = defineModule({
  name: 'supply',
  function: 'standardApi',
  permissions: supplyPermissions,
  roles: supplyRoles,
  routes: async () => (await import('./supply.routes.js')).supplyRoutes,
  migrations: async () => (await import('./migrations/index.js')).supplyMigrations,
  demo: async () => (await import('./supply.demo.js')).supplyDemo,
  events: supplyEvents,
  jobs: supplyJobs,
  schedules: supplySchedules,
  metrics: supplyMetrics,
  datasets: supplyDatasets,
});
