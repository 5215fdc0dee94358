import type { z } from '@hono/zod-openapi';
import { sql, type Selectable } from 'kysely';
import { hasPermission, type Actor } from '../../../platform/auth/actor.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { activeUserIds } from '../../auth/index.js';
import { analyticsErrors } from '../analytics.errors.js';
import type { SubscriptionsTable } from '../analytics.tables.js';
import { isAdmin, mayEdit } from '../library/access.js';
import { visibleDashboard } from '../library/dashboards.service.js';
import { visibleQuestion } from '../library/questions.service.js';
import { AnalyticsQuery } from '../query/query.schemas.js';
import { callerOf } from '../query/query.service.js';
import { nextRun, type Schedule } from './schedule.js';
import type { CreateSubscriptionT, SubscriptionListQuery, UpdateSubscriptionT } from './subscriptions.schemas.js';
import { scheduleOf } from './subscriptions.job.js';
import { wakeAt } from './wake.js';

type Row = Selectable<SubscriptionsTable>;

async function recipientsOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('analytics.subscription_recipients')
    .select(['subscription_id', 'user_id'])
    .where('subscription_id', 'in', ids)
    .orderBy('user_id')
    .execute();
  for (const r of rows) out.get(r.subscription_id)!.push(r.user_id);
  return out;
}

async function toDtos(db: Db, actor: Actor, rows: Row[]) {
  const recipients = await recipientsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    questionId: r.target_type === 'question' ? r.target_id : null,
    dashboardId: r.target_type === 'dashboard' ? r.target_id : null,
    format: r.format,
    schedule: {
      frequency: r.frequency,
      hour: r.hour,
      weekday: r.weekday,
      dayOfMonth: r.day_of_month,
      timeZone: r.time_zone,
    },
    alert: r.kind === 'alert' ? { measure: r.measure!, condition: r.condition!, threshold: String(r.threshold) } : null,
    filters: r.filters,
    recipients: recipients.get(r.id) ?? [],
    active: r.active,
    nextRunAt: r.next_run_at ? new Date(r.next_run_at).toISOString() : null,
    lastPeriod: r.last_period,
    lastRunAt: r.last_run_at ? new Date(r.last_run_at).toISOString() : null,
    ownerId: r.owner_id,
    canEdit: mayEdit(actor, r.owner_id),
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** Yours, and those you receive (all for analytics:admin). */
function visible(actor: Actor) {
  if (isAdmin(actor)) return sql<boolean>`true`;
  return sql<boolean>`(s.owner_id = ${actor.userId} or exists (select 1 from analytics.subscription_recipients r
    where r.subscription_id = s.id and r.user_id = ${actor.userId}))`;
}

async function visibleSubscription(db: Db, actor: Actor, id: string, forUpdate = false): Promise<Row> {
  let q = db.selectFrom('analytics.subscriptions as s').selectAll('s').where('s.id', '=', id).where(visible(actor));
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Subscription', id);
  return row;
}

/** Recipients: active users; anyone but yourself needs analytics:write (422 / 403). */
async function checkRecipients(db: Db, actor: Actor, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.some((id) => id !== actor.userId) && !hasPermission(actor, 'analytics:write'))
    throw errors.forbidden('analytics:write');
  const active = await activeUserIds(db, unique);
  const bad = ids.flatMap((id, i) => (active.has(id) ? [] : [i]));
  if (bad.length > 0)
    throw errors.validation(
      bad.map((i) => ({ path: `recipients.${i}`, message: 'Not an active user.', code: 'invalid_reference' })),
    );
  return unique;
}

/** The target is one the author sees (422 otherwise); an alert's measure is one of its question's. */
async function checkTarget(
  db: Db,
  actor: Actor,
  target: { type: 'question' | 'dashboard'; id: string },
  measure: string | undefined,
): Promise<void> {
  try {
    if (target.type === 'dashboard') await visibleDashboard(db, actor, target.id);
    else {
      const question = await visibleQuestion(db, actor, target.id);
      if (measure !== undefined) {
        const query = AnalyticsQuery.safeParse(question.query);
        if (!query.success || !query.data.measures.includes(measure))
          throw errors.validation([
            { path: 'alert.measure', message: 'Not a measure of the question.', code: 'invalid_value' },
          ]);
      }
    }
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    if (target.type === 'question') throw analyticsErrors.questionNotVisible('questionId', target.id);
    throw errors.invalidReference('dashboardId', 'Dashboard', target.id);
  }
}

function scheduleValues(s: Schedule) {
  return {
    frequency: s.frequency,
    hour: s.hour,
    weekday: s.frequency === 'weekly' ? (s.weekday ?? 1) : null,
    day_of_month: s.frequency === 'monthly' ? (s.dayOfMonth ?? 1) : null,
    time_zone: s.timeZone,
  };
}

/** Sets the next run (from now) and queues the tick for it. */
async function schedule(trx: Tx, row: Row, now = new Date()): Promise<Row> {
  const next = row.active ? nextRun(scheduleOf(row), now) : null;
  const updated = await trx
    .updateTable('analytics.subscriptions')
    .set({ next_run_at: next })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (next) await wakeAt(trx, next);
  return updated;
}

