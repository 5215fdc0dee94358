import { Readable } from 'node:stream';
import { objectKey } from '../../platform/files/file-store.js';
import { JobCancelledError, type JobContext, type JobOutcome } from '../../platform/jobs/job-registry.js';
import { jobFileStore } from '../../platform/jobs/job-files.js';
import type { CrmListExportPayload } from './crm.exports.js';
import { crmExportLists } from './crm.exports.lists.js';

type Payload = CrmListExportPayload;
const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * Streams the list into one file: each page of rows becomes CSV text handed to the file store as
 * it is made (the store pulls, so memory stays at about a page). A list export takes seconds even
 * at a million rows, so it runs in one invocation; a failed try starts again from the top.
 */
export async function runCrmListExport(payload: Payload, ctx: JobContext): Promise<JobOutcome> {
  const list = crmExportLists[payload.list];
  const filter: unknown = list.filter.parse(payload.filter);
  const store = await jobFileStore();
  const key = objectKey('results', ctx.jobId);
  let rows = 0;
  let pages = 0;
  async function* csv(): AsyncGenerator<Buffer> {
    for await (const chunk of list.chunks(ctx.db, payload.scope, filter, payload.pageSize)) {
      rows += chunk.rows;
      yield Buffer.from(chunk.text);
      if (chunk.rows > 0 && ++pages % 10 === 0) {
        if (await ctx.isCancelled()) throw new JobCancelledError();
        await ctx.progress(50, `${rows.toLocaleString('en')} rows`);
      }
    }
  }
  const written = await store.write(key, Readable.from(csv()), { contentType: CSV_TYPE });
  return {
    result: {
      file: { key, name: `${list.fileName}.csv`, contentType: CSV_TYPE },
      size: written.size,
      sha256: written.sha256,
      rows,
    },
  };
}
