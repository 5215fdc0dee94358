import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors, type AppError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { toAppError } from '../../../platform/http/problem.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { analyticsErrors } from '../analytics.errors.js';
import type { DashboardsTable } from '../analytics.tables.js';
import type { FilterT } from '../query/query.schemas.js';
import { callerOf } from '../query/query.service.js';
import type { RunOptions } from '../query/run.js';
import { mayEdit, replaceShares, sharesOf, visibleTo } from './access.js';
import type {
  CreateDashboardBody,
  DashboardListQuery,
  DashboardResults,
  UpdateDashboardBody,
} from './library.schemas.js';
import { checkShares, runQuestion } from './questions.service.js';
import { containsPattern } from '../../../platform/db/like.js';

type DashboardRow = Selectable<DashboardsTable>;
type CardInput = z.output<typeof CreateDashboardBody>['cards'][number];

async function cardsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, never[]>();
  const rows = await db
    .selectFrom('analytics.dashboard_cards')
    .selectAll()
    .where('dashboard_id', 'in', ids)
    .orderBy('dashboard_id')
    .orderBy('position')
    .execute();
  const out = new Map<string, typeof rows>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(r.dashboard_id)!.push(r);
  return out;
}

async function toDtos(db: Db, actor: Actor, rows: DashboardRow[]) {
  const ids = rows.map((r) => r.id);
  const [shares, cards] = await Promise.all([sharesOf(db, 'dashboard', ids), cardsOf(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    filters: r.filters,
    ownerId: r.owner_id,
    shares: shares.get(r.id) ?? [],
    canEdit: mayEdit(actor, r.owner_id),
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    cards: (cards.get(r.id) ?? []).map((c) => ({
      id: c.id,
      questionId: c.question_id,
      title: c.title,
      x: c.x,
      y: c.y,
      w: c.w,
      h: c.h,
    })),
  }));
}

export async function visibleDashboard(db: Db, actor: Actor, id: string, forUpdate = false): Promise<DashboardRow> {
  let q = db
    .selectFrom('analytics.dashboards as d')
    .selectAll('d')
    .where('d.id', '=', id)
    .where(visibleTo(actor, 'dashboard', 'd'));
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Dashboard', id);
  return row;
}

/** A dashboard's cards show questions its author may see (422 naming the card otherwise). */
async function checkCards(db: Db, actor: Actor, cards: readonly CardInput[]): Promise<void> {
  const ids = [...new Set(cards.map((c) => c.questionId))];
  if (ids.length === 0) return;
  const visible = new Set(
    (
      await db
        .selectFrom('analytics.questions as q')
        .select('q.id')
        .where('q.id', 'in', ids)
        .where(visibleTo(actor, 'question', 'q'))
        .execute()
    ).map((r) => r.id),
  );
  const bad = cards.findIndex((c) => !visible.has(c.questionId));
  if (bad >= 0) throw analyticsErrors.questionNotVisible(`cards.${bad}.questionId`, cards[bad]!.questionId);
}

async function replaceCards(trx: Db, dashboardId: string, cards: readonly CardInput[]): Promise<void> {
  await trx.deleteFrom('analytics.dashboard_cards').where('dashboard_id', '=', dashboardId).execute();
  if (cards.length === 0) return;
  await trx
    .insertInto('analytics.dashboard_cards')
    .values(
      cards.map((c, position) => ({
        dashboard_id: dashboardId,
        question_id: c.questionId,
        position,
        title: c.title,
        x: c.x,
        y: c.y,
        w: c.w,
        h: c.h,
      })),
    )
    .execute();
}

export async function listDashboards(db: Db, ctx: RequestContext, filter: z.output<typeof DashboardListQuery>) {
  const actor = callerOf(ctx);
  let q = db
    .selectFrom('analytics.dashboards as d')
    .selectAll('d')
    .where(visibleTo(actor, 'dashboard', 'd'));
  if (filter.q) q = q.where('d.name', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, {
    sort: { name: 'd.name', updatedAt: 'd.updated_at' },
    id: 'd.id',
    idKey: 'id',
  });
  return { items: await toDtos(db, actor, page.items), nextCursor: page.nextCursor };
}

export async function getDashboard(db: Db, ctx: RequestContext, id: string) {
  const actor = callerOf(ctx);
  return (await toDtos(db, actor, [await visibleDashboard(db, actor, id)]))[0]!;
}

const audited = (d: { name: string; filters: unknown }, cards: readonly unknown[], shares: unknown) => ({
  name: d.name,
  filters: d.filters,
  cards,
  shares,
});

