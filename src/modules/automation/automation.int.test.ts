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
import { engineTestHooks } from './engine/engine.js';
import { automationTickRun, onAnyEvent } from './engine/triggers.js';

let t: TestApp;
let a: AutomationTestApp;
let admin: { id: string; token: string };
let builder: { id: string; token: string; email: string };
let approver: { id: string; token: string };
let employee: { id: string; email: string; token: string };
let organizationId: string;

beforeAll(async () => {
  t = await createTestApp();
  a = automationApp(t);
  admin = await t.userWithRoles(['admin']);
  builder = await t.userWithRoles(['manager']);
  approver = await t.userWithRoles(['employee']);
  employee = await t.userWithRoles(['employee']);
  const org = expectStatus(
    await t.request<{ id: string }>('POST', '/api/v1/crm/organizations', {
      token: builder.token,
      body: { name: 'Acme Automation' },
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
  engineTestHooks.beforeStepCommit = undefined;
  engineTestHooks.beforeStep = undefined;
});

/** An action step creating a CRM activity on the test organization, its subject an expression. */
const activityStep = (id: string, subject: string) => ({
  kind: 'action',
  id,
  action: 'crm.create-activity',
  input: `{"type": "note", "subject": ${subject}, "organizationId": "${'$ORG'}"}`,
});
const withOrg = (definition: unknown) => JSON.parse(JSON.stringify(definition).replaceAll('$ORG', organizationId));

async function activities(subjectPrefix: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('crm.activities')
    .select('subject')
    .where('subject', 'like', `${subjectPrefix}%`)
    .orderBy('subject')
    .execute();
  return rows.map((r) => r.subject);
}

async function execution(id: string): Promise<ExecutionBody> {
  return expectStatus(await a.call<ExecutionBody>('GET', `/executions/${id}`, builder.token), 200);
}

async function run(flowId: string, values: Record<string, unknown> = {}, token = builder.token): Promise<string> {
  return expectStatus(await a.call<{ executionId: string }>('POST', `/flows/${flowId}/run`, token, { values }), 202)
    .executionId;
}

describe('automation flows', () => {
  it('refuses a definition with a bad expression, an unknown event or a dangling step (422 naming each)', async () => {
    const res = await a.call<{ errors: { path: string }[] }>('POST', '/flows', builder.token, {
      name: 'Broken',
      definition: {
        trigger: { kind: 'event', event: 'crm.nothing.happened', filter: 'amount >' },
        steps: [{ kind: 'set', id: 'a', variables: { x: '1 +' }, next: 'nowhere' }],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.path).sort()).toEqual([
      'definition.steps.0.next',
      'definition.steps.0.variables.x',
      'definition.trigger.event',
      'definition.trigger.filter',
    ]);
    // Running as someone else needs automation:admin.
    const other = await a.call('POST', '/flows', builder.token, {
      name: 'As another',
      runAsUserId: admin.id,
      definition: { trigger: { kind: 'manual' }, steps: [{ kind: 'set', id: 'a', variables: { x: '1' } }] },
    });
    expect(other.status).toBe(403);
  });

  it('an event-triggered flow runs once per event, even when the event is delivered twice; the filter applies', async () => {
    const flow = await publishedFlow(a, builder.token, {
      definition: withOrg({
        trigger: { kind: 'event', event: 'projects.task.completed', filter: 'trigger.payload.type = "milestone"' },
        steps: [
          { kind: 'set', id: 'label', variables: { label: '"Evt " & trigger.payload.taskId' } },
          activityStep('note', 'vars.label'),
        ],
      }),
    });
    const taskId = '00000000-0000-4000-8000-000000000001';
    const projectId = '00000000-0000-4000-8000-000000000002';
    const event = await inTransaction(t.db, (trx) =>
      emit(trx, { type: taskCompleted, payload: { taskId, projectId, type: 'milestone' } }),
    );
    // Not a milestone: filtered out.
    await inTransaction(t.db, (trx) =>
      emit(trx, { type: taskCompleted, payload: { taskId: projectId, projectId, type: 'task' } }),
    );
    await relay(t.db, { registry: workRegistry });
    // The event is delivered a second time (as SQS may), and the subscriber is even called again directly.
    await inTransaction(t.db, (trx) =>
      insertJob(trx, workRegistry.eventDelivery, { eventId: event.id, subscriber: 'automation.event-trigger' }, null),
    );
    await a.drain();
    const outbox = await t.db
      .selectFrom('platform.outbox')
      .select(['id', 'event_type', 'payload', 'occurred_at', 'actor_id'])
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    await inTransaction(t.db, (trx) =>
      onAnyEvent(
        {
          id: outbox.id,
          type: outbox.event_type,
          payload: outbox.payload,
          occurredAt: outbox.occurred_at,
          actorId: outbox.actor_id,
        },
        trx,
      ),
    );
    await a.drain();

    const list = expectStatus(
      await a.call<{ items: ExecutionBody[] }>('GET', `/executions?flowId=${flow.id}`, builder.token),
      200,
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ status: 'succeeded', version: 1 });
    expect(await activities('Evt ')).toEqual([`Evt ${taskId}`]);
    const detail = await execution(list.items[0]!.id);
    expect(detail.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['label', 'succeeded'],
      ['note', 'succeeded'],
    ]);
    expect(detail.steps[1]!.input).toMatchObject({ subject: `Evt ${taskId}`, type: 'note' });
  });

  it('a 30-day wait resumes at the right time (controllable clock), with nothing running in between', async () => {
    const t0 = new Date();
    useClock(() => t0);
    const flow = await publishedFlow(a, builder.token, {
      definition: withOrg({
        trigger: { kind: 'manual' },
        steps: [{ kind: 'wait', id: 'pause', duration: { days: 30 } }, activityStep('later', '"Waited"')],
      }),
    });
    const id = await run(flow.id);
    await a.drain();
    const waiting = await execution(id);
    expect(waiting).toMatchObject({
      status: 'waiting',
      resumeAt: new Date(t0.getTime() + 30 * 86_400_000).toISOString(),
    });
    // Nothing queued or running: the wait is only a row.
    const pending = await t.db
      .selectFrom('platform.jobs')
      .select('id')
      .where('type', '=', 'automation.run')
      .where('status', 'in', ['queued', 'running'])
      .execute();
    expect(pending).toEqual([]);
    // No standing schedule either: one tick is queued for the moment the wait ends.
    const ticks = await t.db
      .selectFrom('platform.jobs')
      .select('next_attempt_at')
      .where('type', '=', 'automation.tick')
      .where('status', '=', 'queued')
      .execute();
    expect(ticks.map((j) => new Date(j.next_attempt_at).toISOString())).toContain(
      new Date(t0.getTime() + 30 * 86_400_000).toISOString(),
    );
    // A minute before it is due: the tick resumes nothing.
    useClock(() => new Date(t0.getTime() + 30 * 86_400_000 - 60_000));
    expect((await automationTickRun(t.db)).resumed).toBe(0);
    await a.drain();
    expect((await execution(id)).status).toBe('waiting');
    expect(await activities('Waited')).toEqual([]);
    // Due: resumed once, and the next step runs.
    useClock(() => new Date(t0.getTime() + 30 * 86_400_000));
    expect((await automationTickRun(t.db)).resumed).toBe(1);
    expect((await automationTickRun(t.db)).resumed).toBe(0);
    await a.drain();
    expect((await execution(id)).status).toBe('succeeded');
    expect(await activities('Waited')).toEqual(['Waited']);
  });

  it('a cancelled run is not resumed, and its pending approval is cancelled', async () => {
    const asked = await t.userWithRoles(['employee']);
    const flow = await publishedFlow(a, builder.token, {
      definition: withOrg({
        trigger: { kind: 'manual' },
        steps: [
          { kind: 'approval', id: 'ask', title: 'Cancel me', assignee: { userId: asked.id } },
          activityStep('note', '"Cancelled run"'),
        ],
      }),
    });
    const id = await run(flow.id);
    await a.drain();
    expect((await a.call('POST', `/executions/${id}/cancel`, employee.token)).status).toBe(403);
    const cancelled = expectStatus(
      await a.call<{ status: string }>('POST', `/executions/${id}/cancel`, builder.token),
      200,
    );
    expect(cancelled.status).toBe('cancelled');
    expect((await a.call('POST', `/executions/${id}/cancel`, builder.token)).status).toBe(409);
    expect((await a.call<{ count: number }>('GET', '/approvals', asked.token)).body.count).toBe(0);
    await a.drain();
    expect(await activities('Cancelled run')).toEqual([]);
  });

  it('a scheduled flow starts once per slot of its cron, on the wall clock of its time zone', async () => {
    const flow = await publishedFlow(a, builder.token, {
      definition: {
        trigger: { kind: 'schedule', cron: '0 9 * * 1-5', timeZone: 'Europe/Paris' },
        steps: [{ kind: 'set', id: 'at', variables: { at: 'trigger.at' } }],
      },
    });
    // Monday 4 January 2027, 09:00 in Paris is 08:00 UTC (CET).
    useClock(() => new Date('2027-01-04T07:59:30Z'));
    expect((await automationTickRun(t.db)).started).toBe(0);
    useClock(() => new Date('2027-01-04T08:00:20Z'));
    const tick = await automationTickRun(t.db);
    expect(tick.started).toBe(1);
    // The next tick is queued for the next slot: Tuesday 09:00 in Paris.
    expect(tick.nextTick).toEqual(new Date('2027-01-05T08:00:00Z'));
    // A second tick (or one a few minutes late) does not start the slot again.
    useClock(() => new Date('2027-01-04T08:03:00Z'));
    expect((await automationTickRun(t.db)).started).toBe(0);
    // Saturday: the cron's weekdays leave it out.
    useClock(() => new Date('2027-01-09T08:00:00Z'));
    expect((await automationTickRun(t.db)).started).toBe(0);
    await a.drain();
    const list = expectStatus(
      await a.call<{ items: ExecutionBody[] }>('GET', `/executions?flowId=${flow.id}`, builder.token),
      200,
    );
    expect(list.items.map((e) => [e.status, e.variables])).toEqual([['succeeded', { at: '2027-01-04T08:00:00.000Z' }]]);
  });

  it("an approval's decision and form values reach the next step; the assignee is told and sees it in the inbox", async () => {
    const flow = await publishedFlow(a, builder.token, {
      definition: withOrg({
        trigger: { kind: 'manual', form: [{ key: 'deal', label: 'Deal', required: true }] },
        steps: [
          {
            kind: 'approval',
            id: 'approve',
            title: 'Approve the discount',
            assignee: { userId: approver.id },
            form: [{ key: 'budget', label: 'Budget', type: 'number', required: true }],
          },
          {
            kind: 'condition',
            id: 'decided',
            cases: [{ when: 'steps.approve.decision = "approved"', goto: 'note' }],
            otherwise: 'end',
          },
          activityStep('note', '"Budget " & $string(steps.approve.values.budget) & " for " & trigger.values.deal'),
        ],
      }),
    });
    expect((await a.call('POST', `/flows/${flow.id}/run`, builder.token, { values: {} })).status).toBe(422);
    const id = await run(flow.id, { deal: 'Acme' });
    await a.drain();
    expect((await execution(id)).status).toBe('waiting');
    const told = await t.db
      .selectFrom('platform.notifications')
      .select(['kind', 'title'])
      .where('user_id', '=', approver.id)
      .execute();
    expect(told).toEqual([
      { kind: 'automation.approval-requested', title: 'Approval requested: Approve the discount' },
    ]);
    const inbox = expectStatus(
      await a.call<{ items: { id: string; title: string }[]; count: number }>('GET', '/approvals', approver.token),
      200,
    );
    expect(inbox.count).toBe(1);
    const approvalId = inbox.items[0]!.id;
    // Not someone else's to decide; the form's required value is checked.
    expect(
      (await a.call('POST', `/approvals/${approvalId}/decide`, employee.token, { decision: 'approve' })).status,
    ).toBe(404);
    const missing = await a.call<{ errors: { path: string }[] }>(
      'POST',
      `/approvals/${approvalId}/decide`,
      approver.token,
      {
        decision: 'approve',
      },
    );
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]?.path).toBe('values.budget');
    const decided = expectStatus(
      await a.call<{ status: string }>('POST', `/approvals/${approvalId}/decide`, approver.token, {
        decision: 'approve',
        values: { budget: 5000 },
        comment: 'ok',
      }),
      200,
    );
    expect(decided.status).toBe('approved');
    expect(
      (await a.call('POST', `/approvals/${approvalId}/decide`, approver.token, { decision: 'reject' })).status,
    ).toBe(409);
    await a.drain();
    const done = await execution(id);
    expect(done.status).toBe('succeeded');
    expect(done.steps.find((s) => s.stepId === 'approve')?.output).toMatchObject({
      decision: 'approved',
      values: { budget: 5000 },
      comment: 'ok',
      decidedBy: approver.id,
    });
    expect(await activities('Budget ')).toEqual(['Budget 5000 for Acme']);
    expect((await a.call<{ count: number }>('GET', '/approvals', approver.token)).body.count).toBe(0);
  });

  it("an approval assigned to a role reaches the role's members; a rejection takes the other branch", async () => {
    const auditor = await t.userWithRoles(['employee', 'auditor']);
    const flow = await publishedFlow(a, builder.token, {
      definition: withOrg({
        trigger: { kind: 'manual' },
        steps: [
          { kind: 'approval', id: 'check', title: 'Audit check', assignee: { role: 'auditor' } },
          {
            kind: 'condition',
            id: 'ok',
            cases: [{ when: 'steps.check.decision = "approved"', goto: 'note' }],
            otherwise: 'end',
          },
          activityStep('note', '"Audited"'),
        ],
      }),
    });
    const id = await run(flow.id);
    await a.drain();
    const told = await t.db
      .selectFrom('platform.notifications')
      .select('title')
      .where('user_id', '=', auditor.id)
      .execute();
    expect(told).toEqual([{ title: 'Approval requested: Audit check' }]);
    expect((await a.call<{ count: number }>('GET', '/approvals', approver.token)).body.count).toBe(0);
    const inbox = expectStatus(await a.call<{ items: { id: string }[] }>('GET', '/approvals', auditor.token), 200);
    expect(inbox.items).toHaveLength(1);
    expectStatus(
      await a.call('POST', `/approvals/${inbox.items[0]!.id}/decide`, auditor.token, {
        decision: 'reject',
        comment: 'no',
      }),
      200,
    );
    await a.drain();
    const done = await execution(id);
    expect(done.status).toBe('succeeded');
    expect(done.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['check', 'succeeded'],
      ['ok', 'succeeded'],
    ]);
    expect(await activities('Audited')).toEqual([]);
  });

  it('a worker killed mid-flow resumes from the last checkpoint, and no action runs twice', async () => {
    const flow = await publishedFlow(a, builder.token, {
      definition: withOrg({
        trigger: { kind: 'manual' },
        steps: [activityStep('first', '"Kill first"'), activityStep('second', '"Kill second"')],
      }),
    });
    // The worker dies inside the second step's transaction, after the action wrote its activity.
    let kills = 0;
    engineTestHooks.beforeStepCommit = async (_id, stepId) => {
      if (stepId === 'second' && kills++ === 0) throw new Error('worker killed');
    };
    const id = await run(flow.id);
    const first = await a.drain();
    expect(first.map((r) => r.outcome)).toEqual(['retry']);
    const halfway = await execution(id);
    expect(halfway.status).toBe('running');
    expect(halfway.steps.map((s) => s.stepId)).toEqual(['first']);
    expect(await activities('Kill ')).toEqual(['Kill first']);
    // Another worker takes the job over and resumes at the second step.
    await t.db
      .updateTable('platform.jobs')
      .set({ next_attempt_at: sql<Date>`now()` })
      .where('status', '=', 'queued')
      .execute();
    await a.drain();
    const done = await execution(id);
    expect(done.status).toBe('succeeded');
    expect(done.steps.map((s) => [s.seq, s.stepId])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    expect(await activities('Kill ')).toEqual(['Kill first', 'Kill second']);
    // Even with its checkpoint lost, an action does not run again under the same key: it returns its first result.
    await t.db
      .updateTable('automation.executions')
      .set({ status: 'running', next_step: 'first', next_seq: 3 })
      .where('id', '=', id)
      .execute();
    const { runExecution } = await import('./automation.module.js');
    await inTransaction(t.db, (trx) => insertJob(trx, runExecution, { executionId: id }, null));
    await a.drain();
    expect(await activities('Kill ')).toEqual(['Kill first', 'Kill second']);
    const replayed = await execution(id);
    expect(replayed.steps[2]!.output).toEqual(replayed.steps[0]!.output);
  });

  it('a failed run is retried from the failed step on a new version, keeping the earlier steps', async () => {
    const created = expectStatus(
      await a.call<{ id: string; version: number }>('POST', '/flows', builder.token, {
        name: 'Needs a fix',
        definition: withOrg({
          trigger: { kind: 'manual' },
          steps: [
            { kind: 'set', id: 'who', variables: { who: '"Retry " & execution.version' } },
            // No link to a record: CRM refuses the input.
            {
              kind: 'action',
              id: 'note',
              action: 'crm.create-activity',
              input: '{"type": "note", "subject": vars.who}',
            },
          ],
        }),
      }),
      201,
    );
    const v1 = expectStatus(
      await a.call<{ version: number }>('POST', `/flows/${created.id}/publish`, builder.token, {
        version: created.version,
      }),
      200,
    );
    const id = await run(created.id);
    await a.drain();
    const failed = await execution(id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /^Step note failed: The input of crm.create-activity is not valid: organizationId: Link the activity/,
    );
    expect(failed.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['who', 'succeeded'],
      ['note', 'failed'],
    ]);
    // Fix the draft, publish version 2, retry from the failed step on it.
    const fixed = expectStatus(
      await a.call<{ version: number }>('PATCH', `/flows/${created.id}`, builder.token, {
        version: v1.version,
        definition: withOrg({
          trigger: { kind: 'manual' },
          steps: [
            { kind: 'set', id: 'who', variables: { who: '"Retry " & execution.version' } },
            activityStep('note', 'vars.who'),
          ],
        }),
      }),
      200,
    );
    expectStatus(await a.call('POST', `/flows/${created.id}/publish`, builder.token, { version: fixed.version }), 200);
    const retried = expectStatus(
      await a.call<{ executionId: string }>('POST', `/executions/${id}/retry`, builder.token, {
        from: 'failed-step',
        version: 'latest',
      }),
      202,
    );
    await a.drain();
    const second = await execution(retried.executionId);
    expect(second).toMatchObject({ status: 'succeeded', version: 2, retryOf: id });
    expect(second.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['who', 'copied'],
      ['note', 'succeeded'],
    ]);
    // The variable set by version 1's step is kept (not recomputed on version 2).
    expect(await activities('Retry ')).toEqual(['Retry 1']);
    expect((await execution(id)).status).toBe('failed');
    expect((await a.call('POST', `/executions/${retried.executionId}/retry`, builder.token, {})).status).toBe(409);
    // Every change to the flow is audited.
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'flow.created',
      'flow.published',
      'flow.run',
      'flow.updated',
      'flow.published',
    ]);
  });

  it('a passing failure is retried with backoff; the third fails the run, which is retried from the start', async () => {
    const flow = await publishedFlow(a, builder.token, {
      definition: withOrg({
        trigger: { kind: 'manual' },
        steps: [activityStep('first', '"Flaky first"'), activityStep('second', '"Flaky second"')],
      }),
    });
    let hiccups = 1;
    engineTestHooks.beforeStep = async (_id, stepId) => {
      if (stepId === 'second' && hiccups-- > 0) throw new Error('connection reset');
    };
    const id = await run(flow.id);
    const started = Date.now();
    await a.drain();
    const next = await t.db
      .selectFrom('platform.jobs')
      .select(['next_attempt_at'])
      .where('type', '=', 'automation.run')
      .where('status', '=', 'queued')
      .where(sql<boolean>`payload->>'executionId' = ${id}`)
      .executeTakeFirstOrThrow();
    // The next slice is due in about 5 s (the first backoff), not at once.
    expect(next.next_attempt_at.getTime() - started).toBeGreaterThanOrEqual(4_000);
    expect((await execution(id)).status).toBe('running');
    const due = () =>
      t.db
        .updateTable('platform.jobs')
        .set({ next_attempt_at: sql<Date>`now()` })
        .where('status', '=', 'queued')
        .execute();
    await due();
    await a.drain();
    const recovered = await execution(id);
    expect(recovered.status).toBe('succeeded');
    expect(recovered.steps.map((s) => [s.stepId, s.status, s.attempts])).toEqual([
      ['first', 'succeeded', 1],
      ['second', 'succeeded', 2],
    ]);

    // Failing every time: the third try fails the run with the error.
    engineTestHooks.beforeStep = async (_id, stepId) => {
      if (stepId === 'second') throw new Error('connection reset');
    };
    const doomed = await run(flow.id);
    for (let i = 0; i < 3; i++) {
      await a.drain();
      await due();
    }
    const failed = await execution(doomed);
    expect(failed).toMatchObject({ status: 'failed', error: 'Step second failed: connection reset' });
    expect(failed.steps.at(-1)).toMatchObject({ stepId: 'second', status: 'failed', attempts: 3 });

    // Retried from the start (same version): a new run does every step again, with its own keys.
    engineTestHooks.beforeStep = undefined;
    const again = expectStatus(
      await a.call<{ executionId: string }>('POST', `/executions/${doomed}/retry`, builder.token, { from: 'start' }),
      202,
    );
    await a.drain();
    const redone = await execution(again.executionId);
    expect(redone).toMatchObject({ status: 'succeeded', version: 1, retryOf: doomed });
    expect(redone.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['first', 'succeeded'],
      ['second', 'succeeded'],
    ]);
    expect(await activities('Flaky ')).toEqual([
      'Flaky first',
      'Flaky first',
      'Flaky first',
      'Flaky second',
      'Flaky second',
    ]);
  });

  it('a run-as user without the permission fails the step with a clear error', async () => {
    const flow = await publishedFlow(a, admin.token, {
      runAsUserId: employee.id,
      definition: withOrg({ trigger: { kind: 'manual' }, steps: [activityStep('note', '"Not allowed"')] }),
    });
    const id = await run(flow.id, {}, admin.token);
    await a.drain();
    const failed = expectStatus(await a.call<ExecutionBody>('GET', `/executions/${id}`, admin.token), 200);
    expect(failed.status).toBe('failed');
    expect(failed.steps[0]).toMatchObject({
      stepId: 'note',
      status: 'failed',
      error: `The run-as user ${employee.email} lacks the permission crm:write, which the action crm.create-activity needs.`,
    });
    expect(await activities('Not allowed')).toEqual([]);
    // The employee (the run-as user) sees the run; another user does not.
    expect((await a.call('GET', `/executions/${id}`, employee.token)).status).toBe(200);
    expect((await a.call('GET', `/executions/${id}`, approver.token)).status).toBe(404);
    type Page = { items: { id: string }[]; nextCursor: string | null };
    expect(expectStatus(await a.call<Page>('GET', '/executions', employee.token), 200).items.map((e) => e.id)).toEqual([
      id,
    ]);
    expect(expectStatus(await a.call<Page>('GET', '/executions', approver.token), 200).items).toEqual([]);
    // The builder's runs, a page at a time (newest first).
    const first = expectStatus(await a.call<Page>('GET', '/executions?limit=2', builder.token), 200);
    expect(first.items).toHaveLength(2);
    const second = expectStatus(
      await a.call<Page>('GET', `/executions?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`, builder.token),
      200,
    );
    expect(second.items).toHaveLength(2);
    expect(second.items.map((e) => e.id)).not.toContain(first.items[0]!.id);
  });
});
