import { createRouter } from '../../platform/http/router.js';
import type { ModuleServices } from '../../platform/modules/module.js';
import { registerAssetRoutes } from './assets/assets.routes.js';
import { registerBankingRoutes } from './banking/banking.routes.js';
import { registerBudgetRoutes } from './budgets/budgets.routes.js';
import { registerDocumentRoutes } from './documents/documents.routes.js';
import { registerEinvoiceRoutes } from './einvoice/einvoice.routes.js';
import { registerLedgerRoutes } from './ledger/ledger.routes.js';
import { registerPrintingRoutes } from './printing/printing.routes.js';
import { registerRateRoutes } from './rates/rates.routes.js';
import { registerCashFlowRoutes } from './reports/cash-flow.routes.js';
import { registerFinanceExportRoutes } from './reports/list-exports.routes.js';
import { registerReportRoutes } from './reports/reports.routes.js';
import { registerStatementRoutes } from './reports/statements.routes.js';
import { registerRevaluationRoutes } from './revaluation/revaluation.routes.js';
import { registerSaftRoutes } from './saft/saft.routes.js';
import { registerTaxRoutes } from './taxes/taxes.routes.js';
import { registerTermsRoutes } from './terms/terms.routes.js';

/** The finance module's routes, mounted at /api/v1/finance. */
export function createFinanceRouter(services?: Pick<ModuleServices, 'getFileStore'>) {
  const router = createRouter();
  registerLedgerRoutes(router);
  registerDocumentRoutes(router);
  registerBankingRoutes(router);
  registerEinvoiceRoutes(router, services?.getFileStore);
  registerBudgetRoutes(router);
  registerReportRoutes(router);
  registerStatementRoutes(router);
  registerCashFlowRoutes(router, services?.getFileStore);
  registerFinanceExportRoutes(router);
  registerTaxRoutes(router);
  registerPrintingRoutes(router, services?.getFileStore);
  registerTermsRoutes(router);
  registerAssetRoutes(router);
  registerRevaluationRoutes(router);
  registerRateRoutes(router);
  registerSaftRoutes(router);
  return router;
}
