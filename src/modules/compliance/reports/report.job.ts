import { Readable } from 'node:stream';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/app-error.js';
import { objectKey } from '../../../platform/files/file-store.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/job-registry.js';
import { reportJob } from '../compliance.module.js';
import { buildReportDocument } from './report.data.js';
import type { ReportDocument } from './report.document.js';

/** Why a try failed, in words: an AppError's detail and field messages, else the message. */
function reasonOf(error: unknown): string {
  if (error instanceof AppError)
    return [error.detail, ...(error.errors ?? []).map((e) => `${e.path}: ${e.message}`)].join(' ');
  return error instanceof Error ? error.message : String(error);
}

/** The file of a document in a format (the renderers load pdf-lib or exceljs on first use). */
export async function renderReport(format: 'pdf' | 'xlsx', document: ReportDocument): Promise<Buffer> {
  return format === 'pdf'
    ? (await import('./report.pdf.js')).reportPdf(document)
    : (await import('./report.xlsx.js')).reportXlsx(document);
}

/** The key a report's file is kept under: the attachments area (kept, unlike job results, which expire). */
export const reportKey = (id: string, createdAt: Date) =>
  objectKey('attachments', `compliance-report-${id}`, createdAt);

/**
 * The `compliance.report` job: reads the data at the as-of time (now, at the start of this try), renders
 * the file, writes it to the file store and records its key, size and SHA-256 on the report. A retry
 * writes the same key again; a report that already succeeded is left as it is. The job's result names no
 * file, so the jobs housekeeping never removes it (the report keeps it).
 */
export async function runReport(payload: { reportId: string }, ctx: JobContext): Promise<JobOutcome> {
  try {
    return await generate(ctx.db, payload.reportId, ctx);
  } catch (error) {
    // The last try: the report says why it has no file (earlier tries are retried by the runner).
    if (ctx.attempt >= reportJob.maxAttempts)
      await ctx.db
        .updateTable('compliance.reports')
        .set({
          status: 'failed',
          error: reasonOf(error).slice(0, 1000),
          finished_at: new Date(),
        })
        .where('id', '=', payload.reportId)
        .where('status', '<>', 'succeeded')
        .execute();
    throw error;
  }
}

async function generate(db: Db, reportId: string, ctx: JobContext): Promise<JobOutcome> {
  const payload = { reportId };
  const row = await db
    .selectFrom('compliance.reports')
    .selectAll()
    .where('id', '=', payload.reportId)
    .executeTakeFirst();
  if (!row) throw new Error(`No report ${payload.reportId}.`);
  if (row.status === 'succeeded') return { result: { reportId: row.id, sha256: row.sha256 } };
  const asOf = new Date();
  await db.updateTable('compliance.reports').set({ status: 'running', as_of: asOf }).where('id', '=', row.id).execute();
  await ctx.progress(10, 'reading the data');
  const document = await buildReportDocument(
    db,
    { kind: row.kind, frameworkId: row.framework_id, assessmentId: row.assessment_id },
    asOf,
  );
  await ctx.progress(50, 'drawing the file');
  const body = await renderReport(row.format, document);
  await ctx.progress(80, 'storing the file');
  const key = reportKey(row.id, row.created_at);
  const written = await (await jobFileStore()).write(key, Readable.from([body]), { contentType: row.content_type });
  await db
    .updateTable('compliance.reports')
    .set({
      status: 'succeeded',
      file_key: key,
      size: written.size,
      sha256: written.sha256,
      finished_at: new Date(),
      error: null,
    })
    .where('id', '=', row.id)
    .execute();
  return { result: { reportId: row.id, sha256: written.sha256, size: written.size } };
}
