import type { z } from '@hono/zod-openapi';
import { sql, type Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import type { AssessmentsTable, ResultStatus } from '../compliance.tables.js';
import {
  RESULT_STATUSES,
  type AssessmentListQuery,
  type CreateAssessmentBody,
  type ResultListQuery,
  type SetResultBody,
  type UpdateAssessmentBody,
} from './assessments.schemas.js';

type AssessmentRow = Selectable<AssessmentsTable>;

async function assessmentRow(db: Db, id: string, forUpdate = false): Promise<AssessmentRow> {
  let q = db.selectFrom('compliance.assessments').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Assessment', id);
  return row;
}

async function toAssessmentDtos(db: Db, rows: AssessmentRow[]) {
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom('compliance.assessments as a')
    .innerJoin('compliance.requirements as r', (j) =>
      j.onRef('r.framework_id', '=', 'a.framework_id').on('r.assessable', '=', true),
    )
    .leftJoin('compliance.assessment_results as res', (j) =>
      j.onRef('res.assessment_id', '=', 'a.id').onRef('res.requirement_id', '=', 'r.id'),
    )
    .select([
      'a.id',
      sql<ResultStatus>`coalesce(res.status, 'not-assessed')`.as('status'),
      sql<string>`count(*)`.as('n'),
    ])
    .where(
      'a.id',
      'in',
      rows.map((r) => r.id),
    )
    .groupBy(['a.id', sql`coalesce(res.status, 'not-assessed')`])
    .execute();
  return rows.map((r) => {
    const summary = Object.fromEntries(RESULT_STATUSES.map((s) => [s, 0])) as Record<ResultStatus, number>;
    for (const c of counts) if (c.id === r.id) summary[c.status] = Number(c.n);
    return {
      id: r.id,
      frameworkId: r.framework_id,
      name: r.name,
      scope: r.scope,
      status: r.status,
      summary,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  });
}

export async function listAssessments(db: Db, filter: z.output<typeof AssessmentListQuery>) {
  let q = db.selectFrom('compliance.assessments as a').selectAll('a');
  if (filter.frameworkId) q = q.where('a.framework_id', '=', filter.frameworkId);
  if (filter.q) q = q.where('a.name', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, {
    sort: { name: 'a.name', updatedAt: 'a.updated_at' },
    id: 'a.id',
    idKey: 'id',
  });
  return { items: await toAssessmentDtos(db, page.items), nextCursor: page.nextCursor };
}

export async function getAssessment(db: Db, id: string) {
  return (await toAssessmentDtos(db, [await assessmentRow(db, id)]))[0]!;
}

export async function createAssessment(db: Db, ctx: RequestContext, input: z.output<typeof CreateAssessmentBody>) {
  const row = await inTransaction(db, async (trx) => {
    const framework = await trx
      .selectFrom('compliance.frameworks')
      .select('id')
      .where('id', '=', input.frameworkId)
      .executeTakeFirst();
    if (!framework) throw errors.invalidReference('frameworkId', 'Framework', input.frameworkId);
    const created = await trx
      .insertInto('compliance.assessments')
      .values({
        framework_id: input.frameworkId,
        name: input.name,
        scope: input.scope,
        created_by: ctx.actor?.userId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'compliance.assessment-created',
      entityType: 'compliance.assessment',
      entityId: created.id,
      after: { frameworkId: created.framework_id, name: created.name, scope: created.scope },
    });
    return created;
  });
  return (await toAssessmentDtos(db, [row]))[0]!;
}

export async function updateAssessment(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof UpdateAssessmentBody>,
) {
  const row = await inTransaction(db, async (trx) => {
    const before = await assessmentRow(trx, id, true);
    assertVersion('Assessment', before, input.version);
    const after = await trx
      .updateTable('compliance.assessments')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.scope !== undefined ? { scope: input.scope } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'compliance.assessment-updated',
      entityType: 'compliance.assessment',
      entityId: id,
      before: { name: before.name, scope: before.scope, status: before.status },
      after: { name: after.name, scope: after.scope, status: after.status },
    });
    return after;
  });
  return (await toAssessmentDtos(db, [row]))[0]!;
}

