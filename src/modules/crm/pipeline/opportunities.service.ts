import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { emit } from '../../../platform/events/emit.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import { requireVisibleContact } from '../contacts/contacts.service.js';
import { crmErrors } from '../crm.errors.js';
import { opportunityStageChanged, opportunityWon } from '../crm.events.js';
import { displayNames, withOwnerNames } from '../crm.names.js';
import { formatAmount } from '../crm.shared.js';
import { requireVisibleOrganization } from '../organizations/organizations.service.js';
import { assertAssignable, scopeOf, type CrmScope } from '../visibility.js';
import * as repo from './opportunities.repository.js';
import type {
  CreateOpportunityInput,
  MoveOpportunityInput,
  OpportunityDto,
  OpportunityListFilter,
  OpportunityRecord,
  UpdateOpportunityInput,
} from './opportunities.schemas.js';
import * as pipelines from './pipelines.repository.js';
import { ensureDefaultPipeline } from './pipelines.service.js';

const ENTITY = 'crm.opportunity';

export function toOpportunityDto(row: repo.OpportunityViewRow, contactIds: string[]): OpportunityRecord {
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    position: row.position,
    amount: formatAmount(row.amount),
    currency: row.currency,
    expectedCloseDate: row.expected_close_date,
    probability: row.probability,
    status: row.status,
    closeReason: row.close_reason,
    closedAt: isoTimestampOrNull(row.closed_at),
    ownerId: row.owner_id,
    leadId: row.lead_id,
    contactIds,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/** Rows with their organization's name → DTOs: contacts and owner names batched for all of them. */
export async function toOpportunityDtos(db: Db, rows: repo.OpportunityViewRow[]): Promise<OpportunityDto[]> {
  const contacts = await repo.contactIdsOf(
    db,
    rows.map((o) => o.id),
  );
  return withOwnerNames(
    db,
    rows.map((o) => toOpportunityDto(o, contacts.get(o.id) ?? [])),
  );
}

/** The opportunity as the API answers it, read again after a change (with the names). */
async function answer(db: Db, scope: CrmScope, id: string): Promise<OpportunityDto> {
  const [dto] = await toOpportunityDtos(db, await repo.findOpportunityViews(db, scope, [id]));
  if (!dto) throw errors.notFound('Opportunity', id);
  return dto;
}

export async function listOpportunities(db: Db, ctx: RequestContext, filter: OpportunityListFilter) {
  const page = await repo.listOpportunities(db, scopeOf(ctx), filter);
  return { items: await toOpportunityDtos(db, page.items), nextCursor: page.nextCursor };
}

export async function findVisibleOpportunity(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findOpportunity(db, scopeOf(ctx), id);
  if (!row) throw errors.notFound('Opportunity', id);
  return row;
}

export async function getOpportunity(db: Db, ctx: RequestContext, id: string) {
  return answer(db, scopeOf(ctx), id);
}

async function assertContactsVisible(db: Db, scope: CrmScope, ids: string[], path: string) {
  for (const [i, id] of ids.entries()) await requireVisibleContact(db, scope, id, `${path}.${i}`);
}

function statusFor(stage: pipelines.StageRow) {
  return stage.is_won ? 'won' : stage.is_lost ? 'lost' : 'open';
}

/**
 * Emits `crm.opportunity.stage-changed` (and `crm.opportunity.won` when it enters a won stage) in the
 * changing transaction: the events exist only if the change commits.
 */
async function emitStageChange(
  trx: Tx,
  ctx: RequestContext,
  before: { stage_id: string; status: string } | null,
  after: repo.OpportunityRow,
) {
  const actorId = ctx.actor?.userId ?? null;
  await emit(trx, {
    type: opportunityStageChanged,
    payload: {
      opportunityId: after.id,
      pipelineId: after.pipeline_id,
      fromStageId: before?.stage_id ?? null,
      toStageId: after.stage_id,
      fromStatus: before?.status ?? null,
      toStatus: after.status,
    },
    actorId,
  });
  if (after.status === 'won' && before?.status !== 'won')
    await emit(trx, {
      type: opportunityWon,
      payload: {
        opportunityId: after.id,
        name: after.name,
        amount: after.amount,
        currency: after.currency,
        ownerId: after.owner_id,
        organizationId: after.organization_id,
      },
      actorId,
    });
}

/** Creates an opportunity inside the caller's transaction (also used by lead conversion). */
export async function insertOpportunity(
  trx: Tx,
  ctx: RequestContext,
  input: CreateOpportunityInput & { leadId?: string },
  pathPrefix = '',
) {
  const scope = scopeOf(ctx);
  const ownerId = input.ownerId ?? scope.userId;
  await assertAssignable(trx, scope, ownerId, `${pathPrefix}ownerId`);
  if (input.organizationId)
    await requireVisibleOrganization(trx, scope, input.organizationId, `${pathPrefix}organizationId`);
  const contactIds = [...new Set(input.contactIds ?? [])];
  await assertContactsVisible(trx, scope, contactIds, `${pathPrefix}contactIds`);

  const pipeline = input.pipelineId
    ? await pipelines.findPipeline(trx, input.pipelineId, { forUpdate: true })
    : await ensureDefaultPipeline(trx, ctx);
  if (!pipeline) throw errors.invalidReference(`${pathPrefix}pipelineId`, 'Pipeline', input.pipelineId ?? '');
  if (!input.pipelineId) await pipelines.findPipeline(trx, pipeline.id, { forUpdate: true });
  const stages = await pipelines.stagesOf(trx, [pipeline.id]);
  const stage = input.stageId
    ? stages.find((s) => s.id === input.stageId)
    : stages.find((s) => !s.is_won && !s.is_lost);
  if (!stage) throw errors.invalidReference(`${pathPrefix}stageId`, 'Stage of this pipeline', input.stageId ?? '');
  if (stage.is_lost) throw crmErrors.reasonRequired(`${pathPrefix}stageId`, 'create it open and then mark it lost');

  const status = statusFor(stage);
  const row = await repo.insertOpportunity(trx, {
    name: input.name,
    organization_id: input.organizationId ?? null,
    pipeline_id: pipeline.id,
    stage_id: stage.id,
    position: await repo.countInStage(trx, stage.id),
    amount: input.amount ?? '0',
    currency: input.currency,
    expected_close_date: input.expectedCloseDate ?? null,
    probability: input.probability ?? stage.probability,
    status,
    closed_at: status === 'open' ? null : new Date(),
    owner_id: ownerId,
    lead_id: input.leadId ?? null,
  });
  await repo.setContacts(trx, row.id, contactIds);
  await repo.insertStageChange(trx, row.id, null, stage.id, scope.userId);
  await emitStageChange(trx, ctx, null, row);
  await writeAudit(trx, ctx, {
    action: 'opportunity.created',
    entityType: ENTITY,
    entityId: row.id,
    after: { ...row, contact_ids: contactIds },
  });
  return answer(trx, scope, row.id);
}

export async function createOpportunity(db: Db, ctx: RequestContext, input: CreateOpportunityInput) {
  return inTransaction(db, (trx) => insertOpportunity(trx, ctx, input));
}

export async function updateOpportunity(db: Db, ctx: RequestContext, id: string, input: UpdateOpportunityInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const before = await repo.findOpportunity(trx, scope, id, { forUpdate: true });
    if (!before) throw errors.notFound('Opportunity', id);
    assertVersion('Opportunity', before, input.version);
    if (input.ownerId && input.ownerId !== before.owner_id) await assertAssignable(trx, scope, input.ownerId);
    if (input.organizationId) await requireVisibleOrganization(trx, scope, input.organizationId, 'organizationId');
    const contactsBefore = (await repo.contactIdsOf(trx, [id])).get(id) ?? [];
    if (input.contactIds) {
      await assertContactsVisible(trx, scope, input.contactIds, 'contactIds');
      await repo.setContacts(trx, id, [...new Set(input.contactIds)]);
    }
    const after = await repo.updateOpportunity(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.organizationId !== undefined ? { organization_id: input.organizationId } : {}),
      ...(input.amount !== undefined ? { amount: input.amount } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
      ...(input.expectedCloseDate !== undefined ? { expected_close_date: input.expectedCloseDate } : {}),
      ...(input.probability !== undefined ? { probability: input.probability } : {}),
      ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
    });
    const contactIds = (await repo.contactIdsOf(trx, [id])).get(id) ?? [];
    await writeAudit(trx, ctx, {
      action: 'opportunity.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before, contact_ids: contactsBefore },
      after: { ...after, contact_ids: contactIds },
    });
    return answer(trx, scope, id);
  });
}

