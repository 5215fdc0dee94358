import { createContainerizedApp } from '../../app/containerized-app.js';
import { workRegistry } from '../../app/jobs.js';
import { drainJobs } from '../../platform/jobs/local-worker.js';
import type { ApiResponse, TestApp } from '../../../test/harness/test-app.js';

/** Shared set-up for the Compliance integration tests: the containerizedApi app beside the test app. */
export const C = '/api/v1/compliance';

export interface ComplianceTestApp {
  t: TestApp;
  /** A request to the containerizedApi function (Compliance's routes). */
  call: <T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ) => Promise<ApiResponse<T>>;
  /** Runs every due job (collections) until none is left. */
  drain: () => Promise<{ jobId: string; outcome: string }[]>;
}

export function complianceApp(t: TestApp): ComplianceTestApp {
  const app = createContainerizedApp(t.runtime);
  const call: ComplianceTestApp['call'] = async (method, path, token, body) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(`${C}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as never };
  };
  return { t, call, drain: () => drainJobs(t.db, workRegistry) };
}

/** Throws unless the response has the status (with the body in the message). */
export function expectStatus<T>(res: ApiResponse<T>, status: number): T {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface ControlBody {
  id: string;
  version: number;
  status: string;
  requirementIds: string[];
  collectors: string[];
  evidenceCount: number;
  health: { status: 'green' | 'amber' | 'red'; reasons: { code: string; level: string; collector?: string }[] };
}

export interface RequirementBody {
  id: string;
  refId: string;
  parentId: string | null;
  depth: number;
  assessable: boolean;
  controlIds: string[];
  mappedControlIds: string[];
}

/** Every requirement of a framework (following the pages), keyed by refId. */
export async function requirementsOf(a: ComplianceTestApp, token: string, frameworkId: string) {
  const all = new Map<string, RequirementBody>();
  let cursor: string | null = null;
  do {
    const page: { items: RequirementBody[]; nextCursor: string | null } = expectStatus(
      await a.call<{ items: RequirementBody[]; nextCursor: string | null }>(
        'GET',
        `/frameworks/${frameworkId}/requirements?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token,
      ),
      200,
    );
    for (const r of page.items) all.set(r.refId, r);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
