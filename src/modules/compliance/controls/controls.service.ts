import type { z } from '@hono/zod-openapi';
import { sql, type Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { addDays } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { activeUserIds } from '../../auth/index.js';
import type { CollectorRunStatus, ControlsTable } from '../compliance.tables.js';
import type { ControlListQuery, CreateControlBody, UpdateControlBody } from './controls.schemas.js';
import { controlHealth } from './health.js';

type ControlRow = Selectable<ControlsTable>;

/** The latest run of every collector (one index scan per collector). */
export async function latestCollectorRuns(db: Db) {
  const rows = await db
    .selectFrom('compliance.collector_runs')
    .select(['collector', 'status', 'collected_at'])
    .distinctOn('collector')
    .orderBy('collector')
    .orderBy('collected_at', 'desc')
    .execute();
  return new Map<string, { status: CollectorRunStatus; collectedAt: Date }>(
    rows.map((r) => [r.collector, { status: r.status, collectedAt: r.collected_at }]),
  );
}

export async function toControlDtos(db: Db, rows: ControlRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, policyLinks, evidence, latest] = await Promise.all([
    db
      .selectFrom('compliance.control_requirements')
      .select(['control_id', 'requirement_id'])
      .where('control_id', 'in', ids)
      .orderBy('requirement_id')
      .execute(),
    db
      .selectFrom('compliance.control_policies')
      .select(['control_id', 'policy_id'])
      .where('control_id', 'in', ids)
      .orderBy('policy_id')
      .execute(),
    db
      .selectFrom('compliance.evidence')
      .select([
        'control_id',
        sql<string>`count(*)`.as('total'),
        sql<string>`count(*) filter (where expires_on < current_date)`.as('expired'),
      ])
      .where('control_id', 'in', ids)
      .groupBy('control_id')
      .execute(),
    latestCollectorRuns(db),
  ]);
  const now = new Date();
  return rows.map((r) => {
    const counts = evidence.find((e) => e.control_id === r.id);
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      ownerId: r.owner_id,
      status: r.status,
      implementationNotes: r.implementation_notes,
      reviewFrequencyDays: r.review_frequency_days,
      nextReviewDate: r.next_review_date,
      requirementIds: links.filter((l) => l.control_id === r.id).map((l) => l.requirement_id),
      policyIds: policyLinks.filter((l) => l.control_id === r.id).map((l) => l.policy_id),
      collectors: r.collectors,
      evidenceCount: Number(counts?.total ?? 0),
      health: controlHealth({
        status: r.status,
        nextReviewDate: r.next_review_date,
        collectors: r.collectors,
        latestRuns: latest,
        expiredEvidence: Number(counts?.expired ?? 0),
        now,
      }),
      version: r.version,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  });
}

async function checkOwner(db: Db, ownerId: string) {
  if (!(await activeUserIds(db, [ownerId])).has(ownerId)) throw errors.invalidReference('ownerId', 'User', ownerId);
}

async function checkRequirements(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await db
        .selectFrom('compliance.requirements')
        .select('id')
        .where('id', 'in', [...ids])
        .execute()
    ).map((r) => r.id),
  );
  const i = ids.findIndex((id) => !found.has(id));
  if (i >= 0) throw errors.invalidReference(`requirementIds.${i}`, 'Requirement', ids[i]!);
}

async function checkPolicies(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await db
        .selectFrom('compliance.policies')
        .select('id')
        .where('id', 'in', [...ids])
        .execute()
    ).map((r) => r.id),
  );
  const i = ids.findIndex((id) => !found.has(id));
  if (i >= 0) throw errors.invalidReference(`policyIds.${i}`, 'Policy', ids[i]!);
}

async function linkedPolicies(db: Db, controlId: string) {
  return (
    await db
      .selectFrom('compliance.control_policies')
      .select('policy_id')
      .where('control_id', '=', controlId)
      .orderBy('policy_id')
      .execute()
  ).map((l) => l.policy_id);
}

async function replacePolicies(trx: Tx, controlId: string, ids: readonly string[]) {
  await trx.deleteFrom('compliance.control_policies').where('control_id', '=', controlId).execute();
  const unique = [...new Set(ids)];
  if (unique.length > 0)
    await trx
      .insertInto('compliance.control_policies')
      .values(unique.map((policy_id) => ({ control_id: controlId, policy_id })))
      .execute();
}

async function replaceRequirements(trx: Tx, controlId: string, ids: readonly string[]) {
  await trx.deleteFrom('compliance.control_requirements').where('control_id', '=', controlId).execute();
  const unique = [...new Set(ids)];
  if (unique.length > 0)
    await trx
      .insertInto('compliance.control_requirements')
      .values(unique.map((requirement_id) => ({ control_id: controlId, requirement_id })))
      .execute();
}

const auditView = (r: ControlRow, requirementIds: readonly string[], policyIds: readonly string[]) => ({
  name: r.name,
  ownerId: r.owner_id,
  status: r.status,
  reviewFrequencyDays: r.review_frequency_days,
  nextReviewDate: r.next_review_date,
  collectors: r.collectors,
  requirementIds,
  policyIds,
});

export async function controlRow(db: Db, id: string, forUpdate = false): Promise<ControlRow> {
  let q = db.selectFrom('compliance.controls').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Control', id);
  return row;
}

