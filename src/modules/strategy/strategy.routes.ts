import { createRouter } from '../../platform/http/router.js';
import { registerKpiRoutes } from './kpis/kpis.routes.js';
import { registerMapRoutes } from './map/map.routes.js';
import { registerMetricRoutes } from './metrics/metrics.routes.js';
import { registerCycleRoutes } from './okr/cycles.routes.js';
import { registerObjectiveRoutes } from './okr/objectives.routes.js';

/** The Strategy module's routes, mounted at /api/v1/strategy. */
export function createStrategyRouter() {
  const router = createRouter();
  registerMetricRoutes(router);
  registerCycleRoutes(router);
  registerObjectiveRoutes(router);
  registerKpiRoutes(router);
  registerMapRoutes(router);
  return router;
}
