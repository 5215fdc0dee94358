import type { createRouter } from '../../../platform/http/router.js';
import { registerAccountRoutes } from './accounts.routes.js';
import { registerChartImportRoutes } from './chart-import.routes.js';
import { registerJournalRoutes } from './journal.routes.js';
import { registerPeriodRoutes } from './periods.routes.js';
import { registerSettingsRoutes } from './settings.routes.js';

/** The ledger: settings, chart of accounts, fiscal years and periods, journal entries (in this order). */
export function registerLedgerRoutes(router: ReturnType<typeof createRouter>) {
  registerSettingsRoutes(router);
  registerAccountRoutes(router);
  registerChartImportRoutes(router);
  registerPeriodRoutes(router);
  registerJournalRoutes(router);
}
