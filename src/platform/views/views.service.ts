import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { isoTimestamp } from '../dates.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { errors } from '../errors/app-error.js';
import type { RequestContext } from '../http/app-env.js';
import { MAX_VIEWS_PER_LIST, type CreateViewInput } from './views.schemas.js';

function userOf(ctx: RequestContext): string {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor.userId;
}

const COLUMNS = ['id', 'list', 'name', 'query', 'created_at'] as const;
const toView = (r: {
  id: string;
  list: string;
  name: string;
  query: Record<string, string>;
  created_at: Date | string;
}) => ({
  id: r.id,
  list: r.list,
  name: r.name,
  query: r.query,
  createdAt: isoTimestamp(r.created_at),
});

/** Your saved views of one list, by name. */
export async function listViews(db: Db, ctx: RequestContext, list: string) {
  const rows = await db
    .selectFrom('platform.saved_views')
    .select(COLUMNS)
    .where('user_id', '=', userOf(ctx))
    .where('list', '=', list)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
  return { items: rows.map(toView) };
}

/** Saves a view; 409 when you already have one of that name (ignoring case) for the list. */
export async function createView(db: Db, ctx: RequestContext, input: CreateViewInput) {
  const userId = userOf(ctx);
  return inTransaction(db, async (trx) => {
    const { n } = await trx
      .selectFrom('platform.saved_views')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', userId)
      .where('list', '=', input.list)
      .executeTakeFirstOrThrow();
    if (n >= MAX_VIEWS_PER_LIST)
      throw errors.conflict(`You have ${MAX_VIEWS_PER_LIST} saved views of this list: delete one first.`);
    const row = await trx
      .insertInto('platform.saved_views')
      .values({
        id: randomUUID(),
        user_id: userId,
        list: input.list,
        name: input.name,
        query: JSON.stringify(input.query),
      })
      .onConflict((oc) => oc.doNothing())
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row)
      throw errors.conflict(`You already have a view named "${input.name}" of this list.`, { name: input.name });
    return toView(row);
  });
}

/** Deletes one of your views; anyone else's is a 404, as if it did not exist. */
export async function deleteView(db: Db, ctx: RequestContext, id: string): Promise<void> {
  const result = await db
    .deleteFrom('platform.saved_views')
    .where('id', '=', id)
    .where('user_id', '=', userOf(ctx))
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw errors.notFound('Saved view', id);
}
