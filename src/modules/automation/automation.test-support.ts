import { createContainerizedApp } from '../../app/containerized-app.js';
import { workRegistry } from '../../app/jobs.js';
import { drainJobs } from '../../platform/jobs/local-worker.js';
import type { ApiResponse, TestApp } from '../../../test/harness/test-app.js';

/** Shared set-up for the Automation integration tests: the containerizedApi app beside the test app. */
export const A = '/api/v1/automation';

export interface AutomationTestApp {
  t: TestApp;
  /** A request to the containerizedApi function (Automation's routes). */
  call: <T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ) => Promise<ApiResponse<T>>;
  /** Runs every due job (event deliveries, run slices) until none is left. */
  drain: () => Promise<{ jobId: string; outcome: string }[]>;
}

export function automationApp(t: TestApp): AutomationTestApp {
  const app = createContainerizedApp(t.runtime);
  const call: AutomationTestApp['call'] = async (method, path, token, body) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(`${A}${path}`, {
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

export interface ExecutionBody {
  id: string;
  flowId: string;
  version: number;
  status: string;
  error: string | null;
  resumeAt: string | null;
  variables: Record<string, unknown>;
  retryOf: string | null;
  steps: {
    seq: number;
    stepId: string;
    status: string;
    input: unknown;
    output: unknown;
    error: string | null;
    attempts: number;
  }[];
}

/** Creates a flow and publishes its draft; returns its id. */
export async function publishedFlow(
  a: AutomationTestApp,
  token: string,
  body: { name?: string; runAsUserId?: string; definition: unknown },
): Promise<{ id: string; version: number }> {
  const flow = expectStatus(
    await a.call<{ id: string; version: number }>('POST', '/flows', token, { name: 'A flow', ...body }),
    201,
  );
  const published = expectStatus(
    await a.call<{ id: string; version: number }>('POST', `/flows/${flow.id}/publish`, token, {
      version: flow.version,
    }),
    200,
  );
  return { id: flow.id, version: published.version };
}
