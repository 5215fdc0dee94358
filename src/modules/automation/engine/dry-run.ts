import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../../../platform/db/database.js';
import type { ExecutionState, HandledError } from '../automation.tables.js';
import { locate, successor, type FlowDefinitionValue, type StepDefinition } from '../flows/definition.js';
import type { ExecutionRow } from '../runs/runs.repository.js';
import { now } from './clock.js';
import { describe, errorCode, runStep, type StepOutcome } from './engine.js';

/**
 * A test run (`POST /flows/{id}/test-run`, docs/adr/0016 "Test runs"): a definition run in memory with
 * a sample trigger, in a database transaction that is always rolled back, so nothing it reads or
 * writes stays and no execution is recorded.
 *
 * - Conditions, `set`, loops and every expression run for real, against the sample.
 * - Actions, emails, HTTP requests and sub-flows are **not** run: each is checked as far as it can be
 *   without its effect (the action exists, the run-as user holds its permission, its input passes the
 *   action's schema; the email's recipients and templates; the URL and the credential's use) and its
 *   output is `{ dryRun: true, wouldCall, input }`. Outgoing webhooks are never sent (no event is emitted).
 * - Waits for a duration or a date are reported (`resumeAt`) and **skipped**: the test goes on at once.
 * - Approvals and waits for an event **stop** the test there (`status: "stopped"`), unless the sample
 *   gives that step's output in `outputs` (e.g. `{ "approve": { "decision": "approved", "values": {} } }`).
 * - `outputs` may stand in for any step's output (an action's result that later steps read).
 * - A failing step goes to its `onError` branch as in a real run (no retries), else the test ends `failed`.
 */
export interface TestRunRequest {
  /** What the expressions see as `trigger`, e.g. `{ "payload": { … } }` for an event trigger. */
  trigger: Record<string, unknown>;
  /** Stand-in outputs by step id. */
  outputs?: Record<string, unknown> | undefined;
}

export type TestStepStatus = 'succeeded' | 'failed' | 'mocked' | 'skipped' | 'stopped';

export interface TestRunStep {
  stepId: string;
  kind: string;
  status: TestStepStatus;
  input: unknown;
  output: unknown;
  error: string | null;
  /** Where the run would go next (null: the end). */
  next: string | null;
}

export interface TestRunResult {
  status: 'succeeded' | 'failed' | 'stopped';
  /** Why the test stopped or failed. */
  reason: string | null;
  steps: TestRunStep[];
  variables: Record<string, unknown>;
}

/** Steps a test runs at most (a `goto` cycle would run forever otherwise). */
export const TEST_RUN_MAX_STEPS = 1_000;

class Rollback extends Error {}

/** Kinds whose output a test cannot make up: the test stops there unless the sample gives it. */
function waitsForSomeone(step: StepDefinition): string | null {
  if (step.kind === 'approval')
    return `waits for ${'role' in step.assignee ? `the role ${step.assignee.role}` : 'a person'} to decide`;
  if (step.kind === 'wait' && step.event !== undefined) return `waits for the event ${step.event}`;
  return null;
}

export async function testRun(
  db: Db,
  input: { flowId: string; definition: FlowDefinitionValue; runAsUserId: string; request: TestRunRequest },
): Promise<TestRunResult> {
  let result: TestRunResult | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      result = await simulate(trx, input);
      throw new Rollback('test run: nothing is kept');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result!;
}

