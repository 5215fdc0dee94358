import type { TestApp } from '../../../test/harness/test-app.js';
import { userDisplayNames } from '../auth/index.js';

/** Shared set-up for the CRM integration tests: an admin, two reps and a manager of rep A's team. */
interface Person {
  id: string;
  token: string;
  /** The display name (what `ownerName` answers). */
  name: string;
}
export interface CrmPeople {
  admin: Person;
  repA: Person;
  repB: Person;
  manager: Person;
}

export async function crmPeople(t: TestApp): Promise<CrmPeople> {
  const admin = await t.userWithRoles(['admin']);
  const repA = await t.userWithRoles(['sales-rep', 'employee']);
  const repB = await t.userWithRoles(['sales-rep', 'employee']);
  const manager = await t.userWithRoles(['sales-rep', 'employee']);
  const team = await t.request('POST', '/api/v1/crm/teams', {
    token: admin.token,
    body: {
      name: `Team ${repA.id.slice(0, 8)}`,
      members: [
        { userId: repA.id, isManager: false },
        { userId: manager.id, isManager: true },
      ],
    },
  });
  if (team.status !== 201) throw new Error(`team: ${team.status} ${JSON.stringify(team.body)}`);
  const names = await userDisplayNames(t.db, [admin.id, repA.id, repB.id, manager.id]);
  const named = (u: { id: string; token: string }) => ({ id: u.id, token: u.token, name: names.get(u.id)! });
  return { admin: named(admin), repA: named(repA), repB: named(repB), manager: named(manager) };
}

export const CRM = '/api/v1/crm';
