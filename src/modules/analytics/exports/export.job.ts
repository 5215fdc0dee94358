import { Readable } from 'node:stream';
import { objectKey } from '../../../platform/files/file-store.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/job-registry.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import { hasPermission } from '../../../platform/auth/actor.js';
import { runDashboard, visibleDashboard } from '../library/dashboards.service.js';
import { runQuestion, visibleQuestion } from '../library/questions.service.js';
import { currentActor } from './caller.js';
import { toCsvText, toXlsx, type ExportMeta, type ExportSheet } from './export.files.js';
import type { AnalyticsExportPayload, ExportFormat } from '../analytics.module.js';
import { Filter, type FilterT } from '../query/query.schemas.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';

type Payload = AnalyticsExportPayload;
type Target = Payload['target'];

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * The question (or every card of the dashboard) run as `caller`, with their visibility now: 404 when
 * they may no longer see the question or dashboard; a card whose dataset they lost shows why.
 */
export async function exportSheets(
  db: Db,
  caller: Actor,
  target: Target,
  filters: readonly FilterT[],
): Promise<{ meta: ExportMeta; sheets: ExportSheet[] }> {
  let title: string;
  let sheets: ExportSheet[];
  if (target.kind === 'question') {
    const question = await visibleQuestion(db, caller, target.id);
    title = question.name;
    sheets = [
      {
        title,
        result: await runQuestion(db, caller, question, filters),
        problem: null,
        visualization: question.visualization,
      },
    ];
  } else {
    const dashboard = await visibleDashboard(db, caller, target.id);
    title = dashboard.name;
    const results = await runDashboard(db, caller, dashboard.id, filters);
    sheets = results.cards.map((card) => ({
      title: card.title,
      result: card.result ?? null,
      problem: card.problem ? `${card.problem.title}: ${card.problem.detail}` : null,
      visualization: card.visualization,
    }));
  }
  const meta = {
    title,
    asOf: new Date().toISOString(),
    filters: filters.length === 0 ? 'No extra filters' : `Filters: ${JSON.stringify(filters)}`,
  };
  return { meta, sheets };
}

/** The file of an export: its bytes, content type and a file name from the title. */
export async function renderExport(format: ExportFormat, meta: ExportMeta, sheets: readonly ExportSheet[]) {
  const body =
    format === 'csv'
      ? Buffer.from(toCsvText(meta, sheets))
      : format === 'xlsx'
        ? await toXlsx(meta, sheets)
        : await (await import('./export.pdf.js')).toPdf(meta, sheets);
  const safe = meta.title.replace(/[^\w .-]+/g, '_').slice(0, 80) || 'export';
  return { body, contentType: TYPES[format], name: `${safe}.${format}` };
}

/**
 * Runs the question (or every card of the dashboard) as the user who asked, with the visibility
 * they have now: an inactive user, one without `analytics:read`, or one who may no longer see the
 * question or dashboard gets no file (the job fails); a card whose dataset they lost shows why
 * instead of its rows. The file lands in the file store; the result carries it.
 */
export async function runAnalyticsExport(payload: Payload, ctx: JobContext): Promise<JobOutcome> {
  const caller = await currentActor(ctx.db, payload.userId);
  if (!caller || !hasPermission(caller, 'analytics:read'))
    throw new Error('The user who asked for this export may no longer use analytics.');
  // Checked by the route; checked again here (a payload is data, and the schema may have moved on).
  const filters = Filter.array().parse(payload.filters);
  const { meta, sheets } = await exportSheets(ctx.db, caller, payload.target, filters);
  await ctx.progress(60, 'writing the file');
  const file = await renderExport(payload.format, meta, sheets);
  const store = await jobFileStore();
  const key = objectKey('results', ctx.jobId);
  const written = await store.write(key, Readable.from([file.body]), { contentType: file.contentType });
  return {
    result: {
      file: { key, name: file.name, contentType: file.contentType },
      size: written.size,
      sha256: written.sha256,
      sheets: sheets.length,
    },
  };
}