export async function listControls(db: Db, filter: z.output<typeof ControlListQuery>) {
  let q = db.selectFrom('compliance.controls as c').selectAll('c');
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.ownerId) q = q.where('c.owner_id', '=', filter.ownerId);
  if (filter.requirementId) {
    const requirementId = filter.requirementId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('compliance.control_requirements as cr')
          .select('cr.control_id')
          .whereRef('cr.control_id', '=', 'c.id')
          .where('cr.requirement_id', '=', requirementId),
      ),
    );
  }
  if (filter.policyId) {
    const policyId = filter.policyId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('compliance.control_policies as cp')
          .select('cp.control_id')
          .whereRef('cp.control_id', '=', 'c.id')
          .where('cp.policy_id', '=', policyId),
      ),
    );
  }
  if (filter.q) q = q.where('c.name', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, {
    sort: { name: 'c.name', updatedAt: 'c.updated_at', nextReviewDate: 'c.next_review_date' },
    id: 'c.id',
    idKey: 'id',
  });
  return { items: await toControlDtos(db, page.items), nextCursor: page.nextCursor };
}

export async function getControl(db: Db, id: string) {
  return (await toControlDtos(db, [await controlRow(db, id)]))[0]!;
}

export async function createControl(db: Db, ctx: RequestContext, input: z.output<typeof CreateControlBody>) {
  await checkOwner(db, input.ownerId);
  await checkRequirements(db, input.requirementIds);
  await checkPolicies(db, input.policyIds);
  const row = await inTransaction(db, async (trx) => {
    const created = await trx
      .insertInto('compliance.controls')
      .values({
        name: input.name,
        description: input.description,
        owner_id: input.ownerId,
        status: input.status,
        implementation_notes: input.implementationNotes,
        review_frequency_days: input.reviewFrequencyDays,
        next_review_date:
          input.nextReviewDate === undefined
            ? addDays(new Date().toISOString().slice(0, 10), input.reviewFrequencyDays)
            : input.nextReviewDate,
        collectors: [...new Set(input.collectors)],
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await replaceRequirements(trx, created.id, input.requirementIds);
    await replacePolicies(trx, created.id, input.policyIds);
    await writeAudit(trx, ctx, {
      action: 'compliance.control-created',
      entityType: 'compliance.control',
      entityId: created.id,
      after: auditView(created, input.requirementIds, input.policyIds),
    });
    return created;
  });
  return (await toControlDtos(db, [row]))[0]!;
}

export async function updateControl(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof UpdateControlBody>,
) {
  if (input.ownerId) await checkOwner(db, input.ownerId);
  if (input.requirementIds) await checkRequirements(db, input.requirementIds);
  if (input.policyIds) await checkPolicies(db, input.policyIds);
  const row = await inTransaction(db, async (trx) => {
    const before = await controlRow(trx, id, true);
    assertVersion('Control', before, input.version);
    const linksBefore = (
      await trx
        .selectFrom('compliance.control_requirements')
        .select('requirement_id')
        .where('control_id', '=', id)
        .execute()
    ).map((l) => l.requirement_id);
    const policiesBefore = await linkedPolicies(trx, id);
    const after = await trx
      .updateTable('compliance.controls')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.implementationNotes !== undefined ? { implementation_notes: input.implementationNotes } : {}),
        ...(input.reviewFrequencyDays !== undefined ? { review_frequency_days: input.reviewFrequencyDays } : {}),
        ...(input.nextReviewDate !== undefined ? { next_review_date: input.nextReviewDate } : {}),
        ...(input.collectors !== undefined ? { collectors: [...new Set(input.collectors)] } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.requirementIds) await replaceRequirements(trx, id, input.requirementIds);
    if (input.policyIds) await replacePolicies(trx, id, input.policyIds);
    await writeAudit(trx, ctx, {
      action: 'compliance.control-updated',
      entityType: 'compliance.control',
      entityId: id,
      before: auditView(before, linksBefore, policiesBefore),
      after: auditView(
        after,
        input.requirementIds ?? linksBefore,
        input.policyIds ? [...new Set(input.policyIds)] : policiesBefore,
      ),
    });
    return after;
  });
  return (await toControlDtos(db, [row]))[0]!;
}

/** Deletes a control (409 while it has evidence or mitigates a risk: their history matters). */
export async function deleteControl(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await controlRow(trx, id, true);
    assertVersion('Control', before, version);
    const evidence = await trx
      .selectFrom('compliance.evidence')
      .select('id')
      .where('control_id', '=', id)
      .executeTakeFirst();
    if (evidence)
      throw errors.conflict('The control has evidence: delete its evidence first.', { evidenceId: evidence.id });
    const risk = await trx
      .selectFrom('compliance.risk_controls')
      .select('risk_id')
      .where('control_id', '=', id)
      .executeTakeFirst();
    if (risk) throw errors.conflict('A risk is mitigated by this control: unlink it first.', { riskId: risk.risk_id });
    const links = (
      await trx
        .selectFrom('compliance.control_requirements')
        .select('requirement_id')
        .where('control_id', '=', id)
        .execute()
    ).map((l) => l.requirement_id);
    const policyIds = await linkedPolicies(trx, id);
    await trx.deleteFrom('compliance.controls').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'compliance.control-deleted',
      entityType: 'compliance.control',
      entityId: id,
      before: auditView(before, links, policyIds),
    });
  });
}
