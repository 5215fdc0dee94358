import { z } from 'zod';
import { FINANCE_EXPORT_LISTS } from './list-exports.js';

/** The payload of `finance.list-export` (list-exports.ts): imported when such a job is first enqueued or run. */
export const financeListExportPayload = () =>
  z.object({
    list: z.enum(FINANCE_EXPORT_LISTS),
    /** The list's query parameters as sent (strings): parsed again by the list's export schema when it runs. */
    filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** Rows per page (tests use small ones so paging shows). */
    pageSize: z.number().int().min(1).max(1_000).default(1_000),
  });
export type FinanceListExportPayload = z.output<ReturnType<typeof financeListExportPayload>>;
