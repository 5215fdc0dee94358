import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { workRegistry } from '../../app/jobs.js';
import { emit } from '../../platform/events/emit.js';
import { relay } from '../../platform/events/relay.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { insertJob } from '../../platform/jobs/enqueue.js';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { taskCompleted } from '../projects/index.js';
import {
  automationApp,
  expectStatus,
  publishedFlow,
  type AutomationTestApp,
  type ExecutionBody,
} from './automation.test-support.js';
import { useClock } from './engine/clock.js';
import { automationHousekeeping } from './engine/retention.js';
import { automationTickRun } from './engine/triggers.js';

/** Loops, sub-flows, waits for an event, approval timers, email steps, concurrency, retention, redaction, the tick's safety net. */
let t: TestApp;
let a: AutomationTestApp;
let builder: { id: string; token: string; email: string };
let approver: { id: string; token: string; email: string };
let deputy: { id: string; token: string; email: string };
let organizationId: string;

beforeAll(async () => {
  t = await createTestApp();
  a = automationApp(t);
  builder = await t.userWithRoles(['manager']);
  approver = await t.userWithRoles(['employee']);
  deputy = await t.userWithRoles(['employee']);
  const org = expectStatus(
    await t.request<{ id: string }>('POST', '/api/v1/crm/organizations', {
      token: builder.token,
      body: { name: 'Acme Engine' },
    }),
    201,
  );
  organizationId = org.id;
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  useClock(undefined);
});

const activityStep = (id: string, subject: string) => ({
  kind: 'action',
  id,
  action: 'crm.create-activity',
  input: `{"type": "note", "subject": ${subject}, "organizationId": "${'$ORG'}"}`,
});
const withOrg = (definition: unknown) => JSON.parse(JSON.stringify(definition).replaceAll('$ORG', organizationId));

async function activities(prefix: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('crm.activities')
    .select('subject')
    .where('subject', 'like', `${prefix}%`)
    .orderBy('subject')
    .execute();
  return rows.map((r) => r.subject);
}
const execution = async (id: string, token = builder.token) =>
  expectStatus(
    await a.call<ExecutionBody & { parentExecutionId: string | null }>('GET', `/executions/${id}`, token),
    200,
  );
const run = async (flowId: string, values: Record<string, unknown> = {}) =>
  expectStatus(await a.call<{ executionId: string }>('POST', `/flows/${flowId}/run`, builder.token, { values }), 202)
    .executionId;
const later = (from: Date, ms: number) => () => new Date(from.getTime() + ms);
const HOUR = 3_600_000;

async function mailsTo(address: string) {
  const rows = await t.db
    .selectFrom('platform.jobs')
    .select('payload')
    .where('type', '=', 'platform.mail.send')
    .execute();
  return rows
    .map((r) => r.payload as { template: string; to: string[]; data: Record<string, unknown> })
    .filter((p) => p.to.includes(address));
}

