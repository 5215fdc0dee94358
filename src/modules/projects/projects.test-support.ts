import type { ApiResponse, TestApp } from '../../../test/harness/test-app.js';

/** Shared set-up for the Projects integration tests. */
export const P = '/api/v1/projects';

export interface Person {
  id: string;
  token: string;
}

export interface ProjectPeople {
  admin: Person;
  pm: Person;
  member: Person;
  other: Person;
}

export async function projectPeople(t: TestApp): Promise<ProjectPeople> {
  const [admin, pm, member, other] = await Promise.all([
    t.userWithRoles(['admin']),
    t.userWithRoles(['project-manager']),
    t.userWithRoles(['team-member']),
    t.userWithRoles(['employee']),
  ]);
  return { admin, pm, member, other };
}

/** Throws unless the response has the status (with the body in the message). */
export function expectStatus<T>(res: ApiResponse<T>, status: number): T {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

let codes = 0;
export const nextCode = (prefix = 'T') => `${prefix}${Date.now().toString(36).toUpperCase().slice(-5)}${++codes}`;

export interface ProjectBody {
  id: string;
  code: string;
  version: number;
  status: string;
}

export async function createProject(t: TestApp, token: string, body: Record<string, unknown> = {}) {
  return expectStatus(
    await t.request<ProjectBody>('POST', `${P}/projects`, {
      token,
      body: { code: nextCode(), name: 'Test project', ...body },
    }),
    201,
  );
}

export interface TaskBody {
  id: string;
  key: string;
  version: number;
  statusId: string;
  statusCategory: string;
  startDate: string | null;
  dueDate: string | null;
  progress: { percent: number | null; done: number; total: number; doneHours: string; totalHours: string } | null;
}

export async function createTask(t: TestApp, token: string, projectId: string, body: Record<string, unknown> = {}) {
  return expectStatus(
    await t.request<TaskBody>('POST', `${P}/tasks`, { token, body: { projectId, title: 'A task', ...body } }),
    201,
  );
}

export async function workflow(t: TestApp, token: string, projectId: string) {
  const res = await t.request<{ items: { id: string; name: string; category: string }[] }>(
    'GET',
    `${P}/projects/${projectId}/statuses`,
    { token },
  );
  const items = expectStatus(res, 200).items;
  const by = (category: string) => items.find((s) => s.category === category)!.id;
  return { items, todo: by('todo'), doing: by('in_progress'), done: by('done') };
}

export async function setStatus(t: TestApp, token: string, task: { id: string }, statusId: string) {
  const current = expectStatus(await t.request<TaskBody>('GET', `${P}/tasks/${task.id}`, { token }), 200);
  return t.request<TaskBody & { blockerIds?: string[]; type?: string }>('PATCH', `${P}/tasks/${task.id}`, {
    token,
    body: { version: current.version, statusId },
  });
}
