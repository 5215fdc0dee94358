import { createRouter } from '../../platform/http/router.js';
import { registerBudgetRoutes } from './budgets/budgets.routes.js';
import { registerDocumentRoutes } from './documents/documents.routes.js';
import { registerLedgerRoutes } from './ledger/ledger.routes.js';
import { registerReportRoutes } from './reports/reports.routes.js';
import { registerStatementRoutes } from './reports/statements.routes.js';
import './finance.tables.js';
import './documents/documents.tables.js';
import './budgets/budgets.tables.js';

export type { FinanceTables } from './finance.tables.js';
export { financeMigrations } from './migrations/index.js';
export { financePermissions } from './permissions.js';
/** For other modules: post a balanced entry inside your own transaction (pass it as `db`). */
export { postJournalEntry, type EntrySource } from './ledger/journal.service.js';
export type { JournalEntryInputT as JournalEntryInput } from './ledger/journal.schemas.js';
export { accountForRole, baseCurrency } from './ledger/chart.js';
export { financeDemo } from './finance.demo.js';
/** For other modules (sales, purchasing): documents and payments inside the caller's transaction. */
export { createDraft as createDocumentDraft } from './documents/documents.service.js';
export { issueDocument } from './documents/issue.service.js';
export { createPayment } from './documents/payments.service.js';

/** The finance module's routes, mounted at /api/v1/finance. */
export function createFinanceRouter() {
  const router = createRouter();
  registerLedgerRoutes(router);
  registerDocumentRoutes(router);
  registerBudgetRoutes(router);
  registerReportRoutes(router);
  registerStatementRoutes(router);
  return router;
}
