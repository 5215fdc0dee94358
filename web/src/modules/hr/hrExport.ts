import { api, unwrap } from '../../api';

/**
 * The directory's DataTable `backgroundExport`: starts `POST /api/v1/hr/exports` with the current
 * filters and sort (no row limit); the jobs tray shows it from there.
 */
export const employeesBackgroundExport = async (filter: Record<string, string>) =>
  unwrap(api.POST('/api/v1/hr/exports', { body: { list: 'employees', filter } }));
