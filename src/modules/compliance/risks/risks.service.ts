import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors, type FieldError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { activeUserIds, usersHolding } from '../../auth/index.js';
import type { RisksTable, Treatment } from '../compliance.tables.js';
import { heatMap, matrixProblems, rating, score, type RiskMatrix } from './matrix.js';
import type { CreateRiskBody, RiskListQuery, RiskMatrixBody, UpdateRiskBody } from './risks.schemas.js';

type RiskRow = Selectable<RisksTable>;

const today = () => new Date().toISOString().slice(0, 10);

export async function loadMatrix(db: Db, lock: 'share' | 'update' | null = null) {
  let q = db.selectFrom('compliance.risk_matrix').selectAll().where('id', '=', 1);
  if (lock === 'share') q = q.forShare();
  if (lock === 'update') q = q.forUpdate();
  const row = await q.executeTakeFirstOrThrow();
  return {
    likelihoodLevels: row.likelihood_levels,
    impactLevels: row.impact_levels,
    bands: row.bands,
    version: row.version,
  };
}

/** Changes the matrix (409 when a risk is rated beyond the new size: re-rate it first). */
export async function updateMatrix(db: Db, ctx: RequestContext, input: z.output<typeof RiskMatrixBody>) {
  const problems = matrixProblems(input);
  if (problems.length > 0) throw errors.validation(problems.map((p) => ({ ...p, code: 'invalid_matrix' })));
  return inTransaction(db, async (trx) => {
    const before = await loadMatrix(trx, 'update');
    assertVersion('Risk matrix', before, input.version);
    const L = input.likelihoodLevels.length;
    const I = input.impactLevels.length;
    const beyond = await trx
      .selectFrom('compliance.risks')
      .select(['id', 'title'])
      .where((eb) =>
        eb.or([
          eb('inherent_likelihood', '>', L),
          eb('inherent_impact', '>', I),
          eb('residual_likelihood', '>', L),
          eb('residual_impact', '>', I),
        ]),
      )
      .executeTakeFirst();
    if (beyond)
      throw errors.conflict(`The risk "${beyond.title}" is rated beyond a ${L}×${I} matrix: re-rate it first.`, {
        riskId: beyond.id,
      });
    await trx
      .updateTable('compliance.risk_matrix')
      .set({
        likelihood_levels: JSON.stringify(input.likelihoodLevels),
        impact_levels: JSON.stringify(input.impactLevels),
        bands: JSON.stringify(input.bands),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', 1)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'compliance.risk-matrix-updated',
      entityType: 'compliance.risk-matrix',
      entityId: '1',
      before: { likelihoodLevels: before.likelihoodLevels, impactLevels: before.impactLevels, bands: before.bands },
      after: { likelihoodLevels: input.likelihoodLevels, impactLevels: input.impactLevels, bands: input.bands },
    });
    return loadMatrix(trx);
  });
}

async function controlIdsOf(db: Db, riskIds: readonly string[]) {
  const map = new Map<string, string[]>(riskIds.map((id) => [id, []]));
  if (riskIds.length === 0) return map;
  const rows = await db
    .selectFrom('compliance.risk_controls')
    .select(['risk_id', 'control_id'])
    .where('risk_id', 'in', [...riskIds])
    .orderBy('control_id')
    .execute();
  for (const r of rows) map.get(r.risk_id)?.push(r.control_id);
  return map;
}

