import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import {
  automationApp,
  expectStatus,
  publishedFlow,
  type AutomationTestApp,
  type ExecutionBody,
} from './automation.test-support.js';

/** Error branches on any step, manual flows run from a record, test runs with sample data (issue #17). */
let t: TestApp;
let a: AutomationTestApp;
let admin: { id: string; token: string };
let builder: { id: string; token: string; email: string };
let employee: { id: string; token: string; email: string };
let organizationId: string;

beforeAll(async () => {
  t = await createTestApp();
  a = automationApp(t);
  admin = await t.userWithRoles(['admin']);
  builder = await t.userWithRoles(['manager']);
  employee = await t.userWithRoles(['employee']);
  const org = expectStatus(
    await t.request<{ id: string }>('POST', '/api/v1/crm/organizations', {
      token: builder.token,
      body: { name: 'Acme Branches' },
    }),
    201,
  );
  organizationId = org.id;
});
afterAll(async () => {
  await t?.close();
});

const activityStep = (id: string, subject: string, extra: Record<string, unknown> = {}) => ({
  kind: 'action',
  id,
  action: 'crm.create-activity',
  input: `{"type": "note", "subject": ${subject}, "organizationId": "${'$ORG'}"}`,
  ...extra,
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
const execution = async (id: string, token = admin.token) =>
  expectStatus(
    await a.call<ExecutionBody & { trigger: Record<string, unknown> }>('GET', `/executions/${id}`, token),
    200,
  );
const run = async (flowId: string, token: string, body: Record<string, unknown> = { values: {} }) =>
  expectStatus(await a.call<{ executionId: string }>('POST', `/flows/${flowId}/run`, token, body), 202).executionId;

describe('error branches', () => {
  it('an action refused for the run-as user goes to its onError step with error in scope; without onError the run fails', async () => {
    const definition = (onError: boolean) =>
      withOrg({
        trigger: { kind: 'manual' },
        steps: [
          activityStep('note', '"Branch refused"', { ...(onError ? { onError: 'handle' } : {}), next: 'end' }),
          {
            kind: 'set',
            id: 'handle',
            variables: {
              message: 'error.message',
              code: 'error.code',
              failedStep: 'error.stepId',
              fromOutput: 'steps.note.error.code',
            },
          },
        ],
      });
    // Runs as an employee, who lacks crm:write.
    const handled = await publishedFlow(a, admin.token, { runAsUserId: employee.id, definition: definition(true) });
    const id = await run(handled.id, admin.token);
    await a.drain();
    const ok = await execution(id);
    expect(ok.status).toBe('succeeded');
    expect(ok.error).toBeNull();
    expect(ok.variables).toEqual({
      message: `The run-as user ${employee.email} lacks the permission crm:write, which the action crm.create-activity needs.`,
      code: 'permission-denied',
      failedStep: 'note',
      fromOutput: 'permission-denied',
    });
    expect(ok.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['note', 'failed'],
      ['handle', 'succeeded'],
    ]);
    expect(ok.steps[0]!.error).toMatch(/lacks the permission crm:write/);
    expect(await activities('Branch refused')).toEqual([]);

    // The same flow without onError fails the run, as before.
    const plain = await publishedFlow(a, admin.token, { runAsUserId: employee.id, definition: definition(false) });
    const failedId = await run(plain.id, admin.token);
    await a.drain();
    const failed = await execution(failedId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^Step note failed: The run-as user .* lacks the permission crm:write/);
    expect(failed.steps.map((s) => [s.stepId, s.status])).toEqual([['note', 'failed']]);
  });

  it('a failing expression, a bad until date, a loop body step and a failing sub-flow each take their onError', async () => {
    const failing = await publishedFlow(a, builder.token, {
      definition: {
        trigger: { kind: 'manual' },
        steps: [{ kind: 'set', id: 'boom', variables: { x: '$error("kaput")' } }],
      },
    });
    const flow = await publishedFlow(a, builder.token, {
      definition: {
        trigger: { kind: 'manual' },
        steps: [
          { kind: 'set', id: 'calc', variables: { x: '$error("no good")' }, onError: 'when' },
          { kind: 'set', id: 'skipped', variables: { skipped: 'true' } },
          { kind: 'wait', id: 'when', until: '"not a date"', onError: 'each' },
          {
            kind: 'loop',
            id: 'each',
            items: '[1, 0, 2]',
            steps: [
              { kind: 'set', id: 'div', variables: { last: 'item = 0 ? $error("zero") : item' }, onError: 'end' },
              { kind: 'set', id: 'seen', variables: { seen: 'index' } },
            ],
          },
          { kind: 'subflow', id: 'call', flowId: failing.id, onError: 'after' },
          { kind: 'set', id: 'skipped2', variables: { skipped2: 'true' } },
          { kind: 'set', id: 'after', variables: { code: 'error.code', stepId: 'error.stepId' } },
        ],
      },
    });
    const id = await run(flow.id, builder.token);
    await a.drain();
    const done = await execution(id, builder.token);
    expect(done.status).toBe('succeeded');
    expect(done.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['calc', 'failed'],
      ['when', 'failed'],
      ['each', 'succeeded'],
      ['div', 'succeeded'],
      ['seen', 'succeeded'],
      ['each', 'succeeded'],
      ['div', 'failed'],
      ['each', 'succeeded'],
      ['div', 'succeeded'],
      ['seen', 'succeeded'],
      ['each', 'succeeded'],
      ['call', 'failed'],
      ['after', 'succeeded'],
    ]);
    expect(done.steps[0]!.output).toMatchObject({ ok: false, error: { code: 'expression-error', stepId: 'calc' } });
    expect(done.steps[1]!.output).toMatchObject({ ok: false, error: { code: 'invalid-date', stepId: 'when' } });
    expect(done.variables).toMatchObject({ last: 2, seen: 2, code: 'subflow-failed', stepId: 'call' });
    expect(done.variables).not.toHaveProperty('skipped');
    expect(done.variables).not.toHaveProperty('skipped2');
  });

  it('refuses an onError naming no step or a step outside its list (422)', async () => {
    const res = await a.call<{ errors: { path: string }[] }>('POST', '/flows', builder.token, {
      name: 'Bad branches',
      definition: {
        trigger: { kind: 'manual' },
        steps: [
          { kind: 'set', id: 'a', variables: { x: '1' }, onError: 'nowhere' },
          {
            kind: 'loop',
            id: 'l',
            items: '[1]',
            steps: [{ kind: 'set', id: 'b', variables: { y: '1' }, onError: 'a' }],
          },
          { kind: 'condition', id: 'c', cases: [{ when: 'true', goto: 'end' }], onError: 'b' },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.path).sort()).toEqual([
      'definition.steps.0.onError',
      'definition.steps.1.steps.0.onError',
      'definition.steps.2.onError',
    ]);
  });
});

describe('manual flows run from a record', () => {
  it('lists a record type’s flows and runs one with trigger.record; checks the type and the record', async () => {
    const bad = await a.call<{ errors: { path: string }[] }>('POST', '/flows', builder.token, {
      name: 'Unknown record type',
      definition: {
        trigger: { kind: 'manual', record: 'crm.spaceship' },
        steps: [{ kind: 'set', id: 'a', variables: { x: '1' } }],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toEqual(['definition.trigger.record']);

    const types = expectStatus(
      await a.call<{ items: { type: string }[] }>('GET', '/record-types', employee.token),
      200,
    );
    expect(types.items.map((r) => r.type)).toEqual(
      expect.arrayContaining(['crm.organization', 'crm.opportunity', 'projects.project', 'hr.employee']),
    );

    const flow = await publishedFlow(a, builder.token, {
      name: 'Note on an organization',
      definition: {
        trigger: { kind: 'manual', record: 'crm.organization', form: [{ key: 'text', label: 'Text', required: true }] },
        steps: [
          {
            kind: 'action',
            id: 'note',
            action: 'crm.create-activity',
            input:
              '{"type": "note", "subject": "From record " & trigger.values.text, "organizationId": trigger.record.id}',
          },
        ],
      },
    });
    // Another manual flow, not for organizations.
    await publishedFlow(a, builder.token, {
      name: 'Plain manual',
      definition: { trigger: { kind: 'manual' }, steps: [{ kind: 'set', id: 'a', variables: { x: '1' } }] },
    });
    const listed = expectStatus(
      await a.call<{ items: { id: string }[] }>('GET', '/flows?manualFor=crm.organization', builder.token),
      200,
    );
    expect(listed.items.map((f) => f.id)).toEqual([flow.id]);
    const none = expectStatus(
      await a.call<{ items: unknown[] }>('GET', '/flows?manualFor=projects.project', builder.token),
      200,
    );
    expect(none.items).toEqual([]);

    // Without the record, with another type, with an organization that does not exist.
    const missing = await a.call('POST', `/flows/${flow.id}/run`, builder.token, { values: { text: 'x' } });
    expect(missing.status).toBe(422);
    const otherType = await a.call('POST', `/flows/${flow.id}/run`, builder.token, {
      values: { text: 'x' },
      record: { type: 'crm.opportunity', id: organizationId },
    });
    expect(otherType.status).toBe(422);
    const unknown = await a.call('POST', `/flows/${flow.id}/run`, builder.token, {
      values: { text: 'x' },
      record: { type: 'crm.organization', id: '00000000-0000-4000-8000-00000000abcd' },
    });
    expect(unknown.status).toBe(404);

    // A project the builder is not a member of: the project's own GET answers 404, so does the run.
    const projectFlow = await publishedFlow(a, builder.token, {
      name: 'On a project',
      definition: {
        trigger: { kind: 'manual', record: 'projects.project' },
        steps: [{ kind: 'set', id: 'a', variables: { x: '1' } }],
      },
    });
    const project = expectStatus(
      await t.request<{ id: string }>('POST', '/api/v1/projects/projects', {
        token: admin.token,
        body: { code: 'AUTOREC', name: 'Not the builder’s' },
      }),
      201,
    );
    const hidden = await a.call('POST', `/flows/${projectFlow.id}/run`, builder.token, {
      values: {},
      record: { type: 'projects.project', id: project.id },
    });
    expect(hidden.status).toBe(404);
    const seen = await a.call('POST', `/flows/${projectFlow.id}/run`, admin.token, {
      values: {},
      record: { type: 'projects.project', id: project.id },
    });
    expect(seen.status).toBe(202);

    const id = await run(flow.id, builder.token, {
      values: { text: 'hello' },
      record: { type: 'crm.organization', id: organizationId },
    });
    await a.drain();
    const done = await execution(id, builder.token);
    expect(done.status).toBe('succeeded');
    expect(done.trigger).toMatchObject({ type: 'manual', record: { type: 'crm.organization', id: organizationId } });
    const notes = await t.db
      .selectFrom('crm.activities')
      .select(['subject', 'organization_id'])
      .where('subject', '=', 'From record hello')
      .execute();
    expect(notes).toEqual([{ subject: 'From record hello', organization_id: organizationId }]);
  });
});

describe('test runs', () => {
  const counts = async () => {
    const { rows } = await sql<{ executions: string; jobs: string; steps: string }>`select
      (select count(*) from automation.executions) as executions,
      (select count(*) from automation.execution_steps) as steps,
      (select count(*) from platform.jobs) as jobs`.execute(t.db);
    return rows[0];
  };

  it('runs the draft with a sample: conditions, variables and loops for real; effects only described; nothing kept', async () => {
    const flow = expectStatus(
      await a.call<{ id: string }>('POST', '/flows', builder.token, {
        name: 'Tested deal flow',
        definition: withOrg({
          trigger: { kind: 'event', event: 'crm.opportunity.won' },
          steps: [
            {
              kind: 'condition',
              id: 'big',
              cases: [{ when: '$number(trigger.payload.amount) > 10000', goto: 'label' }],
              otherwise: 'end',
            },
            { kind: 'set', id: 'label', variables: { label: '"Won " & trigger.payload.name' } },
            {
              kind: 'loop',
              id: 'each',
              items: '[1, 2]',
              steps: [{ kind: 'set', id: 'double', variables: { last: 'item * 2' } }],
            },
            activityStep('note', 'vars.label'),
            { kind: 'email', id: 'tell', to: ['"finance@example.com"'], subject: 'Deal {{ vars.label }}', body: 'Hi' },
            {
              kind: 'http',
              id: 'call',
              method: 'POST',
              url: '"https://api.example.com/deals"',
              body: '{"n": vars.label}',
            },
            { kind: 'wait', id: 'later', duration: { days: 3 } },
            { kind: 'approval', id: 'approve', title: 'OK?', assignee: { role: 'manager' } },
            { kind: 'set', id: 'after', variables: { decision: 'steps.approve.decision' } },
          ],
        }),
      }),
      201,
    );
    const before = await counts();
    const sample = { payload: { name: 'Globex', amount: '25000.00' } };
    const stopped = expectStatus(
      await a.call<{
        status: string;
        reason: string;
        steps: { stepId: string; status: string; output: Record<string, unknown> }[];
        variables: Record<string, unknown>;
      }>('POST', `/flows/${flow.id}/test-run`, builder.token, { trigger: sample }),
      200,
    );
    expect(stopped.status).toBe('stopped');
    expect(stopped.reason).toMatch(/approve waits for the role manager/);
    expect(stopped.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['big', 'succeeded'],
      ['label', 'succeeded'],
      ['each', 'succeeded'],
      ['double', 'succeeded'],
      ['each', 'succeeded'],
      ['double', 'succeeded'],
      ['each', 'succeeded'],
      ['note', 'succeeded'],
      ['tell', 'succeeded'],
      ['call', 'succeeded'],
      ['later', 'skipped'],
      ['approve', 'stopped'],
    ]);
    const byId = Object.fromEntries(stopped.steps.map((s) => [s.stepId, s.output]));
    expect(byId.note).toEqual({
      dryRun: true,
      wouldCall: 'crm.create-activity',
      input: expect.objectContaining({ subject: 'Won Globex', organizationId }),
    });
    expect(byId.tell).toMatchObject({
      dryRun: true,
      wouldCall: 'email',
      input: { to: ['finance@example.com'], subject: 'Deal Won Globex' },
    });
    expect(byId.call).toMatchObject({ dryRun: true, wouldCall: 'POST https://api.example.com/deals' });
    expect(byId.later).toMatchObject({ dryRun: true, resumeAt: expect.any(String) });
    expect(stopped.variables).toMatchObject({ label: 'Won Globex', last: 4 });
    // Nothing ran for real and nothing was kept: no activity, mail job, execution or step.
    expect(await activities('Won Globex')).toEqual([]);
    expect(await counts()).toEqual(before);

    // The approval's decision from the sample: the test goes on to the end.
    const done = expectStatus(
      await a.call<{ status: string; steps: { stepId: string; status: string }[]; variables: Record<string, unknown> }>(
        'POST',
        `/flows/${flow.id}/test-run`,
        builder.token,
        { trigger: sample, outputs: { approve: { decision: 'approved', values: {} } } },
      ),
      200,
    );
    expect(done.status).toBe('succeeded');
    expect(done.steps.slice(-2).map((s) => [s.stepId, s.status])).toEqual([
      ['approve', 'mocked'],
      ['after', 'succeeded'],
    ]);
    expect(done.variables).toMatchObject({ decision: 'approved' });

    // A small deal: the condition ends it after one step.
    const small = expectStatus(
      await a.call<{ status: string; steps: unknown[] }>('POST', `/flows/${flow.id}/test-run`, builder.token, {
        trigger: { payload: { name: 'Tiny', amount: '10.00' } },
      }),
      200,
    );
    expect(small).toMatchObject({ status: 'succeeded', steps: [{ stepId: 'big', status: 'succeeded', next: null }] });
    expect(await counts()).toEqual(before);
  });

  it('reports a refused action as the step’s failure (or its onError); needs automation:write on the flow', async () => {
    const flow = expectStatus(
      await a.call<{ id: string }>('POST', '/flows', admin.token, {
        name: 'Tested as an employee',
        runAsUserId: employee.id,
        definition: withOrg({ trigger: { kind: 'manual' }, steps: [activityStep('note', '"Never"')] }),
      }),
      201,
    );
    const failed = expectStatus(
      await a.call<{ status: string; reason: string; steps: { status: string; error: string }[] }>(
        'POST',
        `/flows/${flow.id}/test-run`,
        admin.token,
        { trigger: { values: {} } },
      ),
      200,
    );
    expect(failed.status).toBe('failed');
    expect(failed.steps[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/lacks the permission crm:write/),
    });

    // An unsaved definition from the editor, with an error branch.
    const branched = expectStatus(
      await a.call<{ status: string; steps: { stepId: string; status: string }[]; variables: Record<string, unknown> }>(
        'POST',
        `/flows/${flow.id}/test-run`,
        admin.token,
        {
          trigger: {},
          definition: withOrg({
            trigger: { kind: 'manual' },
            steps: [
              activityStep('note', '"Never"', { onError: 'why' }),
              { kind: 'set', id: 'why', variables: { code: 'error.code' } },
            ],
          }),
        },
      ),
      200,
    );
    expect(branched).toMatchObject({ status: 'succeeded', variables: { code: 'permission-denied' } });

    expect((await a.call('POST', `/flows/${flow.id}/test-run`, employee.token, { trigger: {} })).status).toBe(403);
    // A draft that does not validate: 422.
    const invalid = await a.call('POST', `/flows/${flow.id}/test-run`, admin.token, {
      trigger: {},
      definition: { trigger: { kind: 'manual' }, steps: [{ kind: 'set', id: 'a', variables: { x: '1 +' } }] },
    });
    expect(invalid.status).toBe(422);
  });
});
