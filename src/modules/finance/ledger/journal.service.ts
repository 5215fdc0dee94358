import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { hasPermission } from '../../../platform/auth/actor.js';
import { today } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { financeErrors } from '../finance.errors.js';
import { assertManualAccounts } from './account-rules.js';
import { baseCurrency } from './chart.js';
import { toEntryDto } from './journal.mappers.js';
import { prepareEntry, type PreparedLine } from './journal.prepare.js';
import * as repo from './journal.repository.js';
import type { JournalEntryInputT } from './journal.schemas.js';
import { findPeriodStatusAt } from './periods.repository.js';
import { lockOpenPeriod } from './periods.js';

const ENTITY = 'finance.journal-entry';

/** Where an entry comes from: `manual`, or the document that posted it (`invoice`, `payroll-run`, …). */
export interface EntrySource {
  sourceType: string;
  sourceId?: string | null;
}

async function insertEntry(
  trx: Db,
  ctx: RequestContext,
  header: {
    date: string;
    reference: string;
    memo: string;
    currency: string;
    exchangeRate: string;
    reversesEntryId?: string;
  },
  lines: PreparedLine[],
  source: EntrySource,
) {
  const entry = await repo.insertEntry(trx, {
    entry_date: header.date,
    reference: header.reference,
    memo: header.memo,
    currency: header.currency,
    exchange_rate: header.exchangeRate,
    source_type: source.sourceType,
    source_id: source.sourceId ?? null,
    reverses_entry_id: header.reversesEntryId ?? null,
    reversed_by_entry_id: null,
    created_by: ctx.actor?.userId ?? null,
    number: null,
    posted_by: null,
    posted_at: null,
  });
  await repo.insertLines(
    trx,
    lines.map((l) => ({ ...l, entry_id: entry.id, posted_date: null })),
  );
  return entry;
}

/** Saves a draft entry (validated, but not in the ledger until posted). */
export async function createDraft(
  db: Db,
  ctx: RequestContext,
  input: JournalEntryInputT,
  source: EntrySource = { sourceType: 'manual' },
) {
  return inTransaction(db, async (trx) => {
    const prepared = await prepareEntry(trx, input);
    const entry = await insertEntry(
      trx,
      ctx,
      { ...input, currency: prepared.currency, exchangeRate: prepared.exchangeRate },
      prepared.lines,
      source,
    );
    await writeAudit(trx, ctx, {
      action: 'journal-entry.created',
      entityType: ENTITY,
      entityId: entry.id,
      after: { ...input },
    });
    return entry.id;
  });
}

/**
 * Posts a draft into the ledger: its period must be open (and stays share-locked until commit), its
 * accounts still active; it gets the next gap-free number of its year. Posted entries never change.
 */
/** Posts a draft; with `version`, only the version the caller read (a stale one is a 409). */
export async function postEntry(db: Db, ctx: RequestContext, id: string, version?: number) {
  return inTransaction(db, async (trx) => {
    const entry = await repo.lockEntry(trx, id);
    if (!entry) throw errors.notFound('Journal entry', id);
    if (entry.status === 'posted') throw financeErrors.entryPosted();
    if (version !== undefined) assertVersion('Journal entry', entry, version);
    await lockOpenPeriod(trx, entry.entry_date);
    const inactive = await repo.findInactiveLine(trx, id);
    if (inactive) throw financeErrors.inactiveAccount(inactive.code, `lines.${inactive.line_no - 1}.accountId`);
    const year = Number(entry.entry_date.slice(0, 4));
    const number = `JE-${year}-${String(await repo.nextNumber(trx, 'journal-entry', year)).padStart(6, '0')}`;
    await repo.markLinesPosted(trx, id, entry.entry_date);
    await repo.markEntryPosted(trx, id, number, ctx.actor?.userId ?? null);
    await writeAudit(trx, ctx, {
      action: 'journal-entry.posted',
      entityType: ENTITY,
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'posted', number },
    });
    return { id, number };
  });
}

const manualRefs = (input: JournalEntryInputT) =>
  input.lines.map((l, i) => ({ id: l.accountId, path: `lines.${i}.accountId` }));

/**
 * `POST /journal-entries`: a draft, or (with `post`, which needs finance:approve) a posted entry.
 * Returns the entry's id.
 */
export async function createEntry(db: Db, ctx: RequestContext, input: JournalEntryInputT & { post: boolean }) {
  const { post, ...entry } = input;
  if (post && !hasPermission(ctx.actor!, 'finance:approve')) throw errors.forbidden('finance:approve');
  await assertManualAccounts(db, manualRefs(entry));
  return post
    ? (await postJournalEntry(db, ctx, entry, { sourceType: 'manual' })).id
    : await createDraft(db, ctx, entry);
}

