import { api, unwrap } from '../../api';

type FinanceList =
  'journal-entries' | 'invoices' | 'bills' | 'credit-notes' | 'vendor-credits' | 'parties' | 'payments';

/**
 * A DataTable `backgroundExport` for a Finance list: starts `POST /api/v1/finance/exports` with the
 * list's current filters and sort (no row limit); the jobs tray shows it from there.
 */
export const financeBackgroundExport = (list: FinanceList) => async (filter: Record<string, string>) =>
  unwrap(api.POST('/api/v1/finance/exports', { body: { list, filter } }));