export async function createDashboard(db: Db, ctx: RequestContext, input: z.output<typeof CreateDashboardBody>) {
  const actor = callerOf(ctx);
  await checkCards(db, actor, input.cards);
  await checkShares(db, input.shares);
  const row = await inTransaction(db, async (trx) => {
    const created = await trx
      .insertInto('analytics.dashboards')
      .values({
        name: input.name,
        description: input.description,
        filters: JSON.stringify(input.filters),
        owner_id: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await replaceCards(trx, created.id, input.cards);
    await replaceShares(trx, 'dashboard', created.id, input.shares);
    await writeAudit(trx, ctx, {
      action: 'analytics.dashboard-created',
      entityType: 'analytics.dashboard',
      entityId: created.id,
      after: audited(input, input.cards, input.shares),
    });
    return created;
  });
  return (await toDtos(db, actor, [row]))[0]!;
}

export async function updateDashboard(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof UpdateDashboardBody>,
) {
  const actor = callerOf(ctx);
  if (input.cards) await checkCards(db, actor, input.cards);
  if (input.shares) await checkShares(db, input.shares);
  const row = await inTransaction(db, async (trx) => {
    const before = await visibleDashboard(trx, actor, id, true);
    if (!mayEdit(actor, before.owner_id)) throw analyticsErrors.notOwner('dashboard');
    assertVersion('Dashboard', before, input.version);
    const [old] = await toDtos(trx, actor, [before]);
    const after = await trx
      .updateTable('analytics.dashboards')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.filters !== undefined ? { filters: JSON.stringify(input.filters) } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.cards) await replaceCards(trx, id, input.cards);
    if (input.shares) await replaceShares(trx, 'dashboard', id, input.shares);
    await writeAudit(trx, ctx, {
      action: 'analytics.dashboard-updated',
      entityType: 'analytics.dashboard',
      entityId: id,
      before: audited(old!, old!.cards, old!.shares),
      after: audited(after, input.cards ?? old!.cards, input.shares ?? old!.shares),
    });
    return after;
  });
  return (await toDtos(db, actor, [row]))[0]!;
}

export async function deleteDashboard(db: Db, ctx: RequestContext, id: string, version: number): Promise<void> {
  const actor = callerOf(ctx);
  await inTransaction(db, async (trx) => {
    const before = await visibleDashboard(trx, actor, id, true);
    if (!mayEdit(actor, before.owner_id)) throw analyticsErrors.notOwner('dashboard');
    assertVersion('Dashboard', before, version);
    const [old] = await toDtos(trx, actor, [before]);
    await trx
      .deleteFrom('analytics.shares')
      .where('object_type', '=', 'dashboard')
      .where('object_id', '=', id)
      .execute();
    await trx.deleteFrom('analytics.dashboards').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'analytics.dashboard-deleted',
      entityType: 'analytics.dashboard',
      entityId: id,
      before: audited(old!, old!.cards, old!.shares),
    });
  });
}

export type DashboardResultsT = z.input<typeof DashboardResults>;

/**
 * Every card of a dashboard the caller may see, run as the caller (their visibility in each
 * dataset), with the dashboard's filters and `extra` applied to each card whose dataset has the
 * field. A card the caller cannot run (no permission for its dataset any more) carries its problem
 * instead of a result; the other cards still answer.
 */
export async function runDashboard(
  db: Db,
  caller: Actor,
  dashboardId: string,
  extra: readonly FilterT[] = [],
  options: RunOptions = {},
): Promise<DashboardResultsT> {
  const dashboard = await visibleDashboard(db, caller, dashboardId);
  const cards = (await cardsOf(db, [dashboardId])).get(dashboardId) ?? [];
  const questions = new Map(
    cards.length === 0
      ? []
      : (
          await db
            .selectFrom('analytics.questions')
            .selectAll()
            .where(
              'id',
              'in',
              cards.map((c) => c.question_id),
            )
            .execute()
        ).map((q) => [q.id, q]),
  );
  const filters = [...(dashboard.filters as FilterT[]), ...extra];
  const out: DashboardResultsT['cards'] = [];
  for (const card of cards) {
    const question = questions.get(card.question_id)!;
    const base = {
      cardId: card.id,
      questionId: question.id,
      title: card.title ?? question.name,
      visualization: question.visualization,
    };
    try {
      out.push({ ...base, result: await runQuestion(db, caller, question, filters, options), problem: null });
    } catch (error) {
      const problem: AppError = toAppError(error);
      if (problem.status >= 500) throw error;
      out.push({
        ...base,
        result: null,
        problem: { status: problem.status, title: problem.message, detail: problem.detail },
      });
    }
  }
  return { dashboardId, cards: out };
}
