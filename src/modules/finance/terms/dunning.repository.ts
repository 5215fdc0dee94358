import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../../platform/db/database.js';
import { paginate, type PageRequest } from '../../../platform/http/pagination.js';
import type { DunningLevelsTable, ReminderStatus } from './terms.tables.js';

// SQL of dunning levels and reminders.

export function listLevels(db: Db) {
  return db.selectFrom('finance.dunning_levels').selectAll().orderBy('level').execute();
}

export function lockLevel(trx: Tx, id: string) {
  return trx.selectFrom('finance.dunning_levels').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findLevel(db: Db, id: string) {
  return db.selectFrom('finance.dunning_levels').selectAll().where('id', '=', id).executeTakeFirst();
}

type LevelValues = Omit<Insertable<DunningLevelsTable>, 'id' | 'version'>;

export function insertLevel(trx: Tx, values: LevelValues) {
  return trx.insertInto('finance.dunning_levels').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateLevel(trx: Tx, id: string, values: LevelValues) {
  await trx
    .updateTable('finance.dunning_levels')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function levelUsed(db: Db, id: string) {
  return (
    (await db.selectFrom('finance.reminders').select('id').where('level_id', '=', id).limit(1).executeTakeFirst()) !==
    undefined
  );
}

export async function deleteLevel(trx: Tx, id: string) {
  await trx.deleteFrom('finance.dunning_levels').where('id', '=', id).execute();
}

/**
 * Open invoices with an instalment due before `date` (documents without a schedule: their due
 * date), with what is allocated to them.
 */
export function overdueInvoices(db: Db, date: string) {
  return db
    .selectFrom('finance.documents as d')
    .select(['d.id', 'd.number', 'd.due_date', 'd.currency', 'd.total', 'd.allocated'])
    .where('d.kind', '=', 'invoice')
    .where('d.status', 'in', ['issued', 'partially-paid'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('finance.document_instalments as i')
            .select('i.seq')
            .whereRef('i.document_id', '=', 'd.id')
            .where('i.due_date', '<', date),
        ),
        eb.and([
          eb.not(
            eb.exists(
              eb.selectFrom('finance.document_instalments as i').select('i.seq').whereRef('i.document_id', '=', 'd.id'),
            ),
          ),
          eb('d.due_date', '<', date),
        ]),
      ]),
    )
    .orderBy('d.due_date')
    .execute();
}

export function remindersOfDocuments(db: Db, documentIds: readonly string[]) {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('finance.reminders')
    .select(['id', 'document_id', 'level', 'status'])
    .where('document_id', 'in', documentIds)
    .execute();
}

/** Inserts a proposal unless the invoice has one at this level: its id, or undefined. */
export async function insertReminder(
  trx: Tx,
  values: {
    document_id: string;
    level_id: string;
    level: number;
    instalment_seq: number;
    due_date: string;
    days_overdue: number;
    open_amount: string;
    proposed_on: string;
  },
) {
  const row = await trx
    .insertInto('finance.reminders')
    .values({ ...values, send_id: null, fee_document_id: null, sent_at: null, sent_by: null })
    .onConflict((oc) => oc.columns(['document_id', 'level_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Proposals of lower levels of the invoice, still unsent, give way to the new one. */
export async function supersedeBelow(trx: Tx, documentId: string, level: number) {
  const rows = await trx
    .updateTable('finance.reminders')
    .set({ status: 'superseded' })
    .where('document_id', '=', documentId)
    .where('level', '<', level)
    .where('status', '=', 'proposed')
    .returning('id')
    .execute();
  return rows.length;
}

const reminderColumns = [
  'r.id',
  'r.document_id',
  'r.level_id',
  'r.level',
  'r.instalment_seq',
  'r.due_date',
  'r.days_overdue',
  'r.open_amount',
  'r.status',
  'r.send_id',
  'r.fee_document_id',
  'r.proposed_on',
  'r.sent_at',
  'd.number',
  'd.currency',
  'd.party_id',
  'p.name as party_name',
  'l.name as level_name',
  'l.fee',
] as const;

function remindersQuery(db: Db) {
  return db
    .selectFrom('finance.reminders as r')
    .innerJoin('finance.documents as d', 'd.id', 'r.document_id')
    .innerJoin('finance.parties as p', 'p.id', 'd.party_id')
    .innerJoin('finance.dunning_levels as l', 'l.id', 'r.level_id')
    .select(reminderColumns);
}

export function findReminder(db: Db, id: string) {
  return remindersQuery(db).where('r.id', '=', id).executeTakeFirst();
}

/** A page of reminders (keyset pagination), filtered by status and invoice. */
export function listReminders(
  db: Db,
  filter: PageRequest & { status?: ReminderStatus | undefined; documentId?: string | undefined },
) {
  let q = remindersQuery(db);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  if (filter.documentId) q = q.where('r.document_id', '=', filter.documentId);
  return paginate(q, filter, {
    sort: { proposedOn: 'r.proposed_on', dueDate: 'r.due_date', daysOverdue: 'r.days_overdue' },
    id: 'r.id',
    idKey: 'id',
  });
}

export function lockReminder(trx: Tx, id: string) {
  return trx.selectFrom('finance.reminders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateReminder(
  trx: Tx,
  id: string,
  values: {
    status: ReminderStatus;
    send_id?: string | null;
    fee_document_id?: string | null;
    sent_at?: Date | null;
    sent_by?: string | null;
  },
) {
  await trx.updateTable('finance.reminders').set(values).where('id', '=', id).execute();
}

/** What a reminder's text is filled in from. */
export function reminderDocument(db: Db, id: string) {
  return db
    .selectFrom('finance.documents as d')
    .innerJoin('finance.parties as p', 'p.id', 'd.party_id')
    .select([
      'd.id',
      'd.number',
      'd.status',
      'd.document_date',
      'd.currency',
      'd.exchange_rate',
      'd.total',
      'd.allocated',
      'd.party_id',
      'p.name as party_name',
    ])
    .where('d.id', '=', id)
    .executeTakeFirstOrThrow();
}
