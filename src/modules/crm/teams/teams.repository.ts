import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { TeamsTable } from '../crm.tables.js';

export type TeamRow = Selectable<TeamsTable>;
export interface MemberRow {
  team_id: string;
  user_id: string;
  is_manager: boolean;
}

export function listTeams(db: Db) {
  return db.selectFrom('crm.teams').selectAll().orderBy('name').execute();
}

export function findTeam(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('crm.teams').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findTeamByName(db: Db, name: string) {
  return db.selectFrom('crm.teams').select('id').where('name', '=', name).executeTakeFirst();
}

export async function membersOf(db: Db, teamIds: string[]): Promise<MemberRow[]> {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('crm.team_members')
    .select(['team_id', 'user_id', 'is_manager'])
    .where('team_id', 'in', teamIds)
    .orderBy('user_id')
    .execute();
}

export function insertTeam(db: Db, name: string) {
  return db.insertInto('crm.teams').values({ name }).returningAll().executeTakeFirstOrThrow();
}

export function updateTeam(db: Db, id: string, patch: { name?: string }) {
  return db
    .updateTable('crm.teams')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setMembers(db: Db, teamId: string, members: { userId: string; isManager: boolean }[]) {
  await db.deleteFrom('crm.team_members').where('team_id', '=', teamId).execute();
  if (members.length === 0) return;
  await db
    .insertInto('crm.team_members')
    .values(members.map((m) => ({ team_id: teamId, user_id: m.userId, is_manager: m.isManager })))
    .execute();
}

export function deleteTeam(db: Db, id: string) {
  return db.deleteFrom('crm.teams').where('id', '=', id).execute();
}