/**
 * Moves an opportunity to `position` (0-based) in a stage of its pipeline, keeping positions dense
 * in both stages. The pipeline row is locked so concurrent moves in one pipeline serialize.
 * Entering a won/lost stage closes it (lost needs a reason); leaving one reopens it.
 */
export async function moveOpportunity(db: Db, ctx: RequestContext, id: string, input: MoveOpportunityInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const visible = await repo.findOpportunity(trx, scope, id);
    if (!visible) throw errors.notFound('Opportunity', id);
    await pipelines.findPipeline(trx, visible.pipeline_id, { forUpdate: true });
    const before = (await repo.findOpportunity(trx, scope, id, { forUpdate: true }))!;
    assertVersion('Opportunity', before, input.version);
    const stage = await pipelines.findStage(trx, input.stageId);
    if (!stage || stage.pipeline_id !== before.pipeline_id)
      throw errors.invalidReference('stageId', 'Stage of this pipeline', input.stageId);
    if (stage.is_lost && !input.reason && before.stage_id !== stage.id)
      throw crmErrors.reasonRequired('reason', 'why it was lost');

    const sameStage = stage.id === before.stage_id;
    await repo.shiftPositions(trx, before.stage_id, before.position + 1, -1, id);
    const count = await repo.countInStage(trx, stage.id);
    const max = sameStage ? count - 1 : count;
    const position = Math.min(input.position, max);
    await repo.shiftPositions(trx, stage.id, position, 1, id);

    const status = statusFor(stage);
    const after = await repo.updateOpportunity(trx, id, {
      stage_id: stage.id,
      position,
      ...(sameStage
        ? {}
        : {
            probability: stage.probability,
            status,
            closed_at: status === 'open' ? null : new Date(),
            close_reason: status === 'open' ? null : (input.reason ?? null),
          }),
    });
    if (!sameStage) {
      await repo.insertStageChange(trx, id, before.stage_id, stage.id, scope.userId);
      await emitStageChange(trx, ctx, before, after);
    }
    await writeAudit(trx, ctx, {
      action: sameStage ? 'opportunity.reordered' : 'opportunity.stage-changed',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return answer(trx, scope, id);
  });
}