/** The assessable requirements of the assessment's framework, each with its result (or not-assessed). */
export async function listResults(db: Db, id: string, filter: z.output<typeof ResultListQuery>) {
  const assessment = await assessmentRow(db, id);
  let q = db
    .selectFrom('compliance.requirements as r')
    .leftJoin('compliance.assessment_results as res', (j) =>
      j.onRef('res.requirement_id', '=', 'r.id').on('res.assessment_id', '=', id),
    )
    .select([
      'r.id',
      'r.ref_id',
      'r.title',
      'r.position',
      'res.status',
      'res.justification',
      'res.observation',
      'res.assessed_by',
      'res.assessed_at',
    ])
    .where('r.framework_id', '=', assessment.framework_id)
    .where('r.assessable', '=', true);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb('r.ref_id', 'ilike', pattern), eb('r.title', 'ilike', pattern)]));
  }
  const page = await paginate(q, filter, { sort: { position: 'r.position' }, id: 'r.id', idKey: 'id' });
  return {
    items: page.items.map((r) => ({
      requirementId: r.id,
      refId: r.ref_id,
      title: r.title,
      status: r.status ?? 'not-assessed',
      justification: r.justification ?? '',
      observation: r.observation ?? '',
      assessedBy: r.assessed_by,
      assessedAt: r.assessed_at?.toISOString() ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Records a requirement's status in an assessment (not-applicable needs a justification; 409 once completed). */
export async function setResult(
  db: Db,
  ctx: RequestContext,
  id: string,
  requirementId: string,
  input: z.output<typeof SetResultBody>,
) {
  if (input.status === 'not-applicable' && input.justification === '')
    throw errors.validation([
      { path: 'justification', message: 'Say why the requirement does not apply.', code: 'required' },
    ]);
  await inTransaction(db, async (trx) => {
    const assessment = await assessmentRow(trx, id, true);
    if (assessment.status === 'completed')
      throw errors.conflict('The assessment is completed: reopen it to change results.');
    const requirement = await trx
      .selectFrom('compliance.requirements')
      .select(['id', 'assessable'])
      .where('id', '=', requirementId)
      .where('framework_id', '=', assessment.framework_id)
      .executeTakeFirst();
    if (!requirement) throw errors.notFound('Requirement of this assessment', requirementId);
    if (!requirement.assessable)
      throw errors.validation([
        { path: 'requirementId', message: 'This requirement is not assessable.', code: 'not_assessable' },
      ]);
    const before = await trx
      .selectFrom('compliance.assessment_results')
      .select(['status', 'justification'])
      .where('assessment_id', '=', id)
      .where('requirement_id', '=', requirementId)
      .executeTakeFirst();
    const values = {
      status: input.status,
      justification: input.justification,
      observation: input.observation,
      assessed_by: ctx.actor?.userId ?? null,
      assessed_at: new Date(),
    };
    await trx
      .insertInto('compliance.assessment_results')
      .values({ assessment_id: id, requirement_id: requirementId, ...values })
      .onConflict((oc) => oc.columns(['assessment_id', 'requirement_id']).doUpdateSet(values))
      .execute();
    await trx.updateTable('compliance.assessments').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'compliance.assessment-result-set',
      entityType: 'compliance.assessment',
      entityId: id,
      before: before ? { requirementId, ...before } : null,
      after: { requirementId, status: input.status, justification: input.justification },
    });
  });
  const row = await db
    .selectFrom('compliance.assessment_results as res')
    .innerJoin('compliance.requirements as r', 'r.id', 'res.requirement_id')
    .selectAll('res')
    .select(['r.ref_id', 'r.title'])
    .where('res.assessment_id', '=', id)
    .where('res.requirement_id', '=', requirementId)
    .executeTakeFirstOrThrow();
  return {
    requirementId,
    refId: row.ref_id,
    title: row.title,
    status: row.status,
    justification: row.justification,
    observation: row.observation,
    assessedBy: row.assessed_by,
    assessedAt: row.assessed_at.toISOString(),
  };
}
