import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

const columns = ['id', 'task_id', 'text', 'done', 'position', 'version'] as const;

export type ChecklistItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

/** The checklist items of these tasks, in order. */
export async function itemsOf(db: Db, taskIds: readonly string[]) {
  const map = new Map<string, ChecklistItemRow[]>();
  if (taskIds.length === 0) return map;
  const rows = await db
    .selectFrom('projects.checklist_items')
    .select(columns)
    .where('task_id', 'in', [...new Set(taskIds)])
    .orderBy('task_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  for (const r of rows) map.set(r.task_id, [...(map.get(r.task_id) ?? []), r]);
  return map;
}

/** Done and total item counts per task (the board cards' "2/5"). */
export async function countsOf(db: Db, taskIds: readonly string[]) {
  const map = new Map<string, { done: number; total: number }>();
  if (taskIds.length === 0) return map;
  const rows = await db
    .selectFrom('projects.checklist_items')
    .select([
      'task_id',
      sql<number>`count(*) filter (where done)::int`.as('done'),
      sql<number>`count(*)::int`.as('total'),
    ])
    .where('task_id', 'in', [...new Set(taskIds)])
    .groupBy('task_id')
    .execute();
  for (const r of rows) map.set(r.task_id, { done: r.done, total: r.total });
  return map;
}

export function findItem(db: Db, taskId: string, itemId: string) {
  return db
    .selectFrom('projects.checklist_items')
    .select(columns)
    .where('task_id', '=', taskId)
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
}

export async function countItems(db: Db, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('projects.checklist_items')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('task_id', '=', taskId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Replaces a task's whole checklist (task create/update with a `checklist` array). */
export async function replaceItems(db: Db, taskId: string, items: readonly { text: string; done: boolean }[]) {
  await db.deleteFrom('projects.checklist_items').where('task_id', '=', taskId).execute();
  if (items.length > 0)
    await db
      .insertInto('projects.checklist_items')
      .values(items.map((i, position) => ({ task_id: taskId, text: i.text, done: i.done, position })))
      .execute();
}

/** Inserts an item at a position, moving the later ones down by one. */
export async function insertItem(db: Db, taskId: string, text: string, position: number) {
  await db
    .updateTable('projects.checklist_items')
    .set({ position: sql`position + 1` })
    .where('task_id', '=', taskId)
    .where('position', '>=', position)
    .execute();
  return db
    .insertInto('projects.checklist_items')
    .values({ task_id: taskId, text, position })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export function updateItem(db: Db, itemId: string, patch: { text?: string; done?: boolean }) {
  return db
    .updateTable('projects.checklist_items')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', itemId)
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function deleteItem(db: Db, taskId: string, itemId: string, position: number) {
  await db.deleteFrom('projects.checklist_items').where('id', '=', itemId).execute();
  await db
    .updateTable('projects.checklist_items')
    .set({ position: sql`position - 1` })
    .where('task_id', '=', taskId)
    .where('position', '>', position)
    .execute();
}

/** Sets positions 0..n-1 in the order of these ids (all of the task's items). */
export async function setOrder(db: Db, taskId: string, itemIds: readonly string[]) {
  if (itemIds.length === 0) return;
  await sql`update projects.checklist_items c set position = o.n - 1
    from unnest(${[...itemIds]}::uuid[]) with ordinality as o(id, n)
    where c.id = o.id and c.task_id = ${taskId}`.execute(db);
}
