import { Decimal } from 'decimal.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { daysBetween, isoTimestampOrNull, today } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError, errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { createDraft } from '../documents/documents.service.js';
import { issueDocument } from '../documents/issue.service.js';
import { assertDocumentLineAccounts } from '../ledger/account-rules.js';
import { format } from '../money.js';
import { getCompanyProfile } from '../printing/company-profile.repository.js';
import { sendDocument } from '../printing/sends.service.js';
import { fillTemplate, unknownPlaceholders } from '../printing/template-text.js';
import * as repo from './dunning.repository.js';
import { settleOldestFirst } from './schedule.js';
import { REMINDER_PLACEHOLDERS, type DunningLevelInputT, type ReminderFilter } from './terms.schemas.js';
import { instalmentsOf } from './terms.service.js';

type LevelRow = Awaited<ReturnType<typeof repo.listLevels>>[number];
type ReminderRow = NonNullable<Awaited<ReturnType<typeof repo.findReminder>>>;

const toLevelDto = (l: LevelRow) => ({
  id: l.id,
  level: l.level,
  name: l.name,
  delayDays: l.delay_days,
  subject: l.subject,
  body: l.body,
  fee: new Decimal(l.fee).toFixed(2),
  feeAccountId: l.fee_account_id,
  autoSend: l.auto_send,
  active: l.active,
  version: l.version,
});

export async function listDunningLevels(db: Db) {
  return { items: (await repo.listLevels(db)).map(toLevelDto), placeholders: [...REMINDER_PLACEHOLDERS] };
}

async function levelValues(db: Db, input: DunningLevelInputT) {
  const problems = [];
  for (const field of ['subject', 'body'] as const) {
    const unknown = unknownPlaceholders(input[field], REMINDER_PLACEHOLDERS);
    if (unknown.length > 0)
      problems.push({
        path: field,
        message: `Unknown placeholder: ${unknown.join(', ')}.`,
        code: 'unknown_placeholder',
      });
  }
  const charged = new Decimal(input.fee).gt(0);
  if (charged && !input.feeAccountId)
    problems.push({ path: 'feeAccountId', message: 'A fee is posted to an income account: name it.' });
  if (problems.length > 0) throw errors.validation(problems);
  if (charged && input.feeAccountId)
    await assertDocumentLineAccounts(db, 'customer', [{ id: input.feeAccountId, path: 'feeAccountId' }]);
  return {
    level: input.level,
    name: input.name,
    delay_days: input.delayDays,
    subject: input.subject,
    body: input.body,
    fee: charged ? input.fee : '0',
    fee_account_id: charged ? input.feeAccountId : null,
    auto_send: input.autoSend,
    active: input.active,
  };
}

async function uniqueLevel<T>(work: () => Promise<T>, level: number): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && /dunning_levels_level_key|duplicate key/.test(error.message))
      throw errors.conflict(`Level ${level} exists.`);
    throw error;
  }
}

export async function createDunningLevel(db: Db, ctx: RequestContext, input: DunningLevelInputT) {
  const id = await uniqueLevel(
    () =>
      inTransaction(db, async (trx) => {
        const values = await levelValues(trx, input);
        const { id } = await repo.insertLevel(trx, values);
        await writeAudit(trx, ctx, {
          action: 'dunning-level.created',
          entityType: 'finance.dunning-level',
          entityId: id,
          after: input,
        });
        return id;
      }),
    input.level,
  );
  return toLevelDto((await repo.findLevel(db, id))!);
}

export async function updateDunningLevel(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: DunningLevelInputT & { version: number },
) {
  await uniqueLevel(
    () =>
      inTransaction(db, async (trx) => {
        const before = await repo.lockLevel(trx, id);
        if (!before) throw errors.notFound('Dunning level', id);
        assertVersion('Dunning level', before, input.version);
        await repo.updateLevel(trx, id, await levelValues(trx, input));
        await writeAudit(trx, ctx, {
          action: 'dunning-level.updated',
          entityType: 'finance.dunning-level',
          entityId: id,
          before: { ...before },
          after: input,
        });
      }),
    input.level,
  );
  return toLevelDto((await repo.findLevel(db, id))!);
}

