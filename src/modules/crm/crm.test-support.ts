import type { TestApp } from '../../../test/harness/test-app.js';

/** Shared set-up for the CRM integration tests: an admin, two reps and a manager of rep A's team. */
export interface CrmPeople {
  admin: { id: string; token: string };
  repA: { id: string; token: string };
  repB: { id: string; token: string };
  manager: { id: string; token: string };
}

export async function crmPeople(t: TestApp): Promise<CrmPeople> {
  const admin = await t.userWithRoles(['admin']);
  const repA = await t.userWithRoles(['employee']);
  const repB = await t.userWithRoles(['employee']);
  const manager = await t.userWithRoles(['employee']);
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
  return { admin, repA, repB, manager };
}

export const CRM = '/api/v1/crm';