describe('automation engine: loops and sub-flows', () => {
  it('a loop runs its body once per item with item and index, collects the outputs, and refuses too many items', async () => {
    const flow = await publishedFlow(a, builder.token, {
      definition: withOrg({
        trigger: { kind: 'manual' },
        steps: [
          { kind: 'set', id: 'list', variables: { names: '["ant", "bee", "cat"]' } },
          {
            kind: 'loop',
            id: 'each',
            items: 'vars.names',
            maxItems: 3,
            steps: [
              { kind: 'set', id: 'label', variables: { label: '"Loop " & $string(index) & " " & item' } },
              activityStep('note', 'vars.label'),
            ],
          },
          {
            kind: 'set',
            id: 'after',
            variables: { count: 'steps.each.count', second: 'steps.each.items[1].label.label' },
          },
        ],
      }),
    });
    const id = await run(flow.id);
    await a.drain();
    const done = await execution(id);
    expect(done.status).toBe('succeeded');
    expect(await activities('Loop ')).toEqual(['Loop 0 ant', 'Loop 1 bee', 'Loop 2 cat']);
    expect(done.variables).toMatchObject({ count: 3, second: 'Loop 1 bee' });
    const loopOutput = done.steps.filter((s) => s.stepId === 'each').at(-1)!.output as { items: unknown[] };
    expect(loopOutput.items).toHaveLength(3);
    // Each iteration's action has its own key (`<execution>:<step>:<index>`).
    const keys = await t.db
      .selectFrom('automation.action_keys')
      .select('key')
      .where('execution_id', '=', id)
      .orderBy('key')
      .execute();
    expect(keys.map((k) => k.key)).toEqual([`${id}:note:0`, `${id}:note:1`, `${id}:note:2`]);

    // Four items where three are allowed: the loop step fails the run.
    const tooMany = await publishedFlow(a, builder.token, {
      definition: {
        trigger: { kind: 'manual' },
        steps: [
          {
            kind: 'loop',
            id: 'each',
            items: '[1, 2, 3, 4]',
            maxItems: 3,
            steps: [{ kind: 'set', id: 'x', variables: { x: 'item' } }],
          },
        ],
      },
    });
    const failed = await run(tooMany.id);
    await a.drain();
    expect(await execution(failed)).toMatchObject({
      status: 'failed',
      error: "Step each failed: The loop's items are 4, more than its maxItems (3).",
    });
    // A body cannot jump out of its loop, and holds no wait.
    const bad = await a.call<{ errors: { path: string }[] }>('POST', '/flows', builder.token, {
      name: 'Bad loop',
      definition: {
        trigger: { kind: 'manual' },
        steps: [
          {
            kind: 'loop',
            id: 'each',
            items: '[1]',
            steps: [{ kind: 'set', id: 'x', variables: { x: 'item' }, next: 'out' }],
          },
          { kind: 'set', id: 'out', variables: { y: '1' } },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toEqual(['definition.steps.0.steps.0.next']);
    const withWait = await a.call('POST', '/flows', builder.token, {
      name: 'Wait in loop',
      definition: {
        trigger: { kind: 'manual' },
        steps: [{ kind: 'loop', id: 'each', items: '[1]', steps: [{ kind: 'wait', id: 'w', duration: { days: 1 } }] }],
      },
    });
    expect(withWait.status).toBe(422);
  });

  it('a sub-flow runs as a linked child run and its variables reach the parent; cycles are refused on save', async () => {
    const child = await publishedFlow(a, builder.token, {
      name: 'Doubler',
      definition: {
        trigger: { kind: 'manual', form: [{ key: 'n', label: 'N', type: 'number' }] },
        steps: [{ kind: 'set', id: 'double', variables: { doubled: 'trigger.values.n * 2' } }],
      },
    });
    const parent = await publishedFlow(a, builder.token, {
      name: 'Caller',
      definition: {
        trigger: { kind: 'manual' },
        steps: [
          { kind: 'subflow', id: 'call', flowId: child.id, input: '{"n": 21}' },
          { kind: 'set', id: 'use', variables: { result: 'steps.call.variables.doubled' } },
        ],
      },
    });
    const id = await run(parent.id);
    await a.drain();
    const done = await execution(id);
    expect(done.status).toBe('succeeded');
    expect(done.variables).toEqual({ result: 42 });
    const call = done.steps.find((s) => s.stepId === 'call')!;
    const childId = (call.output as { executionId: string }).executionId;
    const childRun = await execution(childId);
    expect(childRun).toMatchObject({ status: 'succeeded', parentExecutionId: id, flowId: child.id });

    // The child now calling its caller would be a cycle: refused on save, as is a flow calling itself.
    const current = expectStatus(await a.call<{ version: number }>('GET', `/flows/${child.id}`, builder.token), 200);
    const cycle = await a.call<{ errors: { path: string; message: string }[] }>(
      'PATCH',
      `/flows/${child.id}`,
      builder.token,
      {
        version: current.version,
        definition: { trigger: { kind: 'manual' }, steps: [{ kind: 'subflow', id: 'back', flowId: parent.id }] },
      },
    );
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors[0]).toMatchObject({ path: 'definition.steps.0.flowId' });
    expect(cycle.body.errors[0]!.message).toMatch(/cycle/);
    const self = await a.call('PATCH', `/flows/${child.id}`, builder.token, {
      version: current.version,
      definition: { trigger: { kind: 'manual' }, steps: [{ kind: 'subflow', id: 'me', flowId: child.id }] },
    });
    expect(self.status).toBe(422);

    // A failing child fails the parent's step.
    const failing = await publishedFlow(a, builder.token, {
      definition: withOrg({
        trigger: { kind: 'manual' },
        steps: [{ kind: 'action', id: 'bad', action: 'crm.create-activity', input: '{"type": "note"}' }],
      }),
    });
    const caller = await publishedFlow(a, builder.token, {
      definition: { trigger: { kind: 'manual' }, steps: [{ kind: 'subflow', id: 'call', flowId: failing.id }] },
    });
    const failedParent = await run(caller.id);
    await a.drain();
    const failed = await execution(failedParent);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^Step call failed: The sub-flow's run .* failed: Step bad failed:/);
  });
});

describe('automation engine: waits for an event, approval timers', () => {
  it('a wait for an event resumes on a matching event only; another times out to its timeout branch', async () => {
    const t0 = new Date();
    useClock(() => t0);
    const flow = await publishedFlow(a, builder.token, {
      definition: {
        trigger: { kind: 'manual', form: [{ key: 'taskId', label: 'Task' }] },
        steps: [
          {
            kind: 'wait',
            id: 'done',
            event: 'projects.task.completed',
            match: 'event.payload.taskId = trigger.values.taskId',
            timeout: { days: 1 },
            onTimeout: 'late',
          },
          {
            kind: 'set',
            id: 'ontime',
            variables: { outcome: '"on time " & steps.done.event.payload.taskId' },
            next: 'end',
          },
          { kind: 'set', id: 'late', variables: { outcome: '"late"' } },
        ],
      },
    });
    const taskA = '00000000-0000-4000-8000-00000000000a';
    const taskB = '00000000-0000-4000-8000-00000000000b';
    const first = await run(flow.id, { taskId: taskA });
    const second = await run(flow.id, { taskId: taskB });
    await a.drain();
    expect((await execution(first)).status).toBe('waiting');
    const row = await t.db
      .selectFrom('automation.executions')
      .select(['wait_event', 'resume_at'])
      .where('id', '=', first)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ wait_event: 'projects.task.completed', resume_at: new Date(t0.getTime() + 24 * HOUR) });
    // An event for task A resumes the first run only.
    await inTransaction(t.db, (trx) =>
      emit(trx, { type: taskCompleted, payload: { taskId: taskA, projectId: taskA, type: 'task' } }),
    );
    await relay(t.db, { registry: workRegistry });
    await a.drain();
    const resumed = await execution(first);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.variables).toEqual({ outcome: `on time ${taskA}` });
    expect((await execution(second)).status).toBe('waiting');
    // A day later the second times out and takes the timeout branch.
    useClock(later(t0, 24 * HOUR - 60_000));
    expect((await automationTickRun(t.db)).resumed).toBe(0);
    useClock(later(t0, 24 * HOUR));
    expect((await automationTickRun(t.db)).resumed).toBe(1);
    await a.drain();
    const timedOut = await execution(second);
    expect(timedOut.status).toBe('succeeded');
    expect(timedOut.variables).toEqual({ outcome: 'late' });
    expect(timedOut.steps.find((s) => s.stepId === 'done')!.output).toMatchObject({ timedOut: true });
    // A late event for B finds no waiting run.
    await inTransaction(t.db, (trx) =>
      emit(trx, { type: taskCompleted, payload: { taskId: taskB, projectId: taskB, type: 'task' } }),
    );
    await relay(t.db, { registry: workRegistry });
    await a.drain();
    expect((await execution(second)).variables).toEqual({ outcome: 'late' });
  });

  it('an undecided approval sends a reminder, is escalated, then expires to its deadline branch (all by the tick)', async () => {
    const t0 = new Date();
    useClock(() => t0);
    const flow = await publishedFlow(a, builder.token, {
      definition: {
        trigger: { kind: 'manual' },
        steps: [
          {
            kind: 'approval',
            id: 'ok',
            title: 'Timed approval',
            assignee: { userId: approver.id },
            remindAfter: { hours: 1 },
            escalateAfter: { hours: 4 },
            escalateTo: { userId: deputy.id },
            deadline: { days: 1 },
            onDeadline: 'expired',
          },
          { kind: 'set', id: 'decided', variables: { outcome: 'steps.ok.decision' }, next: 'end' },
          { kind: 'set', id: 'expired', variables: { outcome: '"expired"' } },
        ],
      },
    });
    const id = await run(flow.id);
    await a.drain();
    const ticks = async () =>
      (
        await t.db
          .selectFrom('platform.jobs')
          .select('next_attempt_at')
          .where('type', '=', 'automation.tick')
          .where('status', '=', 'queued')
          .execute()
      ).map((j) => new Date(j.next_attempt_at).getTime());
    expect(await ticks()).toContain(t0.getTime() + HOUR);
    const titles = async (userId: string) =>
      (
        await t.db
          .selectFrom('platform.notifications')
          .select('title')
          .where('user_id', '=', userId)
          .orderBy('created_at')
          .execute()
      ).map((n) => n.title);

    useClock(later(t0, HOUR));
    expect((await automationTickRun(t.db)).approvals).toBe(1);
    expect(await titles(approver.id)).toEqual([
      'Approval requested: Timed approval',
      'Reminder: approval waiting: Timed approval',
    ]);
    expect((await mailsTo(approver.email)).map((m) => m.template)).toEqual(['automation.approval-reminder']);
    // Not again at the next tick.
    useClock(later(t0, 2 * HOUR));
    expect((await automationTickRun(t.db)).approvals).toBe(0);

    useClock(later(t0, 4 * HOUR));
    expect((await automationTickRun(t.db)).approvals).toBe(1);
    expect(await titles(deputy.id)).toEqual(['Approval escalated to you: Timed approval']);
    expect((await a.call<{ count: number }>('GET', '/approvals', approver.token)).body.count).toBe(0);
    expect((await a.call<{ count: number }>('GET', '/approvals', deputy.token)).body.count).toBe(1);
    expect((await mailsTo(deputy.email)).map((m) => m.data)).toEqual([{ title: 'Timed approval', escalated: true }]);

    useClock(later(t0, 24 * HOUR));
    expect((await automationTickRun(t.db)).approvals).toBe(1);
    await a.drain();
    const done = await execution(id);
    expect(done.status).toBe('succeeded');
    expect(done.variables).toEqual({ outcome: 'expired' });
    const approval = await t.db
      .selectFrom('automation.approvals')
      .select(['status', 'due_at'])
      .where('execution_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(approval).toEqual({ status: 'expired', due_at: null });
  });
});

describe('automation engine: email, concurrency, retention, redaction, the tick safety net', () => {
  it('an email step sends a templated mail through the platform once per execution and step', async () => {
    const flow = await publishedFlow(a, builder.token, {
      definition: {
        trigger: {
          kind: 'manual',
          form: [
            { key: 'to', label: 'To' },
            { key: 'name', label: 'Name' },
          ],
        },
        steps: [
          {
            kind: 'email',
            id: 'mail',
            to: ['trigger.values.to'],
            subject: 'Hello {{ trigger.values.name }}',
            body: 'Dear {{ trigger.values.name }},\n{{ $uppercase("done") }} at {{ 1 + 1 }}',
          },
        ],
      },
    });
    const id = await run(flow.id, { to: 'reader@example.com', name: '<Ann>' });
    await a.drain();
    expect((await execution(id)).status).toBe('succeeded');
    const mails = await mailsTo('reader@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      template: 'automation.flow-email',
      data: { subject: 'Hello <Ann>', body: 'Dear <Ann>,\nDONE at 2' },
    });
    // The step again under the same key (a lost checkpoint): no second mail.
    await t.db
      .updateTable('automation.executions')
      .set({ status: 'running', next_step: 'mail', next_seq: 2 })
      .where('id', '=', id)
      .execute();
    const { runExecution } = await import('./automation.module.js');
    await inTransaction(t.db, (trx) => insertJob(trx, runExecution, { executionId: id }, null));
    await a.drain();
    expect(await mailsTo('reader@example.com')).toHaveLength(1);
    // Not an address: the step fails.
    const bad = await run(flow.id, { to: 'not an address', name: 'x' });
    await a.drain();
    expect((await execution(bad)).error).toBe(
      'Step mail failed: The email\'s recipient "not an address" is not an email address.',
    );
  });

  it('a flow runs at most maxConcurrentRuns at once (concurrent starts); the others queue and start as runs end', async () => {
    const flow = await publishedFlow(a, builder.token, {
      definition: {
        trigger: { kind: 'manual' },
        maxConcurrentRuns: 2,
        steps: [{ kind: 'approval', id: 'hold', title: 'Hold', assignee: { userId: approver.id } }],
      },
    });
    const ids = await Promise.all(Array.from({ length: 6 }, () => run(flow.id)));
    await a.drain();
    const statuses = async () =>
      (await t.db.selectFrom('automation.executions').select('status').where('flow_id', '=', flow.id).execute())
        .map((r) => r.status)
        .sort();
    expect(await statuses()).toEqual(['queued', 'queued', 'queued', 'queued', 'waiting', 'waiting']);
    // One run ends (cancelled): the oldest queued one starts.
    const waiting = await t.db
      .selectFrom('automation.executions')
      .select('id')
      .where('flow_id', '=', flow.id)
      .where('status', '=', 'waiting')
      .executeTakeFirstOrThrow();
    expectStatus(await a.call('POST', `/executions/${waiting.id}/cancel`, builder.token), 200);
    await a.drain();
    expect(await statuses()).toEqual(['cancelled', 'queued', 'queued', 'queued', 'waiting', 'waiting']);
    // A queued run can be cancelled too; it never starts.
    const queued = await t.db
      .selectFrom('automation.executions')
      .select('id')
      .where('flow_id', '=', flow.id)
      .where('status', '=', 'queued')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expectStatus(await a.call('POST', `/executions/${queued.id}/cancel`, builder.token), 200);
    expect(ids).toHaveLength(6);
  });

  it('runs older than the flow’s retention are deleted daily (waiting ones kept); secret-named fields are redacted', async () => {
    const flow = await publishedFlow(a, builder.token, {
      definition: {
        trigger: { kind: 'manual' },
        retentionDays: 1,
        steps: [{ kind: 'set', id: 'creds', variables: { apiKey: '"sk-123"', name: '"visible"', password: '"pw"' } }],
      },
    });
    const id = await run(flow.id);
    await a.drain();
    const done = await execution(id);
    expect(done.steps[0]!.output).toEqual({ apiKey: '[redacted]', name: 'visible', password: '[redacted]' });
    expect(done.variables).toEqual({ apiKey: '[redacted]', name: 'visible', password: '[redacted]' });
    const waits = await publishedFlow(a, builder.token, {
      definition: {
        trigger: { kind: 'manual' },
        retentionDays: 1,
        steps: [{ kind: 'wait', id: 'w', duration: { days: 30 } }],
      },
    });
    const waiting = await run(waits.id);
    await a.drain();
    useClock(later(new Date(), 12 * HOUR));
    await automationHousekeeping(t.db);
    expect((await a.call('GET', `/executions/${id}`, builder.token)).status).toBe(200);
    useClock(later(new Date(), 25 * HOUR));
    const kept = await automationHousekeeping(t.db);
    expect(kept.deleted).toBeGreaterThanOrEqual(1);
    expect((await a.call('GET', `/executions/${id}`, builder.token)).status).toBe(404);
    expect((await execution(waiting)).status).toBe('waiting');
    const steps = await t.db
      .selectFrom('automation.execution_steps')
      .select('seq')
      .where('execution_id', '=', id)
      .execute();
    expect(steps).toEqual([]);
  });

  it('a tick that failed all its tries is queued again when a wait is due (with the next event, and daily)', async () => {
    const t0 = new Date();
    useClock(() => t0);
    const flow = await publishedFlow(a, builder.token, {
      definition: { trigger: { kind: 'manual' }, steps: [{ kind: 'wait', id: 'w', duration: { minutes: 5 } }] },
    });
    const id = await run(flow.id);
    await a.drain();
    // Every queued tick fails for good (its tries used up).
    const failTicks = () =>
      t.db
        .updateTable('platform.jobs')
        .set({ status: 'failed', finished_at: sql<Date>`now()` })
        .where('type', '=', 'automation.tick')
        .where('status', 'in', ['queued', 'running'])
        .execute();
    await failTicks();
    const queuedTicks = () =>
      t.db
        .selectFrom('platform.jobs')
        .select('id')
        .where('type', '=', 'automation.tick')
        .where('status', '=', 'queued')
        .execute();
    expect(await queuedTicks()).toEqual([]);
    // Not due yet: an event queues nothing.
    await inTransaction(t.db, (trx) =>
      emit(trx, { type: taskCompleted, payload: { taskId: id, projectId: id, type: 'task' } }),
    );
    await relay(t.db, { registry: workRegistry });
    await a.drain();
    expect(await queuedTicks()).toEqual([]);
    // Due: the next event's delivery queues a tick, which resumes the run.
    useClock(later(t0, 5 * 60_000));
    await inTransaction(t.db, (trx) =>
      emit(trx, { type: taskCompleted, payload: { taskId: id, projectId: id, type: 'task' } }),
    );
    await relay(t.db, { registry: workRegistry });
    await a.drain();
    expect(await queuedTicks()).toHaveLength(1);
    await t.db
      .updateTable('platform.jobs')
      .set({ next_attempt_at: sql<Date>`now()` })
      .where('status', '=', 'queued')
      .execute();
    await a.drain();
    expect((await execution(id)).status).toBe('succeeded');

    // With no event at all, the daily housekeeping queues it.
    const other = await run(flow.id);
    await a.drain();
    await failTicks();
    useClock(later(t0, 20 * 60_000));
    const house = await automationHousekeeping(t.db);
    expect(house.nextTick).not.toBeNull();
    expect(await queuedTicks()).toHaveLength(1);
    expect((await execution(other)).status).toBe('waiting');
  });
});
