import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { crmErrors } from '../crm.errors.js';
import { displayNames } from '../crm.names.js';
import { assertActiveUsers } from '../visibility.js';
import * as repo from './teams.repository.js';
import type { TeamDto, TeamInput, UpdateTeamInput } from './teams.schemas.js';

const ENTITY = 'crm.team';

/** Members joining a team must be active users (those already in it may stay while inactive). */
async function assertNewMembersActive(db: Db, members: TeamInput['members'], already: repo.MemberRow[] = []) {
  const present = new Set(already.map((m) => m.user_id));
  await assertActiveUsers(
    db,
    members.flatMap((m, i) => (present.has(m.userId) ? [] : [{ userId: m.userId, path: `members.${i}.userId` }])),
  );
}

/** Teams with their members' display names (one `displayNames` call for all of them). */
async function toTeamDtos(db: Db, rows: repo.TeamRow[], members: repo.MemberRow[]): Promise<TeamDto[]> {
  const names = await displayNames(
    db,
    members.map((m) => m.user_id),
  );
  return rows.map((row) => toTeamDto(row, members, names));
}

function toTeamDto(row: repo.TeamRow, members: repo.MemberRow[], names: Map<string, string>): TeamDto {
  return {
    id: row.id,
    name: row.name,
    members: members
      .filter((m) => m.team_id === row.id)
      .map((m) => ({ userId: m.user_id, name: names.get(m.user_id) ?? null, isManager: m.is_manager })),
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export async function listTeams(db: Db) {
  const rows = await repo.listTeams(db);
  const members = await repo.membersOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: await toTeamDtos(db, rows, members) };
}

export async function getTeam(db: Db, id: string) {
  const row = await repo.findTeam(db, id);
  if (!row) throw errors.notFound('Team', id);
  return (await toTeamDtos(db, [row], await repo.membersOf(db, [id])))[0]!;
}

export async function createTeam(db: Db, ctx: RequestContext, input: TeamInput) {
  return inTransaction(db, async (trx) => {
    if (await repo.findTeamByName(trx, input.name)) throw crmErrors.teamExists(input.name);
    await assertNewMembersActive(trx, input.members);
    const row = await repo.insertTeam(trx, input.name);
    await repo.setMembers(trx, row.id, input.members);
    const members = await repo.membersOf(trx, [row.id]);
    await writeAudit(trx, ctx, {
      action: 'team.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...row, members },
    });
    return (await toTeamDtos(trx, [row], members))[0]!;
  });
}

export async function updateTeam(db: Db, ctx: RequestContext, id: string, input: UpdateTeamInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findTeam(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Team', id);
    assertVersion('Team', before, input.version);
    if (input.name && input.name !== before.name && (await repo.findTeamByName(trx, input.name)))
      throw crmErrors.teamExists(input.name);
    const membersBefore = await repo.membersOf(trx, [id]);
    if (input.members) await assertNewMembersActive(trx, input.members, membersBefore);
    const after = await repo.updateTeam(trx, id, input.name ? { name: input.name } : {});
    if (input.members) await repo.setMembers(trx, id, input.members);
    const members = await repo.membersOf(trx, [id]);
    await writeAudit(trx, ctx, {
      action: 'team.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before, members: membersBefore },
      after: { ...after, members },
    });
    return (await toTeamDtos(trx, [after], members))[0]!;
  });
}

export async function deleteTeam(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.findTeam(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Team', id);
    assertVersion('Team', before, version);
    const members = await repo.membersOf(trx, [id]);
    await repo.deleteTeam(trx, id);
    await writeAudit(trx, ctx, {
      action: 'team.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { ...before, members },
    });
  });
}