async function replaceRecipients(trx: Tx, id: string, users: readonly string[]) {
  const keep = [...users];
  await trx
    .deleteFrom('analytics.subscription_recipients')
    .where('subscription_id', '=', id)
    .where('user_id', 'not in', keep)
    .execute();
  await trx
    .insertInto('analytics.subscription_recipients')
    .values(keep.map((user_id) => ({ subscription_id: id, user_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function listSubscriptions(db: Db, ctx: RequestContext, filter: z.output<typeof SubscriptionListQuery>) {
  const actor = callerOf(ctx);
  const q = db.selectFrom('analytics.subscriptions as s').selectAll('s').where(visible(actor));
  const page = await paginate(q, filter, {
    sort: { name: 's.name', updatedAt: 's.updated_at' },
    id: 's.id',
    idKey: 'id',
  });
  return { items: await toDtos(db, actor, page.items), nextCursor: page.nextCursor };
}

export async function getSubscription(db: Db, ctx: RequestContext, id: string) {
  const actor = callerOf(ctx);
  return (await toDtos(db, actor, [await visibleSubscription(db, actor, id)]))[0]!;
}

export async function createSubscription(db: Db, ctx: RequestContext, input: CreateSubscriptionT) {
  const actor = callerOf(ctx);
  const target = input.questionId
    ? { type: 'question' as const, id: input.questionId }
    : { type: 'dashboard' as const, id: input.dashboardId! };
  await checkTarget(db, actor, target, input.alert?.measure);
  const recipients = await checkRecipients(db, actor, input.recipients ?? [actor.userId]);
  const row = await inTransaction(db, async (trx) => {
    const created = await trx
      .insertInto('analytics.subscriptions')
      .values({
        kind: input.kind,
        name: input.name,
        owner_id: actor.userId,
        target_type: target.type,
        target_id: target.id,
        format: input.kind === 'report' ? (input.format ?? 'pdf') : null,
        filters: JSON.stringify(input.filters),
        ...scheduleValues(input.schedule),
        measure: input.alert?.measure ?? null,
        condition: input.alert?.condition ?? null,
        threshold: input.alert?.threshold ?? null,
        active: input.active,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await replaceRecipients(trx, created.id, recipients);
    await writeAudit(trx, ctx, {
      action: 'analytics.subscription-created',
      entityType: 'analytics.subscription',
      entityId: created.id,
      after: { name: created.name, kind: created.kind, target, schedule: input.schedule, recipients },
    });
    return schedule(trx, created);
  });
  return (await toDtos(db, actor, [row]))[0]!;
}

export async function updateSubscription(db: Db, ctx: RequestContext, id: string, input: UpdateSubscriptionT) {
  const actor = callerOf(ctx);
  const current = await visibleSubscription(db, actor, id);
  if (!mayEdit(actor, current.owner_id)) throw analyticsErrors.notOwner('subscription');
  if (input.alert && current.kind !== 'alert')
    throw errors.validation([{ path: 'alert', message: 'Only for alerts.', code: 'invalid_value' }]);
  if (input.format && current.kind !== 'report')
    throw errors.validation([{ path: 'format', message: 'An alert mails no file.', code: 'invalid_value' }]);
  if (input.schedule?.frequency === 'hourly' && current.kind === 'report')
    throw errors.validation([
      { path: 'schedule.frequency', message: 'A report goes at most daily.', code: 'invalid_value' },
    ]);
  if (input.alert) await checkTarget(db, actor, { type: 'question', id: current.target_id }, input.alert.measure);
  const recipients = input.recipients ? await checkRecipients(db, actor, input.recipients) : undefined;
  const row = await inTransaction(db, async (trx) => {
    const before = await visibleSubscription(trx, actor, id, true);
    assertVersion('Subscription', before, input.version);
    const after = await trx
      .updateTable('analytics.subscriptions')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.format !== undefined ? { format: input.format } : {}),
        ...(input.schedule ? scheduleValues(input.schedule) : {}),
        ...(input.alert
          ? { measure: input.alert.measure, condition: input.alert.condition, threshold: input.alert.threshold }
          : {}),
        ...(input.filters !== undefined ? { filters: JSON.stringify(input.filters) } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (recipients) await replaceRecipients(trx, id, recipients);
    await writeAudit(trx, ctx, {
      action: 'analytics.subscription-updated',
      entityType: 'analytics.subscription',
      entityId: id,
      before: { name: before.name, active: before.active, schedule: scheduleOf(before) },
      after: { name: after.name, active: after.active, schedule: scheduleOf(after), recipients },
    });
    return schedule(trx, after);
  });
  return (await toDtos(db, actor, [row]))[0]!;
}

export async function deleteSubscription(db: Db, ctx: RequestContext, id: string, version: number): Promise<void> {
  const actor = callerOf(ctx);
  await inTransaction(db, async (trx) => {
    const before = await visibleSubscription(trx, actor, id, true);
    if (!mayEdit(actor, before.owner_id)) throw analyticsErrors.notOwner('subscription');
    assertVersion('Subscription', before, version);
    await trx.deleteFrom('analytics.subscriptions').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'analytics.subscription-deleted',
      entityType: 'analytics.subscription',
      entityId: id,
      before: { name: before.name, kind: before.kind, target: { type: before.target_type, id: before.target_id } },
    });
  });
}
