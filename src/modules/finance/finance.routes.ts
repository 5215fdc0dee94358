import type { RouteGroup } from '../../platform/modules/module.js';

/**
 * The finance module's routes, mounted at /api/v1/finance, in groups: a request loads (and builds
 * the schemas of) only the groups that serve its first path segment, so the first `/accounts` of a
 * cold start does not load e-invoicing, SAF-T or PDF printing (docs/adr/0006, "Route groups"). The
 * order is the order they are registered in; `src/app/route-groups.test.ts` holds each group's
 * `segments` to the routes it registers.
 */
export const financeRoutes: readonly RouteGroup[] = [
  {
    segments: ['settings', 'accounts', 'fiscal-years', 'periods', 'journal-entries'],
    register: async () => (await import('./ledger/ledger.routes.js')).registerLedgerRoutes,
  },
  {
    segments: [
      'parties',
      'invoices',
      'bills',
      'credit-notes',
      'vendor-credits',
      'payments',
      'refunds',
      'allocations',
      'opening-balances',
    ],
    register: async () => (await import('./documents/documents.routes.js')).registerDocumentRoutes,
  },
  {
    segments: ['bank-accounts', 'bank-statements', 'bank-rules'],
    register: async () => (await import('./banking/banking.routes.js')).registerBankingRoutes,
  },
  {
    segments: ['invoices', 'credit-notes', 'bills', 'parties'],
    register: async () => (await import('./einvoice/einvoice.routes.js')).registerEinvoiceRoutes,
  },
  {
    segments: ['budgets', 'reports'],
    register: async () => (await import('./budgets/budgets.routes.js')).registerBudgetRoutes,
  },
  {
    segments: ['reports'],
    register: async () => (await import('./reports/reports.routes.js')).registerReportRoutes,
  },
  {
    segments: ['exports', 'reports'],
    register: async () => (await import('./reports/statements.routes.js')).registerStatementRoutes,
  },
  {
    segments: ['reports'],
    register: async () => (await import('./reports/cash-flow.routes.js')).registerCashFlowRoutes,
  },
  {
    segments: ['exports'],
    register: async () => (await import('./reports/list-exports.routes.js')).registerFinanceExportRoutes,
  },
  {
    segments: ['tax-codes', 'fiscal-positions', 'parties', 'tax-defaults', 'reports', 'tax-returns'],
    register: async () => (await import('./taxes/taxes.routes.js')).registerTaxRoutes,
  },
  {
    segments: ['document-settings', 'invoices', 'credit-notes', 'bills', 'vendor-credits', 'parties', 'reports'],
    register: async () => (await import('./printing/printing.routes.js')).registerPrintingRoutes,
  },
  {
    segments: ['payment-terms', 'invoices', 'bills', 'reports', 'dunning-levels', 'reminders', 'recurring-templates'],
    register: async () => (await import('./terms/terms.routes.js')).registerTermsRoutes,
  },
  {
    segments: ['asset-categories', 'assets'],
    register: async () => (await import('./assets/assets.routes.js')).registerAssetRoutes,
  },
  {
    segments: ['revaluations'],
    register: async () => (await import('./revaluation/revaluation.routes.js')).registerRevaluationRoutes,
  },
  {
    segments: ['exchange-rates'],
    register: async () => (await import('./rates/rates.routes.js')).registerRateRoutes,
  },
  {
    segments: ['saf-t'],
    register: async () => (await import('./saft/saft.routes.js')).registerSaftRoutes,
  },
];
