import { z } from 'zod';

/** The payload of `hr.employees-export` (employees.export.ts): imported when such a job is first enqueued or run. */
export const employeesExportPayload = () =>
  z.object({
    /** The directory's query parameters as sent (strings): parsed again by its export schema when it runs. */
    filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** Who asked, and whether they held hr:admin then (who they see in full follows from it). */
    viewer: z.object({ userId: z.uuid(), admin: z.boolean() }),
    /** Rows per page (tests use small ones so paging shows). */
    pageSize: z.number().int().min(1).max(5_000).default(1_000),
  });
export type EmployeesExportPayload = z.output<ReturnType<typeof employeesExportPayload>>;
