import { z } from 'zod';
import { CRM_EXPORT_LISTS } from './crm.exports.js';

/** The payload of `crm.list-export` (crm.exports.ts): imported when such a job is first enqueued or run. */
export const crmListExportPayload = () =>
  z.object({
    list: z.enum(CRM_EXPORT_LISTS),
    /** The list's query parameters as sent (strings): parsed again by the list's export schema when it runs. */
    filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** Whose records: the visibility of the user who started it, as it was then. */
    scope: z.object({ userId: z.uuid(), all: z.boolean() }),
    /** Rows per page (tests use small ones so paging and progress show). */
    pageSize: z.number().int().min(1).max(10_000).default(1_000),
  });
export type CrmListExportPayload = z.output<ReturnType<typeof crmListExportPayload>>;
