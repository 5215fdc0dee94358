import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { onPostgres } from '../../../../test/harness/test-db.js';
import {
  P,
  createProject,
  createTask,
  expectStatus,
  projectPeople,
  setStatus,
  workflow,
  type ProjectPeople,
  type TaskBody,
} from '../projects.test-support.js';

let t: TestApp;
let u: ProjectPeople;
beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  u = await projectPeople(t);
});
afterAll(() => t.close());

const link = (predecessorId: string, successorId: string, kind = 'finish_to_start', token = u.pm.token) =>
  t.request<{ id: string; type?: string }>('POST', `${P}/dependencies`, {
    token,
    body: { predecessorId, successorId, kind },
  });

describe('dependencies guard transitions', () => {
  it('finish-to-start blocks starting and start-to-start blocks until the predecessor starts: 409 naming the blockers', async () => {
    const p = await createProject(t, u.pm.token, { members: [{ userId: u.member.id }] });
    const wf = await workflow(t, u.pm.token, p.id);
    const design = await createTask(t, u.pm.token, p.id, { title: 'Design' });
    const spec = await createTask(t, u.pm.token, p.id, { title: 'Spec' });
    const build = await createTask(t, u.pm.token, p.id, { title: 'Build' });
    const docs = await createTask(t, u.pm.token, p.id, { title: 'Docs' });
    expectStatus(await link(design.id, build.id), 201);
    expectStatus(await link(spec.id, build.id), 201);
    expectStatus(await link(build.id, docs.id, 'start_to_start'), 201);

    const blocked = await setStatus(t, u.member.token, build, wf.doing);
    expect(blocked.status).toBe(409);
    expect(blocked.body.type).toMatch(/task-blocked$/);
    expect([...blocked.body.blockerIds!].sort()).toEqual([design.id, spec.id].sort());
    // The board's drag is guarded the same way.
    const drag = await t.request<{ blockerIds: string[] }>('POST', `${P}/tasks/${build.id}/move`, {
      token: u.member.token,
      body: { version: build.version, statusId: wf.done },
    });
    expect(drag.status).toBe(409);
    expect(drag.body.blockerIds).toHaveLength(2);
    expect((await setStatus(t, u.member.token, docs, wf.doing)).body.blockerIds).toEqual([build.id]);

    expectStatus(await setStatus(t, u.member.token, design, wf.done), 200);
    expect((await setStatus(t, u.member.token, build, wf.doing)).body.blockerIds).toEqual([spec.id]);
    expectStatus(await setStatus(t, u.member.token, spec, wf.done), 200);
    expectStatus(await setStatus(t, u.member.token, build, wf.doing), 200);
    // Start-to-start: docs may start once build has started.
    expectStatus(await setStatus(t, u.member.token, docs, wf.doing), 200);
    // Moving back to "to do" is never guarded.
    expectStatus(await setStatus(t, u.member.token, design, wf.todo), 200);
  });

  it('links across projects, refuses a cycle and a duplicate, and a member of neither project cannot link', async () => {
    const a = await createProject(t, u.pm.token);
    const b = await createProject(t, u.pm.token);
    const x = await createTask(t, u.pm.token, a.id, { title: 'X' });
    const y = await createTask(t, u.pm.token, b.id, { title: 'Y' });
    const z = await createTask(t, u.pm.token, b.id, { title: 'Z' });
    expectStatus(await link(x.id, y.id), 201);
    expectStatus(await link(y.id, z.id), 201);
    const cycle = await link(z.id, x.id);
    expect(cycle.status).toBe(409);
    expect(cycle.body.type).toMatch(/dependency-cycle$/);
    expect((await link(y.id, x.id)).status).toBe(409);
    expect((await link(x.id, y.id)).body.type).toMatch(/dependency-exists$/);
    expect((await link(x.id, z.id, 'finish_to_start', u.other.token)).status).toBe(422);
    const deps = expectStatus(
      await t.request<{ predecessors: { predecessorKey: string }[]; successors: unknown[] }>(
        'GET',
        `${P}/tasks/${y.id}/dependencies`,
        { token: u.pm.token },
      ),
      200,
    );
    expect(deps.predecessors.map((d) => d.predecessorKey)).toEqual([x.key]);
    expect(deps.successors).toHaveLength(1);
  });

  it.runIf(onPostgres)(
    'two links that would close a cycle, created at the same time: exactly one is refused',
    async () => {
      const p = await createProject(t, u.pm.token);
      for (let round = 0; round < 5; round++) {
        const m = await createTask(t, u.pm.token, p.id, { title: `M${round}` });
        const n = await createTask(t, u.pm.token, p.id, { title: `N${round}` });
        const results = await Promise.all([link(m.id, n.id), link(n.id, m.id)]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
        const { rows } = await t.db
          .selectFrom('projects.dependencies')
          .select('id')
          .where((eb) => eb.or([eb('predecessor_id', 'in', [m.id, n.id]), eb('successor_id', 'in', [m.id, n.id])]))
          .execute()
          .then((rows) => ({ rows }));
        expect(rows).toHaveLength(1);
      }
    },
  );

  it('"shift dependents" moves the downstream tasks that now start too early, keeping durations, and reports them', async () => {
    const p = await createProject(t, u.pm.token);
    const a = await createTask(t, u.pm.token, p.id, { title: 'A', startDate: '2027-03-01', dueDate: '2027-03-05' });
    const b = await createTask(t, u.pm.token, p.id, { title: 'B', startDate: '2027-03-08', dueDate: '2027-03-10' });
    const c = await createTask(t, u.pm.token, p.id, { title: 'C', startDate: '2027-03-11', dueDate: '2027-03-12' });
    const d = await createTask(t, u.pm.token, p.id, { title: 'D', startDate: '2027-04-01', dueDate: '2027-04-02' });
    expectStatus(await link(a.id, b.id), 201);
    expectStatus(await link(b.id, c.id), 201);
    expectStatus(await link(a.id, d.id, 'start_to_start'), 201);
    // A slips by 5 days (ends 2027-03-10).
    const current = expectStatus(await t.request<TaskBody>('GET', `${P}/tasks/${a.id}`, { token: u.pm.token }), 200);
    expectStatus(
      await t.request('PATCH', `${P}/tasks/${a.id}`, {
        token: u.pm.token,
        body: { version: current.version, startDate: '2027-03-06', dueDate: '2027-03-10' },
      }),
      200,
    );
    const shift = expectStatus(
      await t.request<{ moved: { key: string; days: number; toStart: string; toDue: string }[] }>(
        'POST',
        `${P}/tasks/${a.id}/shift-dependents`,
        { token: u.pm.token },
      ),
      200,
    );
    expect(shift.moved.map((m) => [m.key, m.days, m.toStart, m.toDue])).toEqual([
      [b.key, 3, '2027-03-11', '2027-03-13'],
      [c.key, 3, '2027-03-14', '2027-03-15'],
    ]);
    const again = expectStatus(
      await t.request<{ moved: unknown[] }>('POST', `${P}/tasks/${a.id}/shift-dependents`, { token: u.pm.token }),
      200,
    );
    expect(again.moved).toEqual([]);
    const dAfter = expectStatus(await t.request<TaskBody>('GET', `${P}/tasks/${d.id}`, { token: u.pm.token }), 200);
    expect(dAfter.startDate).toBe('2027-04-01');
  });
});

describe('tasks', () => {
  it('progress rolls up estimate-weighted over leaf work, against a hand-computed tree', async () => {
    const p = await createProject(t, u.pm.token);
    const wf = await workflow(t, u.pm.token, p.id);
    // phase (no estimate of its own counts: it has children)
    //   ├─ a 10h done
    //   ├─ b 30h to do
    //   └─ sub (parent)
    //        ├─ c 20h done
    //        ├─ d no estimate, done   (no weight; counts)
    //        └─ e 40h in progress
    // f 0 children, 5h to do (outside the phase, in the project)
    const phase = await createTask(t, u.pm.token, p.id, { type: 'phase', title: 'Phase', estimateHours: '999' });
    await createTask(t, u.pm.token, p.id, { parentId: phase.id, estimateHours: '10', statusId: wf.done });
    await createTask(t, u.pm.token, p.id, { parentId: phase.id, estimateHours: '30' });
    const sub = await createTask(t, u.pm.token, p.id, { parentId: phase.id, title: 'Sub', estimateHours: '7' });
    await createTask(t, u.pm.token, p.id, { parentId: sub.id, estimateHours: '20', statusId: wf.done });
    await createTask(t, u.pm.token, p.id, { parentId: sub.id, statusId: wf.done });
    await createTask(t, u.pm.token, p.id, { parentId: sub.id, estimateHours: '40', statusId: wf.doing });
    await createTask(t, u.pm.token, p.id, { estimateHours: '5' });
    const get = async (id: string) =>
      expectStatus(await t.request<TaskBody>('GET', `${P}/tasks/${id}`, { token: u.pm.token }), 200).progress;
    // sub: done 20 of 60 h → 33.3 %; 2 of 3 leaves done.
    expect(await get(sub.id)).toEqual({ percent: 33.3, done: 2, total: 3, doneHours: '20.00', totalHours: '60.00' });
    // phase: done 10 + 20 of 10 + 30 + 20 + 40 = 100 h → 30 %; 3 of 5 leaves.
    expect(await get(phase.id)).toEqual({ percent: 30, done: 3, total: 5, doneHours: '30.00', totalHours: '100.00' });
    // project: 30 of 105 h → 28.6 %; 3 of 6 leaves.
    const project = expectStatus(
      await t.request<{ progress: unknown }>('GET', `${P}/projects/${p.id}/progress`, { token: u.pm.token }),
      200,
    );
    expect(project.progress).toEqual({ percent: 28.6, done: 3, total: 6, doneHours: '30.00', totalHours: '105.00' });
    // Without any estimate, by count.
    const q = await createProject(t, u.pm.token);
    const wq = await workflow(t, u.pm.token, q.id);
    const root = await createTask(t, u.pm.token, q.id, { title: 'Root' });
    for (const statusId of [wq.done, wq.todo, wq.todo, wq.todo])
      await createTask(t, u.pm.token, q.id, { parentId: root.id, statusId });
    expect((await get(root.id))!.percent).toBe(25);
    // A task cannot go under its own subtask.
    const rootNow = expectStatus(
      await t.request<TaskBody>('GET', `${P}/tasks/${phase.id}`, { token: u.pm.token }),
      200,
    );
    const loop = await t.request('PATCH', `${P}/tasks/${phase.id}`, {
      token: u.pm.token,
      body: { version: rootNow.version, parentId: sub.id },
    });
    expect(loop.status).toBe(422);
  });

  it('board order: a move places the card after another; completion emits events (milestone on time)', async () => {
    const p = await createProject(t, u.pm.token, { members: [{ userId: u.member.id }] });
    const wf = await workflow(t, u.pm.token, p.id);
    const one = await createTask(t, u.pm.token, p.id, { title: 'One' });
    const two = await createTask(t, u.pm.token, p.id, { title: 'Two' });
    const three = await createTask(t, u.pm.token, p.id, { title: 'Three' });
    expectStatus(
      await t.request('POST', `${P}/tasks/${three.id}/move`, {
        token: u.member.token,
        body: { version: three.version, statusId: wf.todo, afterTaskId: one.id },
      }),
      200,
    );
    const board = expectStatus(
      await t.request<{ columns: { statusId: string; count: number; cards: { title: string }[] }[] }>(
        'GET',
        `${P}/projects/${p.id}/board`,
        { token: u.member.token },
      ),
      200,
    );
    const todo = board.columns.find((c) => c.statusId === wf.todo)!;
    expect(todo.cards.map((c) => c.title)).toEqual(['One', 'Three', 'Two']);
    expect(todo.count).toBe(3);
    void two;
    const ms = await createTask(t, u.pm.token, p.id, { type: 'milestone', title: 'Launch', dueDate: '2999-01-01' });
    expect(ms.startDate).toBe('2999-01-01');
    expectStatus(await setStatus(t, u.member.token, ms, wf.done), 200);
    const events = await t.db
      .selectFrom('platform.outbox')
      .select(['event_type', 'payload'])
      .where('event_type', 'in', ['projects.task.completed', 'projects.milestone.reached'])
      .execute();
    const forMs = events.filter((e) => (e.payload as { taskId: string }).taskId === ms.id);
    expect(forMs.map((e) => e.event_type).sort()).toEqual(['projects.milestone.reached', 'projects.task.completed']);
    expect(forMs.find((e) => e.event_type === 'projects.milestone.reached')!.payload).toMatchObject({ onTime: true });
  });

  it('comments mention members only; the activity shows field changes from the audit log; outsiders get 404', async () => {
    const p = await createProject(t, u.pm.token, { members: [{ userId: u.member.id }] });
    const task = await createTask(t, u.pm.token, p.id, { title: 'Talk', assigneeIds: [u.member.id] });
    const ok = await t.request<{ mentions: string[] }>('POST', `${P}/tasks/${task.id}/comments`, {
      token: u.pm.token,
      body: { body: `Please look @[Member](${u.member.id})` },
    });
    expect(expectStatus(ok, 201).mentions).toEqual([u.member.id]);
    const stranger = await t.request('POST', `${P}/tasks/${task.id}/comments`, {
      token: u.pm.token,
      body: { body: `@[Other](${u.other.id}) hi` },
    });
    expect(stranger.status).toBe(422);
    const notMember = await t.request('POST', `${P}/tasks`, {
      token: u.pm.token,
      body: { projectId: p.id, title: 'x', assigneeIds: [u.other.id] },
    });
    expect(notMember.status).toBe(422);
    expectStatus(
      await t.request('PATCH', `${P}/tasks/${task.id}`, {
        token: u.member.token,
        body: { version: task.version, title: 'Talk more', priority: 'high' },
      }),
      200,
    );
    const activity = expectStatus(
      await t.request<{ items: { action: string; changes: Record<string, { from: unknown; to: unknown }> }[] }>(
        'GET',
        `${P}/tasks/${task.id}/activity`,
        { token: u.member.token },
      ),
      200,
    );
    expect(activity.items[0]!.changes.title).toEqual({ from: 'Talk', to: 'Talk more' });
    expect(activity.items.map((a) => a.action)).toEqual(['task.updated', 'task.commented', 'task.created']);
    expect((await t.request('GET', `${P}/tasks/${task.id}`, { token: u.other.token })).status).toBe(404);
    // Attachments (the files platform) follow the task's visibility.
    const attachments = (token: string) =>
      t.request<{ items: unknown[] }>('GET', `/api/v1/files/attachments?recordType=projects.task&recordId=${task.id}`, {
        token,
      });
    expect(expectStatus(await attachments(u.member.token), 200).items).toEqual([]);
    expect((await attachments(u.other.token)).status).toBe(404);
    const mine = expectStatus(
      await t.request<{ items: { id: string }[] }>('GET', `${P}/my-tasks?sort=dueDate`, { token: u.member.token }),
      200,
    );
    expect(mine.items.map((x) => x.id)).toContain(task.id);
  });
});
