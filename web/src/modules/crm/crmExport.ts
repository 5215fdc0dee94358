import { api, unwrap } from '../../api';

type CrmList = 'organizations' | 'contacts' | 'leads' | 'opportunities';

/**
 * A DataTable `backgroundExport` for a CRM list: starts `POST /api/v1/crm/exports` with the list's
 * current filters and sort (no row or size limit); the jobs tray shows it from there.
 */
export const crmBackgroundExport = (list: CrmList) => async (filter: Record<string, string>) =>
  unwrap(api.POST('/api/v1/crm/exports', { body: { list, filter } }));
