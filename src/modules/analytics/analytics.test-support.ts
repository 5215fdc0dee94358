import type { ApiResponse, RequestOptions, TestApp } from '../../../test/harness/test-app.js';
import { createContainerizedApp } from '../../app/containerized-app.js';

export const ANALYTICS = '/api/v1/analytics';

/**
 * Requests to the containerizedApi function's app (where analytics lives) on the test app's
 * database and runtime; other modules' routes go through `t.request` (standardApi) as usual.
 */
export function analyticsClient(t: TestApp) {
  const app = createContainerizedApp(t.runtime);
  return async <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(`${ANALYTICS}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
}

export interface SalesPeople {
  admin: { id: string; token: string };
  repA: { id: string; token: string };
  repB: { id: string; token: string };
  /** Manages the team of rep A (sees rep A's records and their own). */
  manager: { id: string; token: string };
}

/** An admin, two reps and the manager of rep A's team (CRM's visibility comes from crm.team_members). */
export async function salesPeople(t: TestApp): Promise<SalesPeople> {
  const admin = await t.userWithRoles(['admin']);
  const repA = await t.userWithRoles(['sales-rep', 'employee']);
  const repB = await t.userWithRoles(['sales-rep', 'employee']);
  const manager = await t.userWithRoles(['sales-manager', 'employee']);
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
