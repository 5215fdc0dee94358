import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../../platform/db/database.js';
import type { RecurringTemplatesTable } from './terms.tables.js';

// SQL of recurring templates and the periods they issued.

const columns = [
  't.id',
  't.kind',
  't.name',
  't.party_id',
  't.document',
  't.frequency',
  't.day_of_month',
  't.start_date',
  't.end_date',
  't.email_on_issue',
  't.active',
  't.last_error',
  't.version',
  'p.name as party_name',
] as const;

export function listTemplates(db: Db, filter: { id?: string; activeOnly?: boolean } = {}) {
  let q = db
    .selectFrom('finance.recurring_templates as t')
    .innerJoin('finance.parties as p', 'p.id', 't.party_id')
    .select(columns);
  if (filter.id) q = q.where('t.id', '=', filter.id);
  if (filter.activeOnly) q = q.where('t.active', '=', true);
  return q.orderBy('t.name').orderBy('t.id').execute();
}

export function lockTemplate(trx: Tx, id: string) {
  return trx.selectFrom('finance.recurring_templates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

type TemplateValues = Omit<Insertable<RecurringTemplatesTable>, 'id' | 'version' | 'created_by' | 'last_error'>;

export function insertTemplate(trx: Tx, values: TemplateValues & { created_by: string | null }) {
  return trx.insertInto('finance.recurring_templates').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateTemplate(trx: Tx, id: string, values: TemplateValues) {
  await trx
    .updateTable('finance.recurring_templates')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setLastError(db: Db, id: string, error: string | null) {
  await db.updateTable('finance.recurring_templates').set({ last_error: error }).where('id', '=', id).execute();
}

export async function deleteTemplate(trx: Tx, id: string) {
  await trx.deleteFrom('finance.recurring_templates').where('id', '=', id).execute();
}

export function runsOf(db: Db, templateIds: readonly string[]) {
  if (templateIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('finance.recurring_runs')
    .select(['template_id', 'period', 'issue_date', 'document_id'])
    .where('template_id', 'in', templateIds)
    .orderBy('template_id')
    .orderBy('period', 'desc')
    .execute();
}

/**
 * Claims a template's period: inserts its run row, or — when another run has it (committed, or in
 * flight: the unique key waits for it) — returns false. The document id is filled in later in the
 * same transaction.
 */
export async function claimPeriod(
  trx: Tx,
  values: { template_id: string; period: string; issue_date: string; document_id: string },
) {
  const row = await trx
    .insertInto('finance.recurring_runs')
    .values({ ...values, send_id: null })
    .onConflict((oc) => oc.columns(['template_id', 'period']).doNothing())
    .returning('period')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setRunSend(trx: Tx, templateId: string, period: string, sendId: string) {
  await trx
    .updateTable('finance.recurring_runs')
    .set({ send_id: sendId })
    .where('template_id', '=', templateId)
    .where('period', '=', period)
    .execute();
}