/**
 * The public way for any module to put a balanced entry into the ledger, inside its own transaction
 * (pass the transaction as `db`): validated, posted and numbered, or nothing at all.
 */
export async function postJournalEntry(db: Db, ctx: RequestContext, input: JournalEntryInputT, source: EntrySource) {
  return inTransaction(db, async (trx) => postEntry(trx, ctx, await createDraft(trx, ctx, input, source)));
}

export async function updateDraft(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: JournalEntryInputT & { version: number },
) {
  return inTransaction(db, async (trx) => {
    const entry = await repo.lockEntry(trx, id);
    if (!entry) throw errors.notFound('Journal entry', id);
    if (entry.status === 'posted') throw financeErrors.entryPosted();
    assertVersion('Journal entry', entry, input.version);
    if (entry.source_type === 'manual') await assertManualAccounts(trx, manualRefs(input));
    const prepared = await prepareEntry(trx, input);
    await repo.deleteLines(trx, id);
    await repo.insertLines(
      trx,
      prepared.lines.map((l) => ({ ...l, entry_id: id, posted_date: null })),
    );
    await repo.updateDraftHeader(trx, id, {
      entry_date: input.date,
      reference: input.reference,
      memo: input.memo,
      currency: prepared.currency,
      exchange_rate: prepared.exchangeRate,
    });
    await writeAudit(trx, ctx, {
      action: 'journal-entry.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...entry },
      after: { ...input },
    });
  });
}

export async function deleteDraft(db: Db, ctx: RequestContext, id: string) {
  await inTransaction(db, async (trx) => {
    const entry = await repo.lockEntry(trx, id);
    if (!entry) throw errors.notFound('Journal entry', id);
    if (entry.status === 'posted') throw financeErrors.entryPosted();
    await repo.deleteEntry(trx, id);
    await writeAudit(trx, ctx, {
      action: 'journal-entry.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { ...entry },
    });
  });
}

/**
 * Corrects a posted entry the accountant's way: a new posted entry with every line's sides swapped
 * (the same amounts, in both currencies), linked both ways. Dated on the original date when its
 * period is still open, otherwise today (or the date given).
 */
export async function reverseEntry(
  db: Db,
  ctx: RequestContext,
  id: string,
  options: { date?: string | undefined; memo?: string | undefined },
) {
  return inTransaction(db, async (trx) => {
    const original = await repo.lockEntry(trx, id);
    if (!original) throw errors.notFound('Journal entry', id);
    if (original.status !== 'posted') throw financeErrors.entryNotPosted();
    if (original.reversed_by_entry_id) throw financeErrors.alreadyReversed(original.reversed_by_entry_id);
    let date = options.date;
    if (!date) {
      const period = await findPeriodStatusAt(trx, original.entry_date);
      date = period?.status === 'open' ? original.entry_date : today();
    }
    const lines = await repo.storedLinesOf(trx, id);
    const reversal = await insertEntry(
      trx,
      ctx,
      {
        date,
        reference: original.number ?? '',
        memo: options.memo ?? `Reversal of ${original.number}`,
        currency: original.currency,
        exchangeRate: original.exchange_rate,
        reversesEntryId: id,
      },
      lines.map((l) => ({
        line_no: l.line_no,
        account_id: l.account_id,
        description: l.description,
        debit: l.credit,
        credit: l.debit,
        base_debit: l.base_credit,
        base_credit: l.base_debit,
        department: l.department,
        project_id: l.project_id,
      })),
      { sourceType: 'reversal', sourceId: id },
    );
    const posted = await postEntry(trx, ctx, reversal.id);
    await repo.setReversedBy(trx, id, reversal.id);
    await writeAudit(trx, ctx, {
      action: 'journal-entry.reversed',
      entityType: ENTITY,
      entityId: id,
      after: { reversedByEntryId: reversal.id, reversalNumber: posted.number },
    });
    return posted;
  });
}

export async function getEntry(db: Db, id: string) {
  const base = await baseCurrency(db);
  const entry = await repo.findEntry(db, id);
  if (!entry) throw errors.notFound('Journal entry', id);
  return toEntryDto(entry, await repo.linesOf(db, [id]), base);
}

/** A page of entries with their lines (for totals); the route drops the lines for the summary. */
export async function listEntries(db: Db, filter: repo.EntryFilter) {
  const base = await baseCurrency(db);
  const page = await repo.listEntries(db, filter);
  const lines = await repo.linesOf(
    db,
    page.items.map((e) => e.id),
  );
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((e) =>
      toEntryDto(
        e,
        lines.filter((l) => l.entry_id === e.id),
        base,
      ),
    ),
  };
}
