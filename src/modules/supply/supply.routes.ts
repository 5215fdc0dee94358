import { createRouter } from '../../platform/http/router.js';
import type { ModuleServices } from '../../platform/modules/module.js';
import { registerCatalogueRoutes } from './catalogue/catalogue.routes.js';
import { registerListRoutes } from './lists/lists.routes.js';
import { registerPurchasingRoutes } from './purchasing/purchasing.routes.js';
import { registerQuotationPdfRoutes } from './sales/quotation-pdf.routes.js';
import { registerSalesRoutes } from './sales/sales.routes.js';
import { registerCountRoutes } from './stock/counts.routes.js';
import { registerStockRoutes } from './stock/stock.routes.js';

/** The supply module's routes, mounted at /api/v1/supply. */
export function createSupplyRouter(services?: Pick<ModuleServices, 'getFileStore'>) {
  const router = createRouter();
  registerCatalogueRoutes(router);
  registerStockRoutes(router);
  registerCountRoutes(router);
  registerPurchasingRoutes(router);
  registerSalesRoutes(router);
  registerQuotationPdfRoutes(router, services?.getFileStore);
  registerListRoutes(router);
  return router;
}