export async function deleteDunningLevel(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.lockLevel(trx, id);
    if (!before) throw errors.notFound('Dunning level', id);
    assertVersion('Dunning level', before, version);
    if (await repo.levelUsed(trx, id)) throw errors.conflict('Reminders use this level: deactivate it instead.');
    await repo.deleteLevel(trx, id);
    await writeAudit(trx, ctx, {
      action: 'dunning-level.deleted',
      entityType: 'finance.dunning-level',
      entityId: id,
      before: { ...before },
    });
  });
}

const toReminderDto = (r: ReminderRow) => ({
  id: r.id,
  documentId: r.document_id,
  documentNumber: r.number,
  partyId: r.party_id,
  partyName: r.party_name,
  level: r.level,
  levelName: r.level_name,
  instalmentSeq: r.instalment_seq,
  dueDate: r.due_date,
  daysOverdue: r.days_overdue,
  openAmount: format(new Decimal(r.open_amount), r.currency),
  currency: r.currency,
  fee: format(new Decimal(r.fee), r.currency),
  status: r.status,
  sendId: r.send_id,
  feeDocumentId: r.fee_document_id,
  proposedOn: r.proposed_on,
  sentAt: isoTimestampOrNull(r.sent_at),
});

export async function listReminders(db: Db, filter: ReminderFilter) {
  const page = await repo.listReminders(db, filter);
  return { items: page.items.map(toReminderDto), nextCursor: page.nextCursor };
}

async function getReminder(db: Db, id: string) {
  const row = await repo.findReminder(db, id);
  if (!row) throw errors.notFound('Reminder', id);
  return toReminderDto(row);
}

/**
 * Proposes reminders for overdue invoices as of `date` (the daily job; also `POST
 * /reminders/propose`). For each open invoice, its oldest open instalment past due (the allocations
 * settle instalments oldest first) gives the days overdue; the highest active level whose delay is
 * reached is proposed — unless the invoice already has a reminder at that level or above. One per
 * invoice and level (a unique key): running twice proposes nothing new. Unsent proposals of lower
 * levels are superseded. A level set to send automatically is sent at once (one that is refused —
 * no email address, a closed period for its fee — stays proposed and is counted as `failed`).
 */
export async function proposeReminders(db: Db, ctx: RequestContext, date = today()) {
  const levels = (await repo.listLevels(db)).filter((l) => l.active);
  const result = { proposed: 0, superseded: 0, sent: 0, failed: 0 };
  if (levels.length === 0) return result;
  const invoices = await repo.overdueInvoices(db, date);
  const ids = invoices.map((d) => d.id);
  const schedules = await instalmentsOf(db, ids);
  const existing = await repo.remindersOfDocuments(db, ids);
  const toSend: string[] = [];
  for (const doc of invoices) {
    const schedule = schedules.get(doc.id) ?? [
      { seq: 1, dueDate: doc.due_date, amount: doc.total, percent: '100', discountUntil: null, discountAmount: '0' },
    ];
    const oldest = settleOldestFirst(schedule, doc.allocated).find((i) => i.open.gt(0) && i.dueDate < date);
    if (!oldest) continue;
    const days = daysBetween(oldest.dueDate, date);
    const level = levels.filter((l) => l.delay_days <= days).at(-1);
    if (!level) continue;
    const highest = Math.max(
      0,
      ...existing.filter((r) => r.document_id === doc.id && r.status !== 'superseded').map((r) => r.level),
    );
    if (highest >= level.level) continue;
    const open = settleOldestFirst(schedule, doc.allocated)
      .filter((i) => i.dueDate < date)
      .reduce((s, i) => s.plus(i.open), new Decimal(0));
    const id = await inTransaction(db, async (trx) => {
      const inserted = await repo.insertReminder(trx, {
        document_id: doc.id,
        level_id: level.id,
        level: level.level,
        instalment_seq: oldest.seq,
        due_date: oldest.dueDate,
        days_overdue: days,
        open_amount: open.toFixed(4),
        proposed_on: date,
      });
      if (!inserted) return undefined;
      result.superseded += await repo.supersedeBelow(trx, doc.id, level.level);
      await writeAudit(trx, ctx, {
        action: 'reminder.proposed',
        entityType: 'finance.invoice',
        entityId: doc.id,
        after: { reminderId: inserted, level: level.level, daysOverdue: days, openAmount: open.toFixed(2) },
      });
      return inserted;
    });
    if (!id) continue;
    result.proposed += 1;
    if (level.auto_send) toSend.push(id);
  }
  // Each automatic send in its own transaction: one that is refused (a closed period for its fee, a
  // customer without an email address) stays proposed for a person, and the others still go.
  for (const id of toSend) {
    try {
      await sendReminder(db, ctx, id, {}, { system: ctx.actor === null });
      result.sent += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed += 1;
    }
  }
  return result;
}

