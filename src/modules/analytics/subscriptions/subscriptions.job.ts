import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { hasPermission, type Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { objectKey } from '../../../platform/files/file-store.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/job-registry.js';
import { sendMail } from '../../../platform/mail/send-mail.js';
import { Money } from '../../../platform/money/money.js';
import { actorOf, userDisplayNames } from '../../auth/index.js';
import { analyticsAlert, analyticsReport } from '../analytics.module.js';
import { analyticsSubscriptionRunJob, type AnalyticsSubscriptionRunPayload } from '../analytics.module.js';
import type { SubscriptionsTable } from '../analytics.tables.js';
import { exportSheets, renderExport } from '../exports/export.job.js';
import { runQuestion, visibleQuestion } from '../library/questions.service.js';
import { Filter, type FilterT, type QueryResultT } from '../query/query.schemas.js';
import { nextRun, periodOf, type Schedule } from './schedule.js';
import { wakeForNext } from './wake.js';
import type { Selectable } from 'kysely';

type SubscriptionRow = Selectable<SubscriptionsTable>;

export const scheduleOf = (
  s: Pick<SubscriptionRow, 'frequency' | 'hour' | 'weekday' | 'day_of_month' | 'time_zone'>,
): Schedule => ({
  frequency: s.frequency,
  hour: s.hour,
  weekday: s.weekday,
  dayOfMonth: s.day_of_month,
  timeZone: s.time_zone,
});

/**
 * The tick: queues one run per subscription due by now (for the period of its slot) and moves its
 * `next_run_at` on, in one transaction per subscription (a second tick finds nothing due); then
 * queues the next tick for the earliest subscription to come.
 */
export async function runSubscriptionsDue(_payload: unknown, ctx: JobContext, now = new Date()): Promise<JobOutcome> {
  const due = await ctx.db
    .selectFrom('analytics.subscriptions')
    .select('id')
    .where('active', '=', true)
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .limit(500)
    .execute();
  let queued = 0;
  for (const { id } of due) {
    await inTransaction(ctx.db, async (trx) => {
      const sub = await trx
        .selectFrom('analytics.subscriptions')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!sub?.active || !sub.next_run_at || sub.next_run_at > now) return;
      const schedule = scheduleOf(sub);
      await enqueueJob(trx, {
        type: analyticsSubscriptionRunJob,
        payload: { subscriptionId: id, period: periodOf(schedule, sub.next_run_at) },
        createdBy: null,
      });
      await trx
        .updateTable('analytics.subscriptions')
        .set({ next_run_at: nextRun(schedule, now) })
        .where('id', '=', id)
        .execute();
      queued++;
    });
  }
  const next = await inTransaction(ctx.db, (trx) => wakeForNext(trx));
  return { result: { queued, next: next?.toISOString() ?? null } };
}

/** A recipient as they are now, or null: inactive, without `analytics:read`, or no longer seeing the target. */
async function recipientNow(db: Db, userId: string): Promise<Actor | null> {
  const actor = await actorOf(db, userId);
  if (!actor || !actor.email || !hasPermission(actor, 'analytics:read')) return null;
  return actor;
}

/** An alert's number for one recipient: the measure in the one row, or its total (the first currency's). */
export function alertValue(result: QueryResultT, measure: string): string | null {
  const source = result.rows.length === 1 ? result.rows[0] : result.totals[0];
  const value = source?.[measure];
  return value === null || value === undefined ? null : String(value);
}

const isPast = (value: string, condition: 'above' | 'below', threshold: string) => {
  const cmp = new Money(value).cmp(threshold);
  return condition === 'above' ? cmp > 0 : cmp < 0;
};

interface Delivery {
  userId: string;
  email: string;
  name: string;
  /** Reports: the file written for them. */
  file?: { key: string; name: string; contentType: string };
  asOf?: string;
  title?: string;
  /** Alerts: their number now, and whether it is past the threshold. */
  value?: string | null;
  past?: boolean | null;
}

/**
 * One subscription's run for one period. Each recipient is read as they are now and the question
 * or dashboard runs as them (their own rows); who lost access — inactive, no `analytics:read`, the
 * target no longer shared with them, the question's dataset no longer theirs — gets nothing. The
 * queries and files happen first; then one transaction locks the subscription, and unless this
 * period was sent already, queues the mails and records the period (a second run sends nothing).
 * An alert mails a recipient only when their number goes past the threshold from not past.
 */
