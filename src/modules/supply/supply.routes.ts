import type { RouteGroup } from '../../platform/modules/module.js';

/**
 * The supply module's routes, mounted at /api/v1/supply, in groups: a request loads (and builds the
 * schemas of) only the groups that serve its first path segment, so the first `/items` of a cold start
 * does not load purchasing, sales or quotation printing (docs/adr/0006, "Route groups"). The order is
 * the order they are registered in; `src/app/route-groups.test.ts` holds each group's `segments` to
 * the routes it registers.
 */
export const supplyRoutes: readonly RouteGroup[] = [
  {
    segments: ['items', 'price-lists', 'prices', 'warehouses'],
    register: async () => (await import('./catalogue/catalogue.routes.js')).registerCatalogueRoutes,
  },
  {
    segments: ['stock', 'reservations', 'deliveries', 'lots', 'settings', 'reports'],
    register: async () => (await import('./stock/stock.routes.js')).registerStockRoutes,
  },
  {
    segments: ['counts'],
    register: async () => (await import('./stock/counts.routes.js')).registerCountRoutes,
  },
  {
    segments: ['purchase-orders', 'receipts', 'reorder-rules', 'replenishment'],
    register: async () => (await import('./purchasing/purchasing.routes.js')).registerPurchasingRoutes,
  },
  {
    segments: ['sales-orders', 'deliveries'],
    register: async () => (await import('./sales/sales.routes.js')).registerSalesRoutes,
  },
  {
    segments: ['sales-orders'],
    register: async () => (await import('./sales/quotation-pdf.routes.js')).registerQuotationPdfRoutes,
  },
  {
    segments: ['deliveries', 'receipts'],
    register: async () => (await import('./lists/lists.routes.js')).registerListRoutes,
  },
];
