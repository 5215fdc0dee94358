import { Readable } from 'node:stream';
import type { z } from 'zod';
import { objectKey } from '../../../platform/files/file-store.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/job-registry.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import { hasPermission } from '../../../platform/auth/actor.js';
import { runDashboard, visibleDashboard } from '../library/dashboards.service.js';
import { runQuestion, visibleQuestion } from '../library/questions.service.js';
import { currentActor } from './caller.js';
import { toCsvText, toXlsx, type ExportSheet } from './export.files.js';
import type { AnalyticsExportPayload } from '../analytics.module.js';
import { Filter } from '../query/query.schemas.js';

type Payload = z.output<typeof AnalyticsExportPayload>;

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

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
  let title: string;
  let sheets: ExportSheet[];
  if (payload.target.kind === 'question') {
    const question = await visibleQuestion(ctx.db, caller, payload.target.id);
    title = question.name;
    sheets = [{ title, result: await runQuestion(ctx.db, caller, question, filters), problem: null }];
  } else {
    const dashboard = await visibleDashboard(ctx.db, caller, payload.target.id);
    title = dashboard.name;
    const results = await runDashboard(ctx.db, caller, dashboard.id, filters);
    sheets = results.cards.map((card) => ({
      title: card.title,
      result: card.result ?? null,
      problem: card.problem ? `${card.problem.title}: ${card.problem.detail}` : null,
    }));
  }
  await ctx.progress(60, 'writing the file');
  const meta = {
    title,
    asOf: new Date().toISOString(),
    filters: filters.length === 0 ? 'No extra filters' : `Filters: ${JSON.stringify(filters)}`,
  };
  const body = payload.format === 'csv' ? Buffer.from(toCsvText(meta, sheets)) : await toXlsx(meta, sheets);
  const store = await jobFileStore();
  const key = objectKey('results', ctx.jobId);
  const contentType = TYPES[payload.format];
  const written = await store.write(key, Readable.from([body]), { contentType });
  const safe = title.replace(/[^\w .-]+/g, '_').slice(0, 80) || 'export';
  return {
    result: {
      file: { key, name: `${safe}.${payload.format}`, contentType },
      size: written.size,
      sha256: written.sha256,
      sheets: sheets.length,
    },
  };
}