export async function runSubscription(payload: AnalyticsSubscriptionRunPayload, ctx: JobContext): Promise<JobOutcome> {
  const sub = await ctx.db
    .selectFrom('analytics.subscriptions')
    .selectAll()
    .where('id', '=', payload.subscriptionId)
    .executeTakeFirst();
  if (!sub || !sub.active) return { result: { skipped: 'inactive' } };
  if (sub.last_period === payload.period) return { result: { skipped: 'already sent', period: payload.period } };
  const recipients = await ctx.db
    .selectFrom('analytics.subscription_recipients')
    .selectAll()
    .where('subscription_id', '=', sub.id)
    .orderBy('user_id')
    .execute();
  const names = await userDisplayNames(
    ctx.db,
    recipients.map((r) => r.user_id),
  );
  const filters: FilterT[] = Filter.array().parse(sub.filters);
  const target = { kind: sub.target_type, id: sub.target_id };
  const deliveries: Delivery[] = [];
  let skipped = 0;
  for (const r of recipients) {
    const actor = await recipientNow(ctx.db, r.user_id);
    if (!actor) {
      skipped++;
      continue;
    }
    const base = { userId: r.user_id, email: actor.email, name: names.get(r.user_id) || actor.email };
    try {
      if (sub.kind === 'report') {
        const { meta, sheets } = await exportSheets(ctx.db, actor, target, filters);
        const file = await renderExport(sub.format ?? 'pdf', meta, sheets);
        const key = objectKey('results', randomUUID());
        await (await jobFileStore()).write(key, Readable.from([file.body]), { contentType: file.contentType });
        deliveries.push({
          ...base,
          file: { key, name: file.name, contentType: file.contentType },
          asOf: meta.asOf,
          title: meta.title,
        });
      } else {
        const question = await visibleQuestion(ctx.db, actor, sub.target_id);
        const value = alertValue(await runQuestion(ctx.db, actor, question, filters), sub.measure!);
        deliveries.push({
          ...base,
          title: question.name,
          value,
          past: value === null ? null : isPast(value, sub.condition!, sub.threshold!),
        });
      }
    } catch (error) {
      // 404 (the target is no longer theirs), 403 (its dataset is not): nothing for this recipient.
      const status = (error as { status?: number }).status;
      if (status === undefined || status >= 500) throw error;
      skipped++;
    }
  }
  await ctx.progress(80, 'queueing the mails');
  const sent = await inTransaction(ctx.db, async (trx) => {
    const locked = await trx
      .selectFrom('analytics.subscriptions')
      .select(['last_period', 'active'])
      .where('id', '=', sub.id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked?.active || locked.last_period === payload.period) return null;
    const before = new Map(recipients.map((r) => [r.user_id, r.past]));
    let mails = 0;
    for (const d of deliveries) {
      if (sub.kind === 'report') {
        await sendMail(trx, {
          template: analyticsReport,
          data: {
            recipientName: d.name,
            subscription: sub.name,
            title: d.title!,
            period: payload.period,
            asOf: d.asOf!.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
            format: sub.format ?? 'pdf',
          },
          to: [{ address: d.email, name: d.name }],
          attachments: [{ fileKey: d.file!.key, fileName: d.file!.name, contentType: d.file!.contentType }],
          createdBy: sub.owner_id,
        });
        mails++;
        await trx
          .updateTable('analytics.subscription_recipients')
          .set({ last_sent_at: new Date() })
          .where('subscription_id', '=', sub.id)
          .where('user_id', '=', d.userId)
          .execute();
        continue;
      }
      const crossed = d.past === true && before.get(d.userId) !== true;
      if (crossed) {
        await sendMail(trx, {
          template: analyticsAlert,
          data: {
            recipientName: d.name,
            alert: sub.name,
            question: d.title!,
            measure: sub.measure!,
            value: d.value ?? '',
            condition: sub.condition!,
            threshold: sub.threshold!,
          },
          to: [{ address: d.email, name: d.name }],
          createdBy: sub.owner_id,
        });
        mails++;
      }
      await trx
        .updateTable('analytics.subscription_recipients')
        .set({ past: d.past ?? null, last_value: d.value ?? null, ...(crossed ? { last_sent_at: new Date() } : {}) })
        .where('subscription_id', '=', sub.id)
        .where('user_id', '=', d.userId)
        .execute();
    }
    await trx
      .updateTable('analytics.subscriptions')
      .set({ last_period: payload.period, last_run_at: new Date() })
      .where('id', '=', sub.id)
      .execute();
    return mails;
  });
  if (sent === null) return { result: { skipped: 'already sent', period: payload.period } };
  return { result: { period: payload.period, mails: sent, skipped } };
}