/**
 * Deletes an opportunity (with `version`), closing the gap it leaves in its stage so positions stay
 * dense; the pipeline row is locked as for a move. Its contact links, stage history and activities
 * go with it; a lead converted into it keeps everything but the link.
 */
export async function deleteOpportunity(db: Db, ctx: RequestContext, id: string, version: number) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    const visible = await repo.findOpportunity(trx, scope, id);
    if (!visible) throw errors.notFound('Opportunity', id);
    await pipelines.findPipeline(trx, visible.pipeline_id, { forUpdate: true });
    const before = await repo.findOpportunity(trx, scope, id, { forUpdate: true });
    if (!before) throw errors.notFound('Opportunity', id);
    assertVersion('Opportunity', before, version);
    const contactIds = (await repo.contactIdsOf(trx, [id])).get(id) ?? [];
    await repo.deleteOpportunity(trx, id);
    await repo.shiftPositions(trx, before.stage_id, before.position + 1, -1, id);
    await repo.unlinkFromLeads(trx, id);
    await writeAudit(trx, ctx, {
      action: 'opportunity.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { ...before, contact_ids: contactIds },
    });
  });
}

/** Marks an opportunity won or lost: moves it to the top of the pipeline's won/lost stage. */
export async function closeOpportunity(
  db: Db,
  ctx: RequestContext,
  id: string,
  outcome: 'won' | 'lost',
  input: { version: number; reason?: string | undefined },
) {
  return inTransaction(db, async (trx) => {
    const row = await findVisibleOpportunity(trx, ctx, id);
    if (row.status !== 'open') throw crmErrors.opportunityClosed(row.status);
    const stages = await pipelines.stagesOf(trx, [row.pipeline_id]);
    const stage = stages.find((s) => (outcome === 'won' ? s.is_won : s.is_lost));
    if (!stage) throw errors.conflict(`This pipeline has no ${outcome} stage.`);
    return moveOpportunity(trx, ctx, id, {
      version: input.version,
      stageId: stage.id,
      position: 0,
      reason: input.reason,
    });
  });
}

export async function getStageHistory(db: Db, ctx: RequestContext, id: string) {
  await findVisibleOpportunity(db, ctx, id);
  const rows = await repo.stageHistory(db, id);
  const names = await displayNames(
    db,
    rows.map((r) => r.changed_by),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      fromStageId: r.from_stage_id,
      toStageId: r.to_stage_id,
      changedBy: r.changed_by,
      changedByName: r.changed_by ? (names.get(r.changed_by) ?? null) : null,
      changedAt: isoTimestamp(r.changed_at),
    })),
  };
}
