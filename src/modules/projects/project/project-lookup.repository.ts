import type { Db } from '../../../platform/db/database.js';

export interface ProjectRef {
  id: string;
  code: string;
  archived: boolean;
}

/**
 * For other modules (Finance's document lines): the projects among `ids` that exist, with their code
 * and whether they are archived. Ids that name no project are absent from the map.
 */
export async function projectsExist(db: Db, ids: readonly string[]): Promise<Map<string, ProjectRef>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('projects.projects')
    .select(['id', 'code', 'archived_at'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, archived: r.archived_at !== null }]));
}
