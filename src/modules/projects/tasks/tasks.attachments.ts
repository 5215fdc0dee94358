import type { Db } from '../../../platform/db/database.js';
import type { RecordVisibility } from '../../../platform/files/attachable.js';
import { scopeOf } from '../access.js';
import { findTask } from './tasks.repository.js';

/** Attachments on tasks (declared in projects.module.ts): there for the caller when they see its project. */
export const taskVisible: RecordVisibility = async (db, ctx, id) =>
  (await findTask(db, scopeOf(ctx), id)) !== undefined;

/** `npm run demo`: the first tasks, to attach sample files to. */
export async function tasksForDemo(db: Db, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('projects.tasks').select('id').orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}