const alreadyHandled = (status: string) =>
  new AppError('reminder-not-proposed', 409, 'Reminder not open', {
    detail: `This reminder is ${status}: only a proposed reminder is sent or dismissed.`,
  });

/**
 * Sends a proposed reminder in one transaction: the fee (when the level has one) is issued as an
 * invoice through the normal invoice code (numbering, posting, period lock), then the invoice goes
 * out by email with the level's text through the documents' send log (PDF attached), and the
 * reminder is marked sent and audited on the invoice.
 */
export async function sendReminder(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { to?: string[] | undefined },
  options: { system?: boolean } = {},
) {
  await inTransaction(db, async (trx) => {
    const reminder = await repo.lockReminder(trx, id);
    if (!reminder) throw errors.notFound('Reminder', id);
    if (reminder.status !== 'proposed') throw alreadyHandled(reminder.status);
    const level = (await repo.findLevel(trx, reminder.level_id))!;
    const doc = await repo.reminderDocument(trx, reminder.document_id);
    if (doc.status !== 'issued' && doc.status !== 'partially-paid')
      throw new AppError('document-not-open', 422, 'Invoice not open', {
        detail: `${doc.number} is ${doc.status}: nothing to remind of.`,
      });
    const fee = new Decimal(level.fee);
    let feeDocumentId: string | null = null;
    const date = today();
    if (fee.gt(0) && level.fee_account_id) {
      feeDocumentId = await createDraft(trx, ctx, 'invoice', {
        partyId: doc.party_id,
        date,
        currency: doc.currency,
        exchangeRate: new Decimal(doc.exchange_rate).toString(),
        reference: `${doc.number ?? ''}`.slice(0, 100),
        memo: `Reminder fee (${level.name}) for ${doc.number}`,
        lines: [
          {
            description: `Reminder fee: ${level.name}, ${doc.number}`,
            quantity: '1',
            unitPrice: fee.toFixed(2),
            discountPercent: '0',
            taxRate: '0',
            accountId: level.fee_account_id,
          },
        ],
      });
      await issueDocument(trx, ctx, 'invoice', feeDocumentId, undefined);
    }
    const profile = await getCompanyProfile(trx);
    const values: Record<(typeof REMINDER_PLACEHOLDERS)[number], string> = {
      companyName: profile.legal_name,
      partyName: doc.party_name,
      documentNumber: doc.number ?? '',
      documentDate: doc.document_date,
      dueDate: reminder.due_date,
      daysOverdue: String(reminder.days_overdue),
      amountDue: format(new Decimal(doc.total).minus(doc.allocated), doc.currency),
      total: format(new Decimal(doc.total), doc.currency),
      currency: doc.currency,
      level: String(level.level),
      fee: format(fee, doc.currency),
    };
    const send = await sendDocument(
      trx,
      ctx,
      'invoice',
      doc.id,
      {
        ...(input.to ? { to: input.to } : {}),
        subject: fillTemplate(level.subject, values)
          .replace(/[\r\n\t]+/g, ' ')
          .trim()
          .slice(0, 200),
        message: fillTemplate(level.body, values).slice(0, 4000),
      },
      options,
    );
    await repo.updateReminder(trx, id, {
      status: 'sent',
      send_id: send.id,
      fee_document_id: feeDocumentId,
      sent_at: new Date(),
      sent_by: ctx.actor?.userId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'reminder.sent',
      entityType: 'finance.invoice',
      entityId: doc.id,
      after: { reminderId: id, level: level.level, sendId: send.id, feeDocumentId },
    });
  });
  return getReminder(db, id);
}

export async function dismissReminder(db: Db, ctx: RequestContext, id: string) {
  await inTransaction(db, async (trx) => {
    const reminder = await repo.lockReminder(trx, id);
    if (!reminder) throw errors.notFound('Reminder', id);
    if (reminder.status !== 'proposed') throw alreadyHandled(reminder.status);
    await repo.updateReminder(trx, id, { status: 'dismissed' });
    await writeAudit(trx, ctx, {
      action: 'reminder.dismissed',
      entityType: 'finance.invoice',
      entityId: reminder.document_id,
      after: { reminderId: id, level: reminder.level },
    });
  });
  return getReminder(db, id);
}