async function simulate(
  trx: Tx,
  input: { flowId: string; definition: FlowDefinitionValue; runAsUserId: string; request: TestRunRequest },
): Promise<TestRunResult> {
  const { definition, request } = input;
  const outputs = request.outputs ?? {};
  const started = now();
  let exec: ExecutionRow = {
    id: randomUUID(),
    flow_id: input.flowId,
    version: 0,
    status: 'running',
    trigger: request.trigger,
    state: { vars: {}, steps: {} },
    next_step: definition.steps[0]!.id,
    next_seq: 1,
    step_attempts: 0,
    resume_at: null,
    run_as_user_id: input.runAsUserId,
    trigger_key: null,
    retry_of: null,
    started_by: null,
    error: null,
    parent_execution_id: null,
    parent_step_id: null,
    depth: 0,
    wait_event: null,
    created_at: started,
    updated_at: started,
    finished_at: null,
  };
  const steps: TestRunStep[] = [];
  const end = (status: TestRunResult['status'], reason: string | null): TestRunResult => ({
    status,
    reason,
    steps,
    variables: exec.state.vars,
  });
  for (let count = 0; exec.next_step !== null; count++) {
    if (count >= TEST_RUN_MAX_STEPS)
      return end('stopped', `More than ${TEST_RUN_MAX_STEPS} steps ran: the flow may loop through its goto targets.`);
    const place = locate(definition, exec.next_step);
    if (!place) return end('failed', `The definition has no step ${exec.next_step}.`);
    const step = place.step;
    const record = (status: TestStepStatus, fields: Partial<TestRunStep>) =>
      steps.push({
        stepId: step.id,
        kind: step.kind,
        status,
        input: null,
        output: null,
        error: null,
        next: null,
        ...fields,
      });
    const advance = (output: unknown, next: string | null, patch: Partial<ExecutionState> = {}) => {
      exec = {
        ...exec,
        state: { ...exec.state, steps: { ...exec.state.steps, [step.id]: output }, ...patch },
        next_step: next,
      };
    };

    // A stand-in output from the sample (not for a loop, whose frame the test keeps itself).
    if (step.kind !== 'loop' && Object.hasOwn(outputs, step.id)) {
      const output = outputs[step.id];
      const next = successor(place, nextOf(step, output));
      record('mocked', { output, next });
      advance(output, next);
      continue;
    }
    const waiting = waitsForSomeone(step);
    if (waiting) {
      record('stopped', {
        error: `The step ${waiting}: a test run stops here. Give its output under outputs.${step.id} to go past it.`,
      });
      return end('stopped', `Step ${step.id} ${waiting}.`);
    }

    let outcome: StepOutcome;
    try {
      outcome = await runStep(trx, exec, place, { dryRun: true });
    } catch (error) {
      const message = describe(error);
      if (step.onError !== undefined) {
        const handled: HandledError = { message, code: errorCode(error), stepId: step.id };
        const output = { ok: false, error: handled };
        const next = successor(place, step.onError);
        record('failed', { output, error: message, next });
        advance(output, next, { error: handled });
        continue;
      }
      record('failed', { error: message });
      return end('failed', `Step ${step.id} failed: ${message}`);
    }
    if (outcome.kind === 'suspend') {
      // Not expected (approvals and event waits are handled above; a sub-flow does not start in a test).
      record('stopped', { input: outcome.input, error: 'The step would wait here.' });
      return end('stopped', `Step ${step.id} would wait.`);
    }
    const stepsAfter = { ...exec.state.steps };
    for (const id of outcome.kind === 'next' ? (outcome.forget ?? []) : []) delete stepsAfter[id];
    stepsAfter[step.id] = outcome.output;
    const loop = outcome.kind === 'next' && outcome.loop !== undefined ? outcome.loop : exec.state.loop;
    const error = outcome.kind === 'next' && outcome.error ? outcome.error : exec.state.error;
    const skippedWait = outcome.kind === 'wait';
    record(skippedWait ? 'skipped' : outcome.kind === 'next' && outcome.error ? 'failed' : 'succeeded', {
      input: outcome.input,
      output: skippedWait
        ? { ...(outcome.output as object), dryRun: true, skipped: 'A test run does not wait.' }
        : outcome.output,
      next: outcome.next,
      ...(outcome.kind === 'next' && outcome.error ? { error: outcome.error.message } : {}),
    });
    exec = {
      ...exec,
      state: {
        vars: { ...exec.state.vars, ...(outcome.kind === 'next' ? outcome.vars : {}) },
        steps: stepsAfter,
        ...(loop ? { loop } : {}),
        ...(error ? { error } : {}),
      },
      next_step: outcome.next,
    };
  }
  return end('succeeded', null);
}

/** Where a step with a stand-in output goes: an approval's deadline or an event wait's timeout branch when the output says so. */
function nextOf(step: StepDefinition, output: unknown): string | undefined {
  const o = output && typeof output === 'object' ? (output as Record<string, unknown>) : {};
  if (step.kind === 'approval' && o.decision === 'expired') return step.onDeadline ?? step.next;
  if (step.kind === 'wait' && step.event !== undefined && o.timedOut === true) return step.onTimeout ?? step.next;
  if (step.kind === 'condition') return step.otherwise;
  return 'next' in step ? step.next : undefined;
}
