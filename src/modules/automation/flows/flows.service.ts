import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { hasPermission, type Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors, type FieldError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { PageRequest } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { activeUserIds } from '../../auth/index.js';
import { automationCatalog } from '../engine/catalog.js';
import { now } from '../engine/clock.js';
import { releaseSlots, startExecution } from '../engine/engine.js';
import { testRun, type TestRunRequest, type TestRunResult } from '../engine/dry-run.js';
import { wakeForFlow } from '../engine/wake.js';
import {
  checkDefinition,
  FlowDefinition,
  subflowsOf,
  type FlowDefinitionValue,
  type FormFieldDefinition,
} from './definition.js';
import * as repo from './flows.repository.js';

const ENTITY = 'automation.flow';

export interface FlowDto {
  id: string;
  name: string;
  description: string;
  runAsUserId: string;
  enabled: boolean;
  draft: unknown;
  publishedVersion: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const toFlowDto = (row: repo.FlowRow): FlowDto => ({
  id: row.id,
  name: row.name,
  description: row.description,
  runAsUserId: row.run_as_user_id,
  enabled: row.enabled,
  draft: row.draft,
  publishedVersion: row.published_version,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor;
}

/**
 * A sub-flow step names a published flow, and no chain of sub-flows leads back to the flow being
 * saved (followed through the other flows' published versions; the engine also stops at a depth of
 * MAX_SUBFLOW_DEPTH, for cycles made later by publishing another flow).
 */
async function subflowProblems(db: Db, flowId: string | null, definition: FlowDefinitionValue): Promise<FieldError[]> {
  const out: FieldError[] = [];
  const calledBy = async (id: string): Promise<string[] | null> => {
    const flow = await repo.findFlow(db, id);
    if (!flow || flow.published_version === null) return null;
    const version = await repo.findVersion(db, id, flow.published_version);
    const parsed = FlowDefinition.safeParse(version?.definition);
    return parsed.success ? subflowsOf(parsed.data) : [];
  };
  for (const [i, step] of definition.steps.entries()) {
    if (step.kind !== 'subflow') continue;
    const path = `definition.steps.${i}.flowId`;
    if (step.flowId === flowId) {
      out.push({ path, message: 'A flow cannot call itself.', code: 'cycle' });
      continue;
    }
    const first = await calledBy(step.flowId);
    if (first === null) {
      out.push({ path, message: `No published flow has the id ${step.flowId}.`, code: 'invalid-reference' });
      continue;
    }
    if (flowId === null) continue;
    // Breadth first through the published versions, each flow once.
    const seen = new Set<string>([step.flowId]);
    let frontier = first;
    let cycle = false;
    for (let depth = 0; depth < 50 && frontier.length > 0 && !cycle; depth++) {
      const next: string[] = [];
      for (const id of frontier) {
        if (id === flowId) cycle = true;
        if (seen.has(id)) continue;
        seen.add(id);
        next.push(...((await calledBy(id)) ?? []));
      }
      frontier = next;
    }
    if (cycle)
      out.push({
        path,
        message: `Flow ${step.flowId} calls back into this flow (a cycle of sub-flows).`,
        code: 'cycle',
      });
  }
  return out;
}

/** Zod (done by the route) plus the checks a schema cannot make; 422 naming each problem. */
async function validated(
  db: Db,
  definition: FlowDefinitionValue,
  flowId: string | null = null,
): Promise<FlowDefinitionValue> {
  const problems = checkDefinition(definition, await automationCatalog());
  problems.push(...(await subflowProblems(db, flowId, definition)));
  // An approval assigned to a person needs an active user.
  const assignees = definition.steps.flatMap((s, i) =>
    s.kind === 'approval' && 'userId' in s.assignee ? [{ i, id: s.assignee.userId }] : [],
  );
  const active = await activeUserIds(
    db,
    assignees.map((a) => a.id),
  );
  for (const a of assignees)
    if (!active.has(a.id))
      problems.push({
        path: `definition.steps.${a.i}.assignee.userId`,
        message: `No active user has the id ${a.id}.`,
        code: 'invalid-reference',
      });
  if (problems.length > 0) throw errors.validation(problems, 'The flow definition is not valid.');
  return definition;
}

/**
 * A flow runs as its run-as user: you may make it yourself; another user needs `automation:admin`
 * (else anyone could borrow an administrator's permissions through a flow).
 */
async function assertRunAs(db: Db, actor: Actor, userId: string) {
  if (userId !== actor.userId && !hasPermission(actor, 'automation:admin')) throw errors.forbidden('automation:admin');
  if (!(await activeUserIds(db, [userId])).has(userId)) throw errors.invalidReference('runAsUserId', 'User', userId);
}

/** Changing a flow that runs as someone else needs `automation:admin`. */
function assertMayChange(actor: Actor, flow: repo.FlowRow) {
  if (flow.run_as_user_id !== actor.userId && !hasPermission(actor, 'automation:admin'))
    throw errors.forbidden('automation:admin');
}

export async function createFlow(
  db: Db,
  ctx: RequestContext,
  input: {
    name: string;
    description?: string | undefined;
    runAsUserId?: string | undefined;
    definition: FlowDefinitionValue;
  },
) {
  const actor = actorOf(ctx);
  const definition = await validated(db, input.definition);
  const runAs = input.runAsUserId ?? actor.userId;
  return inTransaction(db, async (trx) => {
    await assertRunAs(trx, actor, runAs);
    const row = await repo.insertFlow(trx, {
      name: input.name,
      description: input.description ?? '',
      run_as_user_id: runAs,
      draft: definition,
      created_by: actor.userId,
    });
    await writeAudit(trx, ctx, { action: 'flow.created', entityType: ENTITY, entityId: row.id, after: { ...row } });
    return toFlowDto(row);
  });
}

export async function updateFlow(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: {
    version: number;
    name?: string | undefined;
    description?: string | undefined;
    runAsUserId?: string | undefined;
    enabled?: boolean | undefined;
    definition?: FlowDefinitionValue | undefined;
  },
) {
  const actor = actorOf(ctx);
  const definition = input.definition ? await validated(db, input.definition, id) : undefined;
  return inTransaction(db, async (trx) => {
    const before = await repo.findFlow(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Flow', id);
    assertVersion('Flow', before, input.version);
    assertMayChange(actor, before);
    if (input.runAsUserId !== undefined) await assertRunAs(trx, actor, input.runAsUserId);
    const after = await repo.updateFlow(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.runAsUserId !== undefined ? { run_as_user_id: input.runAsUserId } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(definition !== undefined ? { draft: definition } : {}),
    });
    // Enabled again: a scheduled flow's next slot needs its tick.
    if (input.enabled === true && !before.enabled && after.published_version !== null) {
      const published = await repo.findVersion(trx, id, after.published_version);
      if (published) await wakeForFlow(trx, published.definition, now());
    }
    await writeAudit(trx, ctx, {
      action: 'flow.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return toFlowDto(after);
  });
}

/** Publishes the draft as the next version (immutable); running executions keep theirs. */
export async function publishFlow(db: Db, ctx: RequestContext, id: string, expectedVersion: number) {
  const actor = actorOf(ctx);
  return inTransaction(db, async (trx) => {
    const before = await repo.findFlow(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Flow', id);
    assertVersion('Flow', before, expectedVersion);
    assertMayChange(actor, before);
    const parsed = FlowDefinition.safeParse(before.draft);
    if (!parsed.success) throw errors.validation([{ path: 'draft', message: parsed.error.message }]);
    const definition = await validated(trx, parsed.data, id);
    const next = (before.published_version ?? 0) + 1;
    await repo.insertVersion(trx, { flow_id: id, version: next, definition, published_by: actor.userId });
    const after = await repo.updateFlow(trx, id, {
      published_version: next,
      trigger_kind: definition.trigger.kind,
      trigger_event: definition.trigger.kind === 'event' ? definition.trigger.event : null,
      trigger_record: definition.trigger.kind === 'manual' ? (definition.trigger.record ?? null) : null,
      max_concurrent_runs: definition.maxConcurrentRuns ?? null,
      retention_days: definition.retentionDays ?? null,
    });
    // A raised (or removed) limit: runs queued under the old one may start now.
    await releaseSlots(trx, id);
    if (after.enabled) await wakeForFlow(trx, definition, now());
    await writeAudit(trx, ctx, {
      action: 'flow.published',
      entityType: ENTITY,
      entityId: id,
      before: { published_version: before.published_version },
      after: { published_version: next, definition },
    });
    return toFlowDto(after);
  });
}

export async function getFlow(db: Db, id: string) {
  const row = await repo.findFlow(db, id);
  if (!row) throw errors.notFound('Flow', id);
  const versions = await repo.listVersions(db, id);
  return {
    ...toFlowDto(row),
    versions: versions.map((v) => ({
      version: v.version,
      publishedBy: v.published_by,
      publishedAt: v.published_at.toISOString(),
    })),
  };
}

export async function getFlowVersion(db: Db, id: string, version: number) {
  const row = await repo.findVersion(db, id, version);
  if (!row) throw errors.notFound('Flow version', `${id}@${version}`);
  return { flowId: id, version, definition: row.definition, publishedAt: row.published_at.toISOString() };
}

export async function listFlows(
  db: Db,
  request: PageRequest & { q?: string | undefined; manualFor?: string | undefined },
) {
  const page = await repo.listFlows(db, request);
  return { items: page.items.map(toFlowDto), nextCursor: page.nextCursor };
}

/** A manual trigger's form values, checked against its fields (422 under `values.<key>`). */
export function checkForm(
  fields: readonly FormFieldDefinition[],
  values: Record<string, unknown>,
  base: string,
): FieldError[] {
  const out: FieldError[] = [];
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === null || v === '') {
      if (f.required) out.push({ path: `${base}.${f.key}`, message: `${f.label} is required.` });
      continue;
    }
    const ok =
      f.type === 'number'
        ? typeof v === 'number' && Number.isFinite(v)
        : f.type === 'boolean'
          ? typeof v === 'boolean'
          : f.type === 'date'
            ? typeof v === 'string' && !Number.isNaN(Date.parse(v))
            : typeof v === 'string';
    if (!ok) out.push({ path: `${base}.${f.key}`, message: `${f.label} must be a ${f.type}.` });
  }
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values))
    if (!known.has(key)) out.push({ path: `${base}.${key}`, message: 'No such field on the form.' });
  return out;
}

/**
 * The record a manual flow is run from: its type must be the one the flow's trigger names, and the
 * caller must hold the record's read permission (else 403) and see it (else 404), as its own page's
 * `GET` answers (the owning module's `records` declaration).
 */
async function checkRecord(
  db: Db,
  ctx: RequestContext,
  trigger: Extract<FlowDefinitionValue['trigger'], { kind: 'manual' }>,
  record: { type: string; id: string } | undefined,
): Promise<{ type: string; id: string } | null> {
  if (record === undefined) {
    if (trigger.record !== undefined)
      throw errors.validation([{ path: 'record', message: `The flow runs from a ${trigger.record} record: name it.` }]);
    return null;
  }
  if (trigger.record !== record.type)
    throw errors.validation([
      {
        path: 'record.type',
        message:
          trigger.record === undefined
            ? 'The flow is not run from a record.'
            : `The flow runs from a ${trigger.record} record, not a ${record.type}.`,
      },
    ]);
  const info = (await automationCatalog()).recordTypesByKey.get(record.type);
  if (!info)
    throw errors.validation([{ path: 'record.type', message: `No installed module has ${record.type} records.` }]);
  // The record's own rules: its module's read permission (403, as its page's GET), then its visibility (404).
  if (!ctx.actor || !hasPermission(ctx.actor, info.read)) throw errors.forbidden(info.read);
  const visible = await info.visible();
  if (!(await visible(db, ctx, record.id))) throw errors.notFound(info.label, record.id);
  return { type: record.type, id: record.id };
}

/** Starts the published version of a manually triggered flow with the form's values (and the record it runs from). */
export async function runFlow(
  db: Db,
  ctx: RequestContext,
  id: string,
  values: Record<string, unknown>,
  record?: { type: string; id: string },
) {
  const actor = actorOf(ctx);
  return inTransaction(db, async (trx) => {
    const flow = await repo.findFlow(trx, id);
    if (!flow) throw errors.notFound('Flow', id);
    assertMayChange(actor, flow);
    if (flow.published_version === null) throw errors.conflict('Publish the flow before running it.');
    if (!flow.enabled) throw errors.conflict('The flow is disabled.');
    const version = await repo.findVersion(trx, id, flow.published_version);
    const definition = FlowDefinition.parse(version!.definition);
    if (definition.trigger.kind !== 'manual')
      throw errors.conflict('Only a flow with a manual trigger is run by hand.');
    const problems = checkForm(definition.trigger.form, values, 'values');
    if (problems.length > 0) throw errors.validation(problems);
    const from = await checkRecord(trx, ctx, definition.trigger, record);
    const executionId = await startExecution(trx, {
      flowId: id,
      version: flow.published_version,
      definition,
      runAsUserId: flow.run_as_user_id,
      trigger: { type: 'manual', values, by: actor.userId, ...(from ? { record: from } : {}) },
      triggerKey: null,
      startedBy: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'flow.run',
      entityType: ENTITY,
      entityId: id,
      after: { executionId, version: flow.published_version, values, ...(from ? { record: from } : {}) },
    });
    return { executionId: executionId! };
  });
}

/**
 * A test run of the draft (or of a definition the editor sends, not saved) with a sample trigger:
 * nothing is run for real nor kept (engine/dry-run.ts). Who may run the flow may test it.
 */
export async function testRunFlow(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { definition?: FlowDefinitionValue | undefined } & TestRunRequest,
): Promise<TestRunResult> {
  const actor = actorOf(ctx);
  const flow = await repo.findFlow(db, id);
  if (!flow) throw errors.notFound('Flow', id);
  assertMayChange(actor, flow);
  let definition = input.definition;
  if (definition === undefined) {
    const parsed = FlowDefinition.safeParse(flow.draft);
    if (!parsed.success) throw errors.validation([{ path: 'draft', message: parsed.error.message }]);
    definition = parsed.data;
  }
  await validated(db, definition, id);
  return testRun(db, {
    flowId: id,
    definition,
    runAsUserId: flow.run_as_user_id,
    request: { trigger: input.trigger, outputs: input.outputs },
  });
}
