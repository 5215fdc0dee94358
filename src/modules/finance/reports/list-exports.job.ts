import { listPages, writeCsvExport } from '../../../platform/jobs/csv-export-job.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/job-registry.js';
import type { FinanceListExportPayload } from './list-exports.js';
import { financeExportLists } from './list-exports.lists.js';

type Payload = FinanceListExportPayload;

/** Streams a Finance list into one CSV file in the file store (see `writeCsvExport`). */
export async function runFinanceListExport(payload: Payload, ctx: JobContext): Promise<JobOutcome> {
  const list = financeExportLists[payload.list];
  const filter: unknown = list.filter.parse(payload.filter);
  return writeCsvExport(ctx, {
    fileName: list.fileName,
    header: list.header,
    pages: listPages(list.load(ctx.db, filter), payload.pageSize),
    row: list.row,
  });
}
