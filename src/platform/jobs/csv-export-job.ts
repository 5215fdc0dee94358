import { Readable } from 'node:stream';
import { objectKey } from '../files/file-store.js';
import { csvLine } from '../http/csv-export.js';
import { JobCancelledError, type JobContext, type JobOutcome } from './job-registry.js';
import { jobFileStore } from './job-files.js';

type Cell = string | number | boolean | null;

const CSV_TYPE = 'text/csv; charset=utf-8';
/** Ask whether the job was cancelled (and report progress) every this many pages. */
const CHECK_EVERY = 10;

/**
 * Every page of a list, in the list's order, read with the list's own function (`load`, as its
 * synchronous `…/export.csv` route reads it) until it has no next cursor.
 */
export async function* listPages<T>(
  load: (page: { limit: number; cursor?: string | undefined }) => Promise<{ items: T[]; nextCursor: string | null }>,
  pageSize: number,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await load({ limit: pageSize, ...(cursor ? { cursor } : {}) });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * A background CSV export (no row or size limit): the header, then each page of rows as CSV lines
 * (`toCsv`'s rules, so the file equals the synchronous export's text), streamed into one file in
 * the job file store (the store pulls: memory stays at about a page). Progress and cancellation
 * every few pages. A list export takes seconds even at a million rows, so it runs in one
 * invocation; a failed try starts again from the top (nothing is kept from a failed write).
 * The result carries the file; the jobs API turns it into a download link for the job's owner.
 */
export async function writeCsvExport<T>(
  ctx: Pick<JobContext, 'jobId' | 'progress' | 'isCancelled'>,
  options: { fileName: string; header: readonly string[]; pages: AsyncIterable<T[]>; row: (item: T) => Cell[] },
): Promise<JobOutcome> {
  const store = await jobFileStore();
  const key = objectKey('results', ctx.jobId);
  let rows = 0;
  let pages = 0;
  async function* csv(): AsyncGenerator<Buffer> {
    yield Buffer.from(csvLine(options.header));
    for await (const page of options.pages) {
      let text = '';
      for (const item of page) text += csvLine(options.row(item));
      rows += page.length;
      yield Buffer.from(text);
      if (++pages % CHECK_EVERY === 0) {
        if (await ctx.isCancelled()) throw new JobCancelledError();
        await ctx.progress(50, `${rows.toLocaleString('en')} rows`);
      }
    }
  }
  const written = await store.write(key, Readable.from(csv()), { contentType: CSV_TYPE });
  return {
    result: {
      file: { key, name: options.fileName, contentType: CSV_TYPE },
      size: written.size,
      sha256: written.sha256,
      rows,
    },
  };
}
