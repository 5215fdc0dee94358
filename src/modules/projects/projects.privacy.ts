import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../platform/db/database.js';
import {
  privacyRecord,
  type PrivacyErasure,
  type PrivacyHandlers,
  type PrivacyIdentity,
  type PrivacySection,
} from '../../platform/modules/privacy.js';
import './projects.tables.js';

/**
 * Projects' part of privacy requests (Compliance, docs/adr/0025): the person's user account's
 * memberships, task assignments, comments, timesheets and time entries. Erasure removes the person
 * from the tasks not yet completed; time entries and timesheets are kept (billing and payroll records,
 * possibly invoiced), and so are comments (work records of the project: they show the anonymized user).
 */

async function exportProjects(db: Db, identity: PrivacyIdentity): Promise<PrivacySection[]> {
  const userId = identity.userId;
  if (!userId) return [];
  const members = await db
    .selectFrom('projects.members as m')
    .innerJoin('projects.projects as p', 'p.id', 'm.project_id')
    .select(['m.project_id', 'p.code', 'p.name', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('p.code')
    .execute();
  const assignments = await db
    .selectFrom('projects.task_assignees as a')
    .innerJoin('projects.tasks as t', 't.id', 'a.task_id')
    .select(['t.id as task_id', 't.project_id', 't.number', 't.title', 't.due_date', 't.completed_at'])
    .where('a.user_id', '=', userId)
    .orderBy('t.project_id')
    .orderBy('t.number')
    .execute();
  const comments = await db
    .selectFrom('projects.comments')
    .select(['id', 'task_id', 'body', 'created_at'])
    .where('author_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const timesheets = await db
    .selectFrom('projects.timesheets')
    .select(['id', 'project_id', 'week_start', 'status', 'decision_comment'])
    .where('user_id', '=', userId)
    .orderBy('week_start')
    .orderBy('id')
    .execute();
  const time = await db
    .selectFrom('projects.time_entries')
    .select(['id', 'project_id', 'task_id', 'entry_date', 'hours', 'note', 'billable', 'invoice_id'])
    .where('user_id', '=', userId)
    .orderBy('entry_date')
    .orderBy('id')
    .execute();
  return [
    { key: 'projects.memberships', title: 'Project memberships', records: members.map(privacyRecord) },
    { key: 'projects.task-assignments', title: 'Task assignments', records: assignments.map(privacyRecord) },
    { key: 'projects.comments', title: 'Task comments written', records: comments.map(privacyRecord) },
    { key: 'projects.timesheets', title: 'Timesheets', records: timesheets.map(privacyRecord) },
    { key: 'projects.time-entries', title: 'Time entries', records: time.map(privacyRecord) },
  ];
}

const countOf = async (trx: Tx, table: 'projects.time_entries' | 'projects.timesheets', userId: string) =>
  Number(
    (
      await trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function eraseProjects(
  trx: Tx,
  identity: PrivacyIdentity,
  ctx: Parameters<PrivacyHandlers['erase']>[2],
): Promise<PrivacyErasure> {
  const out: PrivacyErasure = { anonymized: [], retained: [] };
  const userId = identity.userId;
  // Only an employee's own account (a contact's request never reaches a user's work records).
  if (!userId || !identity.employeeId) return out;
  const removed = await trx
    .deleteFrom('projects.task_assignees')
    .where('user_id', '=', userId)
    .where('task_id', 'in', (eb) => eb.selectFrom('projects.tasks').select('id').where('completed_at', 'is', null))
    .returning('task_id')
    .execute();
  for (const r of removed)
    await writeAudit(trx, ctx, {
      action: 'task.unassigned',
      entityType: 'projects.task',
      entityId: r.task_id,
      before: { assignee: userId },
      after: { reason: 'privacy erasure' },
    });
  out.anonymized.push({ what: 'Assignments to tasks not yet completed (removed)', count: removed.length });
  const time = await countOf(trx, 'projects.time_entries', userId);
  const sheets = await countOf(trx, 'projects.timesheets', userId);
  const comments = Number(
    (
      await trx
        .selectFrom('projects.comments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('author_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const billing =
    'Billing and payroll records (hours billed to customers or paid): kept for the statutory retention period (GDPR art. 17(3)(b)); they name the user account only, which is anonymized.';
  if (time > 0) out.retained.push({ what: 'Time entries', count: time, reason: billing });
  if (sheets > 0) out.retained.push({ what: 'Timesheets', count: sheets, reason: billing });
  if (comments > 0)
    out.retained.push({
      what: 'Task comments written',
      count: comments,
      reason: 'Work records of the projects (the employer’s); they name the user account only, which is anonymized.',
    });
  return out;
}

export const projectsPrivacy: PrivacyHandlers = { export: exportProjects, erase: eraseProjects };
