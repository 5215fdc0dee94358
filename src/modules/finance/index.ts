import { createRouter } from '../../platform/http/router.js';
import { registerLedgerRoutes } from './ledger/ledger.routes.js';
import { registerReportRoutes } from './reports/reports.routes.js';
import './finance.tables.js';

export type { FinanceTables } from './finance.tables.js';
export { financeMigrations } from './migrations/index.js';
export { financePermissions } from './permissions.js';
/** For other modules: post a balanced entry inside your own transaction (pass it as `db`). */
export { postJournalEntry, type EntrySource } from './ledger/journal.service.js';
export type { JournalEntryInputT as JournalEntryInput } from './ledger/journal.schemas.js';
export { accountForRole, baseCurrency } from './ledger/chart.js';

/** The finance module's routes, mounted at /api/v1/finance. */
export function createFinanceRouter() {
  const router = createRouter();
  registerLedgerRoutes(router);
  registerReportRoutes(router);
  return router;
}
