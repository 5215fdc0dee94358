import { addDays, today } from '../../platform/dates.js';
import type { ApiResponse, TestApp } from '../../../test/harness/test-app.js';

/** Shared set-up for the Strategy integration tests. */
export const S = '/api/v1/strategy';

export interface Person {
  id: string;
  token: string;
}

/** Throws unless the response has the status (with the body in the message). */
export function expectStatus<T>(res: ApiResponse<T>, status: number): T {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface KeyResultBody {
  id: string;
  objectiveId: string;
  kind: string;
  startValue: string | null;
  targetValue: string | null;
  value: string | null;
  valueVisible: boolean;
  progress: string;
  completedAt: string | null;
  version: number;
  metric: { key: string; currency: string | null } | null;
}
export interface ObjectiveBody {
  id: string;
  parentId: string | null;
  progress: string;
  health: string | null;
  status: string;
  version: number;
  childIds: string[];
  keyResults: KeyResultBody[];
}
export interface SnapshotBody {
  id: string;
  value: string | null;
  progress: string;
  source: string;
  periodFrom: string;
  periodTo: string;
}

/** An open cycle around today (30 days back, 60 ahead), so what is posted today counts. */
export async function createCycle(t: TestApp, token: string, body: Record<string, unknown> = {}) {
  return expectStatus(
    await t.request<{ id: string; startDate: string; endDate: string; status: string }>('POST', `${S}/cycles`, {
      token,
      body: {
        name: 'Test cycle',
        kind: 'custom',
        startDate: addDays(today(), -30),
        endDate: addDays(today(), 60),
        ...body,
      },
    }),
    201,
  );
}

export async function createObjective(t: TestApp, token: string, body: Record<string, unknown>) {
  return expectStatus(
    await t.request<ObjectiveBody>('POST', `${S}/objectives`, { token, body: { title: 'An objective', ...body } }),
    201,
  );
}

export async function addKeyResult(t: TestApp, token: string, objectiveId: string, body: Record<string, unknown>) {
  return expectStatus(
    await t.request<KeyResultBody>('POST', `${S}/objectives/${objectiveId}/key-results`, {
      token,
      body: { title: 'A key result', ...body },
    }),
    201,
  );
}

export async function objective(t: TestApp, token: string, id: string) {
  return expectStatus(await t.request<ObjectiveBody>('GET', `${S}/objectives/${id}`, { token }), 200);
}

export async function evaluate(t: TestApp, token: string, keyResultId: string) {
  return expectStatus(
    await t.request<SnapshotBody>('POST', `${S}/key-results/${keyResultId}/evaluate`, { token }),
    201,
  );
}

/** A customer invoice of `net` (no tax) dated today, issued: income in the books. */
export async function issueInvoice(t: TestApp, token: string, partyId: string, net: string) {
  const F = '/api/v1/finance';
  const draft = expectStatus(
    await t.request<{ id: string }>('POST', `${F}/invoices`, {
      token,
      body: { partyId, date: today(), lines: [{ description: 'Consulting', quantity: '1', unitPrice: net }] },
    }),
    201,
  );
  return expectStatus(await t.request<{ total: string }>('POST', `${F}/invoices/${draft.id}/issue`, { token }), 200);
}
