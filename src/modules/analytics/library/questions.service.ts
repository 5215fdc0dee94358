import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { activeUserIds } from '../../auth/index.js';
import { analyticsErrors } from '../analytics.errors.js';
import type { QuestionsTable } from '../analytics.tables.js';
import { planQuery } from '../query/plan.js';
import { AnalyticsQuery, type AnalyticsQueryT, type FilterT, type QueryResultT } from '../query/query.schemas.js';
import { callerOf } from '../query/query.service.js';
import { datasetFor } from '../query/registry.js';
import { runPlan, type RunOptions } from '../query/run.js';
import { mayEdit, replaceShares, sharesOf, visibleTo } from './access.js';
import type { CreateQuestionBody, QuestionListQuery, ShareT, UpdateQuestionBody } from './library.schemas.js';
import { containsPattern } from '../../../platform/db/like.js';

type QuestionRow = Selectable<QuestionsTable>;

/** The question's query must fit a dataset the author may query (422/403 as `POST /query` would say). */
async function checkQuery(caller: Actor, query: AnalyticsQueryT): Promise<void> {
  planQuery(await datasetFor(caller, query.dataset, 'query.dataset'), query, 'query.');
}

/** Shares name active users (422 otherwise); roles are names (a role made later still counts). */
export async function checkShares(db: Db, shares: readonly ShareT[]): Promise<void> {
  const users = shares.flatMap((s, i) => (s.type === 'user' ? [{ id: s.userId, i }] : []));
  if (users.length === 0) return;
  const active = await activeUserIds(
    db,
    users.map((u) => u.id),
  );
  const bad = users.filter((u) => !active.has(u.id));
  if (bad.length > 0)
    throw errors.validation(
      bad.map((u) => ({ path: `shares.${u.i}.userId`, message: 'Not an active user.', code: 'invalid_reference' })),
    );
}

async function toDtos(db: Db, actor: Actor, rows: QuestionRow[]) {
  const shares = await sharesOf(
    db,
    'question',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    visualization: r.visualization,
    query: r.query,
    ownerId: r.owner_id,
    shares: shares.get(r.id) ?? [],
    canEdit: mayEdit(actor, r.owner_id),
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** The question if the actor may see it (404 otherwise: a hidden question does not exist for them). */
export async function visibleQuestion(db: Db, actor: Actor, id: string, forUpdate = false): Promise<QuestionRow> {
  let q = db
    .selectFrom('analytics.questions as q')
    .selectAll('q')
    .where('q.id', '=', id)
    .where(visibleTo(actor, 'question', 'q'));
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Question', id);
  return row;
}

export async function listQuestions(db: Db, ctx: RequestContext, filter: z.output<typeof QuestionListQuery>) {
  const actor = callerOf(ctx);
  let q = db
    .selectFrom('analytics.questions as q')
    .selectAll('q')
    .where(visibleTo(actor, 'question', 'q'));
  if (filter.q) q = q.where('q.name', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, {
    sort: { name: 'q.name', updatedAt: 'q.updated_at' },
    id: 'q.id',
    idKey: 'id',
  });
  return { items: await toDtos(db, actor, page.items), nextCursor: page.nextCursor };
}

export async function getQuestion(db: Db, ctx: RequestContext, id: string) {
  const actor = callerOf(ctx);
  return (await toDtos(db, actor, [await visibleQuestion(db, actor, id)]))[0]!;
}

export async function createQuestion(db: Db, ctx: RequestContext, input: z.output<typeof CreateQuestionBody>) {
  const actor = callerOf(ctx);
  await checkQuery(actor, input.query);
  await checkShares(db, input.shares);
  const row = await inTransaction(db, async (trx) => {
    const created = await trx
      .insertInto('analytics.questions')
      .values({
        name: input.name,
        description: input.description,
        visualization: input.visualization,
        query: JSON.stringify(input.query),
        owner_id: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await replaceShares(trx, 'question', created.id, input.shares);
    await writeAudit(trx, ctx, {
      action: 'analytics.question-created',
      entityType: 'analytics.question',
      entityId: created.id,
      after: { name: created.name, visualization: created.visualization, query: input.query, shares: input.shares },
    });
    return created;
  });
  return (await toDtos(db, actor, [row]))[0]!;
}

export async function updateQuestion(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof UpdateQuestionBody>,
) {
  const actor = callerOf(ctx);
  if (input.query) await checkQuery(actor, input.query);
  if (input.shares) await checkShares(db, input.shares);
  const row = await inTransaction(db, async (trx) => {
    const before = await visibleQuestion(trx, actor, id, true);
    if (!mayEdit(actor, before.owner_id)) throw analyticsErrors.notOwner('question');
    assertVersion('Question', before, input.version);
    const after = await trx
      .updateTable('analytics.questions')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.visualization !== undefined ? { visualization: input.visualization } : {}),
        ...(input.query !== undefined ? { query: JSON.stringify(input.query) } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const sharesBefore = (await sharesOf(trx, 'question', [id])).get(id);
    if (input.shares) await replaceShares(trx, 'question', id, input.shares);
    await writeAudit(trx, ctx, {
      action: 'analytics.question-updated',
      entityType: 'analytics.question',
      entityId: id,
      before: { name: before.name, visualization: before.visualization, query: before.query, shares: sharesBefore },
      after: {
        name: after.name,
        visualization: after.visualization,
        query: after.query,
        shares: input.shares ?? sharesBefore,
      },
    });
    return after;
  });
  return (await toDtos(db, actor, [row]))[0]!;
}

/** Deletes a question (409 while a dashboard shows it: remove the card first). */
export async function deleteQuestion(db: Db, ctx: RequestContext, id: string, version: number): Promise<void> {
  const actor = callerOf(ctx);
  await inTransaction(db, async (trx) => {
    const before = await visibleQuestion(trx, actor, id, true);
    if (!mayEdit(actor, before.owner_id)) throw analyticsErrors.notOwner('question');
    assertVersion('Question', before, version);
    const used = await trx
      .selectFrom('analytics.dashboard_cards')
      .select('dashboard_id')
      .where('question_id', '=', id)
      .executeTakeFirst();
    if (used)
      throw errors.conflict('A dashboard shows this question: remove its card first.', {
        dashboardId: used.dashboard_id,
      });
    await trx
      .deleteFrom('analytics.shares')
      .where('object_type', '=', 'question')
      .where('object_id', '=', id)
      .execute();
    await trx.deleteFrom('analytics.questions').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'analytics.question-deleted',
      entityType: 'analytics.question',
      entityId: id,
      before: { name: before.name, visualization: before.visualization, query: before.query },
    });
  });
}

/**
 * Runs a saved question as `caller` with extra filters (a dashboard's; those on fields its dataset
 * lacks are skipped). The stored query is parsed and checked again: a dataset may have changed.
 */
export async function runQuestion(
  db: Db,
  caller: Actor,
  question: Pick<QuestionRow, 'query'>,
  extra: readonly FilterT[] = [],
  options: RunOptions = {},
): Promise<QueryResultT> {
  const query = AnalyticsQuery.parse(question.query);
  const dataset = await datasetFor(caller, query.dataset, 'query.dataset');
  const fields = new Set(dataset.fields.map((f) => f.name));
  const filters = [...query.filters, ...extra.filter((f) => fields.has(f.field))];
  return runPlan(db, caller, planQuery(dataset, { ...query, filters }, 'query.'), options);
}
