import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/job-registry.js';

const employeesExportPayload = () =>
  z.object({
    /** The directory's query parameters as sent (strings): parsed again by its export schema when it runs. */
    filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** Who asked, and whether they held hr:admin then (who they see in full follows from it). */
    viewer: z.object({ userId: z.uuid(), admin: z.boolean() }),
    /** Rows per page (tests use small ones so paging shows). */
    pageSize: z.number().int().min(1).max(5_000).default(1_000),
  });
export type EmployeesExportPayload = z.output<ReturnType<typeof employeesExportPayload>>;

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
  payload: employeesExportPayload,
  maxAttempts: 3,
  backoffMs: 5_000,
  load: async () => (await import('./employees.export-job.js')).runEmployeesExport,
});
