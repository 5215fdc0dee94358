import { api, unwrap } from '../../api/client';
import { defineModule } from '../types';
import { termsNav, termsRoutes } from './terms/routes';

/** Finance: ledger, customers and vendors, invoices and bills, payments, reports. Every page loads lazily. */
export const financeModule = defineModule({
  id: 'finance',
  label: 'Finance',
  icon: '€',
  permissionPrefix: 'finance',
  basePath: '/finance',
  shortcut: 'f',
  routes: [
    { path: '/', load: () => import('./FinanceHome') },
    { path: 'accounts', load: () => import('./accounts/AccountsPage') },
    { path: 'journal', load: () => import('./journal/JournalListPage') },
    { path: 'journal/new', load: () => import('./journal/JournalNewPage'), permission: 'finance:write' },
    { path: 'journal/$id', load: () => import('./journal/JournalEntryPage') },
    { path: 'parties', load: () => import('./parties/PartiesPage') },
    { path: 'parties/$id', load: () => import('./parties/PartyPage') },
    { path: '$kind', load: () => import('./documents/DocumentsPage') }, // invoices, bills, credit-notes, vendor-credits
    { path: '$kind/new', load: () => import('./documents/DocumentNewPage'), permission: 'finance:write' },
    { path: '$kind/$id', load: () => import('./documents/DocumentPage') },
    { path: 'payments', load: () => import('./payments/PaymentsPage') },
    { path: 'payments/new', load: () => import('./payments/PaymentNewPage'), permission: 'finance:approve' },
    { path: 'payments/$id', load: () => import('./payments/PaymentPage') },
    { path: 'opening-balances', load: () => import('./openings/OpeningBalancesPage') },
    { path: 'imports', load: () => import('./openings/ImportsPage'), permission: 'finance:approve' },
    { path: 'reports', load: () => import('./reports/ReportsHome') },
    { path: 'reports/trial-balance', load: () => import('./reports/TrialBalancePage') },
    { path: 'reports/profit-and-loss', load: () => import('./reports/ProfitAndLossPage') },
    { path: 'reports/balance-sheet', load: () => import('./reports/BalanceSheetPage') },
    { path: 'reports/aging', load: () => import('./reports/AgingPage') },
    { path: 'reports/tie-out', load: () => import('./reports/TieOutPage') },
    { path: 'reports/general-ledger', load: () => import('./reports/GeneralLedgerPage') },
    { path: 'reports/budget-vs-actual', load: () => import('./reports/BudgetVsActualPage') },
    { path: 'reports/cash-flow', load: () => import('./reports/CashFlowPage') },
    { path: 'budgets', load: () => import('./budgets/BudgetsPage') },
    { path: 'budgets/$year', load: () => import('./budgets/BudgetPage') },
    { path: 'fiscal-years', load: () => import('./ledger/FiscalYearsPage') },
    { path: 'tax-codes', load: () => import('./taxes/TaxCodesPage') },
    { path: 'document-settings', load: () => import('./printing/DocumentSettingsPage') },
    { path: 'reports/tax-return', load: () => import('./reports/TaxReturnPage') },
    { path: 'bank-accounts', load: () => import('./banking/BankAccountsPage') },
    { path: 'bank-accounts/$id', load: () => import('./banking/BankAccountPage') },
    { path: 'bank-statements/$id', load: () => import('./banking/ReconcilePage') },
    { path: 'bank-rules', load: () => import('./banking/RulesPage') },
    { path: 'revaluations', load: () => import('./revaluation/RevaluationPage') },
    { path: 'exchange-rates', load: () => import('./rates/ExchangeRatesPage') },
    { path: 'assets', load: () => import('./assets/AssetsPage') },
    ...termsRoutes,
  ],
  nav: [
    { label: 'Overview', to: '/finance' },
    { label: 'Invoices', to: '/finance/invoices', permission: 'finance:read' },
    { label: 'Bills', to: '/finance/bills', permission: 'finance:read' },
    { label: 'Payments', to: '/finance/payments', permission: 'finance:read' },
    { label: 'Bank accounts', to: '/finance/bank-accounts', permission: 'finance:read' },
    { label: 'Customers & vendors', to: '/finance/parties', permission: 'finance:read' },
    { label: 'Journal entries', to: '/finance/journal', permission: 'finance:read' },
    { label: 'Chart of accounts', to: '/finance/accounts', permission: 'finance:read' },
    { label: 'Opening balances', to: '/finance/opening-balances', permission: 'finance:read' },
    { label: 'Fiscal periods', to: '/finance/fiscal-years', permission: 'finance:read' },
    { label: 'Tax codes', to: '/finance/tax-codes', permission: 'finance:read' },
    { label: 'Company and documents', to: '/finance/document-settings', permission: 'finance:read' },
    ...termsNav,
    { label: 'FX revaluation', to: '/finance/revaluations', permission: 'finance:read' },
    { label: 'Exchange rates', to: '/finance/exchange-rates', permission: 'finance:read' },
    { label: 'Fixed assets', to: '/finance/assets', permission: 'finance:read' },
    { label: 'Budgets', to: '/finance/budgets', permission: 'finance:read' },
    { label: 'Reports', to: '/finance/reports', permission: 'finance:read' },
  ],
  widgets: [
    {
      id: 'finance-receivables',
      title: 'Receivables',
      load: () => import('./widgets/ReceivablesWidget'),
      permission: 'finance:read',
    },
    {
      id: 'finance-result',
      title: 'Result this year',
      load: () => import('./widgets/ResultWidget'),
      permission: 'finance:read',
    },
  ],
  searchProviders: [
    {
      id: 'finance-parties',
      label: 'Customers & vendors',
      permission: 'finance:read',
      search: async (q, signal) =>
        (await unwrap(api.GET('/api/v1/finance/parties', { params: { query: { q, limit: 6 } }, signal }))).items.map(
          (p) => ({ id: p.id, title: p.name, subtitle: p.kind, to: `/finance/parties/${p.id}` }),
        ),
    },
    // Documents and payments by number, reference, party or exact amount ("1,100.00"); entries by number or memo.
    {
      id: 'finance-invoices',
      label: 'Invoices',
      permission: 'finance:read',
      search: async (q, signal) =>
        (await unwrap(api.GET('/api/v1/finance/invoices', { params: { query: { q, limit: 5 } }, signal }))).items.map(
          (d) => ({
            id: d.id,
            title: d.number ?? 'Draft invoice',
            subtitle: `${d.partyName} · ${d.total} ${d.currency}`,
            to: `/finance/invoices/${d.id}`,
          }),
        ),
    },
    {
      id: 'finance-bills',
      label: 'Bills',
      permission: 'finance:read',
      search: async (q, signal) =>
        (await unwrap(api.GET('/api/v1/finance/bills', { params: { query: { q, limit: 5 } }, signal }))).items.map(
          (d) => ({
            id: d.id,
            title: d.number ?? 'Draft bill',
            subtitle: `${d.partyName} · ${d.total} ${d.currency}`,
            to: `/finance/bills/${d.id}`,
          }),
        ),
    },
    {
      id: 'finance-payments',
      label: 'Payments',
      permission: 'finance:read',
      search: async (q, signal) =>
        (await unwrap(api.GET('/api/v1/finance/payments', { params: { query: { q, limit: 5 } }, signal }))).items.map(
          (p) => ({
            id: p.id,
            title: p.number,
            subtitle: `${p.partyName} · ${p.amount} ${p.currency}`,
            to: `/finance/payments/${p.id}`,
          }),
        ),
    },
    {
      id: 'finance-journal',
      label: 'Journal entries',
      permission: 'finance:read',
      search: async (q, signal) =>
        (
          await unwrap(api.GET('/api/v1/finance/journal-entries', { params: { query: { q, limit: 5 } }, signal }))
        ).items.map((e) => ({
          id: e.id,
          title: e.number ?? 'Draft entry',
          subtitle: e.memo,
          to: `/finance/journal/${e.id}`,
        })),
    },
  ],
});
