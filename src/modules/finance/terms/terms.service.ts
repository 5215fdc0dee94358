import { Decimal } from 'decimal.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { addDays, isoTimestamp, today } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError, errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { format } from '../money.js';
import type { PaymentTermInputT } from './terms.schemas.js';
import * as repo from './terms.repository.js';
import { instalmentSchedule, percentsSumTo100, settleOldestFirst, type ScheduledInstalment } from './schedule.js';

type TermRow = NonNullable<Awaited<ReturnType<typeof repo.findTerm>>>;
type TermInstalmentRow = Awaited<ReturnType<typeof repo.termInstalments>>[number];

const termNotFound = (id: string) => errors.notFound('Payment term', id);

function toTermDto(row: TermRow, instalments: TermInstalmentRow[]) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    instalments: instalments.map((i) => ({ seq: i.seq, percent: new Decimal(i.percent).toString(), days: i.days })),
    discountPercent: new Decimal(row.discount_percent).toString(),
    discountDays: row.discount_days,
    active: row.active,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export async function listPaymentTerms(db: Db) {
  const rows = await repo.listTerms(db);
  const instalments = await repo.termInstalments(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      toTermDto(
        r,
        instalments.filter((i) => i.term_id === r.id),
      ),
    ),
  };
}

export async function getPaymentTerm(db: Db, id: string) {
  const row = await repo.findTerm(db, id);
  if (!row) throw termNotFound(id);
  return toTermDto(row, await repo.termInstalments(db, [id]));
}

function validateTerm(input: PaymentTermInputT) {
  const problems = [];
  if (!percentsSumTo100(input.instalments))
    problems.push({ path: 'instalments', message: 'The instalments’ percents sum to 100.', code: 'percent_sum' });
  input.instalments.forEach((inst, i) => {
    const before = input.instalments[i - 1];
    if (before && inst.days < before.days)
      problems.push({ path: `instalments.${i}.days`, message: 'Instalments are in order of their days.' });
  });
  const discounted = new Decimal(input.discountPercent).gt(0);
  if (discounted !== (input.discountDays !== null))
    problems.push({
      path: discounted ? 'discountDays' : 'discountPercent',
      message: 'An early-payment discount has both a percent and a number of days.',
    });
  if (problems.length > 0) throw errors.validation(problems);
  return {
    name: input.name,
    description: input.description,
    discount_percent: discounted ? input.discountPercent : '0',
    discount_days: discounted ? input.discountDays : null,
    active: input.active,
  };
}

/** A duplicate name is a 409 (the unique index on lower(name)). */
async function uniqueName<T>(work: () => Promise<T>, name: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && /payment_terms_name_idx|duplicate key/.test(error.message))
      throw errors.conflict(`A payment term named "${name}" exists.`);
    throw error;
  }
}

export async function createPaymentTerm(db: Db, ctx: RequestContext, input: PaymentTermInputT) {
  const values = validateTerm(input);
  const id = await uniqueName(
    () =>
      inTransaction(db, async (trx) => {
        const { id } = await repo.insertTerm(trx, values);
        await repo.replaceTermInstalments(trx, id, input.instalments);
        await writeAudit(trx, ctx, {
          action: 'payment-term.created',
          entityType: 'finance.payment-term',
          entityId: id,
          after: input,
        });
        return id;
      }),
    input.name,
  );
  return getPaymentTerm(db, id);
}

export async function updatePaymentTerm(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: PaymentTermInputT & { version: number },
) {
  const values = validateTerm(input);
  await uniqueName(
    () =>
      inTransaction(db, async (trx) => {
        const before = await repo.lockTerm(trx, id);
        if (!before) throw termNotFound(id);
        assertVersion('Payment term', before, input.version);
        await repo.updateTerm(trx, id, values);
        await repo.replaceTermInstalments(trx, id, input.instalments);
        await writeAudit(trx, ctx, {
          action: 'payment-term.updated',
          entityType: 'finance.payment-term',
          entityId: id,
          before: { ...before },
          after: input,
        });
      }),
    input.name,
  );
  return getPaymentTerm(db, id);
}

export async function deletePaymentTerm(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.lockTerm(trx, id);
    if (!before) throw termNotFound(id);
    assertVersion('Payment term', before, version);
    if (await repo.termInUse(trx, id)) throw errors.conflict('Documents use this payment term: deactivate it instead.');
    await repo.deleteTerm(trx, id);
    await writeAudit(trx, ctx, {
      action: 'payment-term.deleted',
      entityType: 'finance.payment-term',
      entityId: id,
      before: { ...before },
    });
  });
}

/**
 * The term a draft names (called by the documents' `prepare`): it exists and is active, and gives
 * the document's due date (its last instalment's) — 422 at `paymentTermId` otherwise.
 */
