import { sql } from 'kysely';
import { isoTimestamp, isoTimestampOrNull } from '../dates.js';
import type { Db } from '../db/database.js';
import { errors } from '../errors/app-error.js';
import type { RequestContext } from '../http/app-env.js';
import { paginate, type PageRequest } from '../http/pagination.js';

function userOf(ctx: RequestContext): string {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor.userId;
}

const toView = (r: {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: isoTimestamp(r.created_at),
  readAt: isoTimestampOrNull(r.read_at),
});

/** Your notifications, newest first (only unread ones with `unread`). */
export async function listNotifications(db: Db, ctx: RequestContext, query: PageRequest & { unread?: boolean }) {
  let q = db
    .selectFrom('platform.notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .select('created_at as createdAt')
    .where('user_id', '=', userOf(ctx));
  if (query.unread) q = q.where('read_at', 'is', null);
  const page = await paginate(q, query, { sort: { createdAt: 'created_at' }, id: 'id', idKey: 'id' });
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}

/** How many of yours are unread (the bell's badge). */
export async function unreadCount(db: Db, ctx: RequestContext): Promise<{ unread: number }> {
  const row = await db
    .selectFrom('platform.notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userOf(ctx))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { unread: row.n };
}

/** Marks one of yours read (again is fine); someone else's is a 404, as if it did not exist. */
export async function markRead(db: Db, ctx: RequestContext, id: string) {
  const userId = userOf(ctx);
  const row = await db
    .updateTable('platform.notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, date_trunc('milliseconds', now()))` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .executeTakeFirst();
  if (!row) throw errors.notFound('Notification', id);
  return toView(row);
}

/** Marks all of yours read; says how many were unread. */
export async function markAllRead(db: Db, ctx: RequestContext): Promise<{ marked: number }> {
  const result = await db
    .updateTable('platform.notifications')
    .set({ read_at: sql<Date>`date_trunc('milliseconds', now())` })
    .where('user_id', '=', userOf(ctx))
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return { marked: Number(result.numUpdatedRows) };
}
