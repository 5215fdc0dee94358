import type { z } from '@hono/zod-openapi';
import { sql, type Selectable } from 'kysely';
import { hasPermission } from '../../../platform/auth/actor.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { DeliveredEvent } from '../../../platform/events/event-types.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { projectsModule } from '../../projects/index.js';
import type { FindingsTable } from '../compliance.tables.js';
import type { CreateFindingBody, FindingListQuery, RemediationBody } from './assessments.schemas.js';

type FindingRow = Selectable<FindingsTable>;

const findingDto = (r: FindingRow) => ({
  id: r.id,
  assessmentId: r.assessment_id,
  requirementId: r.requirement_id,
  title: r.title,
  description: r.description,
  severity: r.severity,
  status: r.status,
  taskId: r.task_id,
  closedAt: r.closed_at?.toISOString() ?? null,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

async function findingRow(db: Db, id: string, forUpdate = false): Promise<FindingRow> {
  let q = db.selectFrom('compliance.findings').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Finding', id);
  return row;
}

export async function listFindings(db: Db, filter: z.output<typeof FindingListQuery>) {
  let q = db.selectFrom('compliance.findings as f').selectAll('f');
  if (filter.assessmentId) q = q.where('f.assessment_id', '=', filter.assessmentId);
  if (filter.status) q = q.where('f.status', '=', filter.status);
  if (filter.severity) q = q.where('f.severity', '=', filter.severity);
  if (filter.q) q = q.where('f.title', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, {
    sort: { createdAt: 'f.created_at', title: 'f.title' },
    id: 'f.id',
    idKey: 'id',
  });
  return { items: page.items.map(findingDto), nextCursor: page.nextCursor };
}

export const getFinding = async (db: Db, id: string) => findingDto(await findingRow(db, id));

export async function createFinding(db: Db, ctx: RequestContext, input: z.output<typeof CreateFindingBody>) {
  return findingDto(
    await inTransaction(db, async (trx) => {
      const assessment = await trx
        .selectFrom('compliance.assessments')
        .select(['id', 'framework_id'])
        .where('id', '=', input.assessmentId)
        .executeTakeFirst();
      if (!assessment) throw errors.invalidReference('assessmentId', 'Assessment', input.assessmentId);
      if (input.requirementId) {
        const requirement = await trx
          .selectFrom('compliance.requirements')
          .select('id')
          .where('id', '=', input.requirementId)
          .where('framework_id', '=', assessment.framework_id)
          .executeTakeFirst();
        if (!requirement)
          throw errors.invalidReference('requirementId', 'Requirement of the assessed framework', input.requirementId);
      }
      const created = await trx
        .insertInto('compliance.findings')
        .values({
          assessment_id: input.assessmentId,
          requirement_id: input.requirementId,
          title: input.title,
          description: input.description,
          severity: input.severity,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'compliance.finding-created',
        entityType: 'compliance.finding',
        entityId: created.id,
        after: {
          assessmentId: created.assessment_id,
          requirementId: created.requirement_id,
          title: created.title,
          severity: created.severity,
        },
      });
      return created;
    }),
  );
}

/**
 * Creates the finding's remediation task in Projects, as the caller, through Projects' public action
 * `projects.create-task` (its permission, membership rules, validation and audit apply), in the same
 * transaction as the finding's change. Completing the task closes the finding (`closeFindingOnTaskCompleted`).
 */
export async function createRemediation(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof RemediationBody>,
) {
  const action = projectsModule.actions?.find((a) => a.key === 'projects.create-task');
  if (!action) throw errors.conflict('Projects does not offer task creation.');
  const actor = ctx.actor!;
  if (!hasPermission(actor, action.permission)) throw errors.forbidden(action.permission);
  const [run, schema] = await Promise.all([action.load(), action.input()]);
  return findingDto(
    await inTransaction(db, async (trx) => {
      const before = await findingRow(trx, id, true);
      assertVersion('Finding', before, input.version);
      if (before.status !== 'open')
        throw errors.conflict(`The finding is ${before.status}: it already has its remediation.`);
      const parsed = schema.safeParse({
        projectId: input.projectId,
        title: `Remediate: ${before.title}`.slice(0, 300),
        description: `Compliance finding (${before.severity}): ${before.description}`.slice(0, 20_000),
        priority: before.severity === 'critical' ? 'urgent' : before.severity === 'high' ? 'high' : 'medium',
        assigneeIds: input.assigneeIds,
        dueDate: input.dueDate,
      });
      if (!parsed.success)
        throw errors.validation(
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
        );
      const task = (await run(trx, { input: parsed.data, actor, idempotencyKey: `compliance-finding:${id}` })) as {
        id: string;
      };
      const after = await trx
        .updateTable('compliance.findings')
        .set({ status: 'in-remediation', task_id: task.id, version: before.version + 1, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'compliance.finding-remediation-created',
        entityType: 'compliance.finding',
        entityId: id,
        before: { status: before.status, taskId: null },
        after: { status: after.status, taskId: task.id, projectId: input.projectId },
      });
      return after;
    }),
  );
}

/** Subscriber of `projects.task.completed`: the finding whose remediation task it is is closed. */
export async function closeFindingOnTaskCompleted(event: DeliveredEvent<unknown>, trx: Tx): Promise<void> {
  const taskId = (event.payload as { taskId?: unknown }).taskId;
  if (typeof taskId !== 'string') return;
  const closed = await trx
    .updateTable('compliance.findings')
    .set({ status: 'closed', closed_at: event.occurredAt, version: sql`version + 1`, updated_at: new Date() })
    .where('task_id', '=', taskId)
    .where('status', '<>', 'closed')
    .returning(['id'])
    .executeTakeFirst();
  if (closed)
    await writeAudit(
      trx,
      { actor: null, requestId: `event:${event.id}` },
      {
        action: 'compliance.finding-closed',
        entityType: 'compliance.finding',
        entityId: closed.id,
        after: { status: 'closed', taskId, closedBy: 'projects.task.completed' },
      },
    );
}