export async function termForDraft(db: Db, termId: string, documentDate: string) {
  const term = await repo.findTerm(db, termId);
  if (!term) throw errors.invalidReference('paymentTermId', 'Payment term', termId);
  if (!term.active)
    throw new AppError('inactive-payment-term', 422, 'Inactive payment term', {
      detail: `The payment term ${term.name} is deactivated.`,
      errors: [{ path: 'paymentTermId', message: 'This payment term is deactivated.', code: 'inactive' }],
    });
  const instalments = await repo.termInstalments(db, [termId]);
  const last = Math.max(...instalments.map((i) => i.days));
  return { id: term.id, dueDate: addDays(documentDate, last) };
}

interface ScheduleSource {
  document_date: string;
  due_date: string;
  currency: string;
  total: string;
  payment_term_id: string | null;
}

/** The schedule a document gets: its term's instalments, or one instalment at its due date. */
async function scheduleFor(db: Db, doc: ScheduleSource): Promise<ScheduledInstalment[]> {
  const term = doc.payment_term_id ? await repo.findTerm(db, doc.payment_term_id) : undefined;
  if (term) {
    const instalments = await repo.termInstalments(db, [term.id]);
    if (instalments.length > 0)
      return instalmentSchedule(
        doc.total,
        doc.currency,
        doc.document_date,
        instalments.map((i) => ({ percent: i.percent, days: i.days })),
        term.discount_days === null ? null : { percent: term.discount_percent, days: term.discount_days },
      );
  }
  return [
    {
      seq: 1,
      dueDate: doc.due_date,
      percent: '100',
      amount: format(new Decimal(doc.total), doc.currency),
      discountUntil: null,
      discountAmount: format(new Decimal(0), doc.currency),
    },
  ];
}

/**
 * Writes an invoice's or bill's instalment schedule when it is issued (inside the issuing
 * transaction): its term's instalments (amounts summing exactly to the total), or — with no term —
 * one instalment at its due date ("net N days").
 */
export async function writeInstalmentSchedule(trx: Tx, doc: ScheduleSource & { id: string }) {
  const schedule = await scheduleFor(trx, doc);
  await repo.insertDocumentInstalments(
    trx,
    doc.id,
    schedule.map((s) => ({
      seq: s.seq,
      due_date: s.dueDate,
      percent: s.percent,
      amount: s.amount,
      discount_until: s.discountUntil,
      discount_amount: s.discountAmount,
    })),
  );
}

type StoredInstalment = Awaited<ReturnType<typeof repo.documentInstalments>>[number];
const fromStored = (r: StoredInstalment): ScheduledInstalment => ({
  seq: r.seq,
  dueDate: r.due_date,
  percent: new Decimal(r.percent).toString(),
  amount: r.amount,
  discountUntil: r.discount_until,
  discountAmount: r.discount_amount,
});

/**
 * A document's instalments with what is paid and open on each: the document's allocations settle
 * its instalments oldest due first. Documents issued before schedules existed (and opening
 * balances) count as one instalment at their due date.
 */
export async function instalmentsOf(db: Db, documentIds: readonly string[]) {
  const stored = await repo.documentInstalments(db, documentIds);
  const byDoc = new Map<string, ScheduledInstalment[]>();
  for (const r of stored) byDoc.set(r.document_id, [...(byDoc.get(r.document_id) ?? []), fromStored(r)]);
  return byDoc;
}

export async function documentSchedule(db: Db, kind: 'invoice' | 'bill', id: string) {
  const doc = await repo.scheduleDocument(db, id);
  if (!doc || doc.kind !== kind) throw errors.notFound(kind === 'invoice' ? 'Invoice' : 'Bill', id);
  const stored = (await instalmentsOf(db, [id])).get(id);
  const schedule = stored ?? (await scheduleFor(db, doc));
  const asOf = today();
  const open = doc.status === 'issued' || doc.status === 'partially-paid';
  return {
    documentId: id,
    paymentTermId: doc.payment_term_id,
    currency: doc.currency,
    total: format(new Decimal(doc.total), doc.currency),
    instalments: settleOldestFirst(schedule, doc.allocated)
      .sort((a, b) => a.seq - b.seq)
      .map((i) => ({
        seq: i.seq,
        dueDate: i.dueDate,
        percent: i.percent,
        amount: format(new Decimal(i.amount), doc.currency),
        paid: format(i.paid, doc.currency),
        open: format(i.open, doc.currency),
        overdue: open && i.open.gt(0) && i.dueDate < asOf,
        discountUntil: i.discountUntil,
        discountAmount: format(new Decimal(i.discountAmount), doc.currency),
      })),
  };
}
