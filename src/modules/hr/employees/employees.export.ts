import { defineJob } from '../../../platform/jobs/job-registry.js';

export type { EmployeesExportPayload } from './employees.export.schemas.js';

/**
 * The employee directory as CSV in the background (no row or size limit): the same rows, order and
 * columns as `GET /hr/employees/export.csv` for the same viewer (full-record columns only on the rows
 * they see in full; never compensation), read page by page on a keyset into one file in the file
 * store; the jobs API gives its owner a download link.
 */
export const employeesExportJob = defineJob({
  type: 'hr.employees-export',
  // Its owner waits on it: told in the app when it ends.
  notifyOwner: 'Employee export',
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./employees.export.schemas.js')).employeesExportPayload(),
  maxAttempts: 3,
  backoffMs: 5_000,
  load: async () => (await import('./employees.export-job.js')).runEmployeesExport,
});