async function toDtos(db: Db, rows: RiskRow[]) {
  const matrix = await loadMatrix(db);
  const controls = await controlIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    assetId: r.asset_id,
    threat: r.threat,
    ownerId: r.owner_id,
    inherent: rating(matrix, r.inherent_likelihood, r.inherent_impact),
    residual:
      r.residual_likelihood !== null && r.residual_impact !== null
        ? rating(matrix, r.residual_likelihood, r.residual_impact)
        : null,
    treatment: r.treatment,
    treatmentNotes: r.treatment_notes,
    controlIds: controls.get(r.id) ?? [],
    acceptedBy: r.accepted_by,
    acceptanceExpiresOn: r.acceptance_expires_on,
    acceptanceExpired:
      r.treatment === 'accept' && r.acceptance_expires_on !== null && r.acceptance_expires_on < today(),
    transferredTo: r.transferred_to,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

interface RiskState {
  ownerId: string;
  assetId: string | null;
  inherent: { likelihood: number; impact: number };
  residual: { likelihood: number; impact: number } | null;
  treatment: Treatment | null;
  controlIds: readonly string[];
  acceptedBy: string | null;
  acceptanceExpiresOn: string | null;
  transferredTo: string | null;
}

/** Everything a risk must satisfy, checked on its state after the change (422 naming each field). */
async function checkRisk(trx: Tx, matrix: RiskMatrix, s: RiskState, changed: (field: string) => boolean) {
  const problems: FieldError[] = [];
  const L = matrix.likelihoodLevels.length;
  const I = matrix.impactLevels.length;
  for (const kind of ['inherent', 'residual'] as const) {
    const r = s[kind];
    if (!r) continue;
    if (r.likelihood > L)
      problems.push({ path: `${kind}.likelihood`, message: `The matrix has ${L} likelihood levels.`, code: 'too_big' });
    if (r.impact > I)
      problems.push({ path: `${kind}.impact`, message: `The matrix has ${I} impact levels.`, code: 'too_big' });
  }
  if (s.residual && score(s.residual.likelihood, s.residual.impact) > score(s.inherent.likelihood, s.inherent.impact))
    problems.push({ path: 'residual', message: 'The residual risk cannot exceed the inherent risk.', code: 'too_big' });
  if (s.treatment === 'mitigate' && s.controlIds.length === 0)
    problems.push({ path: 'controlIds', message: 'Name the controls that mitigate the risk.', code: 'required' });
  if (s.treatment === 'accept') {
    if (!s.acceptedBy)
      problems.push({ path: 'acceptedBy', message: 'Who approved accepting the risk?', code: 'required' });
    if (!s.acceptanceExpiresOn)
      problems.push({ path: 'acceptanceExpiresOn', message: 'An accepted risk needs an expiry.', code: 'required' });
    else if (changed('acceptanceExpiresOn') && s.acceptanceExpiresOn <= today())
      problems.push({ path: 'acceptanceExpiresOn', message: 'The expiry must be in the future.', code: 'too_small' });
  }
  if (s.treatment === 'transfer' && !s.transferredTo)
    problems.push({ path: 'transferredTo', message: 'To whom is the risk transferred?', code: 'required' });
  if (problems.length > 0) throw errors.validation(problems);

  if (changed('ownerId') && !(await activeUserIds(trx, [s.ownerId])).has(s.ownerId))
    throw errors.invalidReference('ownerId', 'User', s.ownerId);
  if (s.assetId && changed('assetId')) {
    const asset = await trx.selectFrom('compliance.assets').select('id').where('id', '=', s.assetId).executeTakeFirst();
    if (!asset) throw errors.invalidReference('assetId', 'Asset', s.assetId);
  }
  if (s.treatment === 'accept' && s.acceptedBy && changed('acceptedBy')) {
    const approvers = await usersHolding(trx, ['compliance:admin']);
    if (!approvers.some((a) => a.id === s.acceptedBy))
      throw errors.validation([
        {
          path: 'acceptedBy',
          message: 'The approver must be an active user holding compliance:admin.',
          code: 'invalid_reference',
        },
      ]);
  }
  if (changed('controlIds') && s.controlIds.length > 0) {
    const found = new Set(
      (
        await trx
          .selectFrom('compliance.controls')
          .select('id')
          .where('id', 'in', [...s.controlIds])
          .execute()
      ).map((c) => c.id),
    );
    const i = s.controlIds.findIndex((id) => !found.has(id));
    if (i >= 0) throw errors.invalidReference(`controlIds.${i}`, 'Control', s.controlIds[i]!);
  }
}

const columnsOf = (s: RiskState) => ({
  owner_id: s.ownerId,
  asset_id: s.assetId,
  inherent_likelihood: s.inherent.likelihood,
  inherent_impact: s.inherent.impact,
  residual_likelihood: s.residual?.likelihood ?? null,
  residual_impact: s.residual?.impact ?? null,
  treatment: s.treatment,
  // Fields of another treatment are cleared, so a risk never reads as accepted and transferred at once.
  accepted_by: s.treatment === 'accept' ? s.acceptedBy : null,
  acceptance_expires_on: s.treatment === 'accept' ? s.acceptanceExpiresOn : null,
  transferred_to: s.treatment === 'transfer' ? s.transferredTo : null,
});

async function replaceControls(trx: Tx, riskId: string, ids: readonly string[]) {
  await trx.deleteFrom('compliance.risk_controls').where('risk_id', '=', riskId).execute();
  const unique = [...new Set(ids)];
  if (unique.length > 0)
    await trx
      .insertInto('compliance.risk_controls')
      .values(unique.map((control_id) => ({ risk_id: riskId, control_id })))
      .execute();
}

const auditView = (r: RiskRow, controlIds: readonly string[]) => ({
  title: r.title,
  assetId: r.asset_id,
  ownerId: r.owner_id,
  inherent: [r.inherent_likelihood, r.inherent_impact],
  residual: r.residual_likelihood === null ? null : [r.residual_likelihood, r.residual_impact],
  treatment: r.treatment,
  acceptedBy: r.accepted_by,
  acceptanceExpiresOn: r.acceptance_expires_on,
  transferredTo: r.transferred_to,
  controlIds,
});

async function riskRow(db: Db, id: string, forUpdate = false): Promise<RiskRow> {
  let q = db.selectFrom('compliance.risks').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Risk', id);
  return row;
}

export async function listRisks(db: Db, filter: z.output<typeof RiskListQuery>) {
  let q = db.selectFrom('compliance.risks as r').selectAll('r');
  if (filter.assetId) q = q.where('r.asset_id', '=', filter.assetId);
  if (filter.treatment) q = q.where('r.treatment', '=', filter.treatment);
  if (filter.ownerId) q = q.where('r.owner_id', '=', filter.ownerId);
  if (filter.q) q = q.where('r.title', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, {
    sort: { title: 'r.title', updatedAt: 'r.updated_at' },
    id: 'r.id',
    idKey: 'id',
  });
  return { items: await toDtos(db, page.items), nextCursor: page.nextCursor };
}

export async function getRisk(db: Db, id: string) {
  return (await toDtos(db, [await riskRow(db, id)]))[0]!;
}

export async function createRisk(db: Db, ctx: RequestContext, input: z.output<typeof CreateRiskBody>) {
  const state: RiskState = {
    ownerId: input.ownerId ?? ctx.actor!.userId,
    assetId: input.assetId,
    inherent: input.inherent,
    residual: input.residual,
    treatment: input.treatment,
    controlIds: input.controlIds,
    acceptedBy: input.acceptedBy,
    acceptanceExpiresOn: input.acceptanceExpiresOn,
    transferredTo: input.transferredTo,
  };
  const row = await inTransaction(db, async (trx) => {
    const matrix = await loadMatrix(trx, 'share');
    await checkRisk(trx, matrix, state, () => true);
    const created = await trx
      .insertInto('compliance.risks')
      .values({
        title: input.title,
        description: input.description,
        threat: input.threat,
        treatment_notes: input.treatmentNotes,
        ...columnsOf(state),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await replaceControls(trx, created.id, state.controlIds);
    await writeAudit(trx, ctx, {
      action: 'compliance.risk-created',
      entityType: 'compliance.risk',
      entityId: created.id,
      after: auditView(created, state.controlIds),
    });
    return created;
  });
  return (await toDtos(db, [row]))[0]!;
}

export async function updateRisk(db: Db, ctx: RequestContext, id: string, input: z.output<typeof UpdateRiskBody>) {
  const row = await inTransaction(db, async (trx) => {
    const matrix = await loadMatrix(trx, 'share');
    const before = await riskRow(trx, id, true);
    assertVersion('Risk', before, input.version);
    const controlsBefore = (await controlIdsOf(trx, [id])).get(id) ?? [];
    const state: RiskState = {
      ownerId: input.ownerId ?? before.owner_id,
      assetId: input.assetId !== undefined ? input.assetId : before.asset_id,
      inherent: input.inherent ?? { likelihood: before.inherent_likelihood, impact: before.inherent_impact },
      residual:
        input.residual !== undefined
          ? input.residual
          : before.residual_likelihood !== null && before.residual_impact !== null
            ? { likelihood: before.residual_likelihood, impact: before.residual_impact }
            : null,
      treatment: input.treatment !== undefined ? input.treatment : before.treatment,
      controlIds: input.controlIds ?? controlsBefore,
      acceptedBy: input.acceptedBy !== undefined ? input.acceptedBy : before.accepted_by,
      acceptanceExpiresOn:
        input.acceptanceExpiresOn !== undefined ? input.acceptanceExpiresOn : before.acceptance_expires_on,
      transferredTo: input.transferredTo !== undefined ? input.transferredTo : before.transferred_to,
    };
    const treatmentChanged = input.treatment !== undefined && input.treatment !== before.treatment;
    await checkRisk(
      trx,
      matrix,
      state,
      (field) => treatmentChanged || (input as Record<string, unknown>)[field] !== undefined,
    );
    const after = await trx
      .updateTable('compliance.risks')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.threat !== undefined ? { threat: input.threat } : {}),
        ...(input.treatmentNotes !== undefined ? { treatment_notes: input.treatmentNotes } : {}),
        ...columnsOf(state),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.controlIds) await replaceControls(trx, id, input.controlIds);
    await writeAudit(trx, ctx, {
      action: 'compliance.risk-updated',
      entityType: 'compliance.risk',
      entityId: id,
      before: auditView(before, controlsBefore),
      after: auditView(after, state.controlIds),
    });
    return after;
  });
  return (await toDtos(db, [row]))[0]!;
}

export async function deleteRisk(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await riskRow(trx, id, true);
    assertVersion('Risk', before, version);
    const controls = (await controlIdsOf(trx, [id])).get(id) ?? [];
    await trx.deleteFrom('compliance.risks').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'compliance.risk-deleted',
      entityType: 'compliance.risk',
      entityId: id,
      before: auditView(before, controls),
    });
  });
}

/** Counts of risks per cell of the matrix (every cell, zeros included). */
export async function riskHeatMap(db: Db, basis: 'inherent' | 'residual') {
  const matrix = await loadMatrix(db);
  const rows = await db
    .selectFrom('compliance.risks')
    .select(['inherent_likelihood', 'inherent_impact', 'residual_likelihood', 'residual_impact'])
    .execute();
  const ratings: { likelihood: number; impact: number }[] = [];
  let unrated = 0;
  for (const r of rows) {
    if (basis === 'inherent') ratings.push({ likelihood: r.inherent_likelihood, impact: r.inherent_impact });
    else if (r.residual_likelihood !== null && r.residual_impact !== null)
      ratings.push({ likelihood: r.residual_likelihood, impact: r.residual_impact });
    else unrated++;
  }
  return {
    basis,
    likelihoodLevels: matrix.likelihoodLevels,
    impactLevels: matrix.impactLevels,
    cells: heatMap(matrix, ratings),
    total: rows.length,
    unrated,
  };
}
