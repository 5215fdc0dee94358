import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { today } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { countBusinessEvent } from '../../../platform/observability/metrics.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { accountForRole } from '../ledger/chart.js';
import { postJournalEntry, reverseEntry } from '../ledger/journal.service.js';
import { nextNumber } from '../ledger/journal.repository.js';
import type { JournalEntryInputT } from '../ledger/journal.schemas.js';
import { Money, format } from '../money.js';
import { planAllocations, recordAllocations, type AllocationPlan } from './allocations.js';
import { documentErrors } from './documents.errors.js';
import * as repo from './documents.repository.js';
import { KINDS, notFound } from './documents.rules.js';
import type { DocumentKind } from './documents.tables.js';
import { getPartyName } from './parties.repository.js';
import { documentTaxesOf, findOverlappingReturn } from '../taxes/taxes.repository.js';
import { findPeriodStatusAt } from '../ledger/periods.repository.js';
import { assertTaxPeriodOpen } from '../taxes/tax-lock.js';
import { writeInstalmentSchedule } from '../terms/terms.service.js';

/** `INV-2026-000042`: the series' next gap-free number for the year (locked until commit). */
export async function documentNumber(trx: Db, series: string, prefix: string, date: string) {
  const year = Number(date.slice(0, 4));
  return `${prefix}-${year}-${String(await nextNumber(trx, series, year)).padStart(6, '0')}`;
}

/**
 * The document's journal entry. Invoice: Dr receivable (total) / Cr each income account (its net)
 * / Cr tax payable (tax). Bill: Dr each expense account / Dr tax receivable / Cr payable. A credit
 * note and a vendor credit post the same lines with the sides swapped.
 */
async function entryFor(trx: Tx, doc: repo.DocumentRow, partyName: string): Promise<JournalEntryInputT> {
  const spec = KINDS[doc.kind];
  const customer = spec.side === 'customer';
  const control = await accountForRole(trx, customer ? 'receivable' : 'payable');
  // The control account is debited by invoices and vendor credits, credited by bills and credit notes.
  const controlDebit = doc.kind === 'invoice' || doc.kind === 'vendor-credit';
  const lines = await repo.postingLinesOf(trx, doc.id);
  // One counter line per account and dimensions (department, project), in line order.
  const byAccount = new Map<
    string,
    { accountId: string; department: string | null; projectId: string | null; amount: Money }
  >();
  for (const l of lines) {
    const key = JSON.stringify([l.account_id, l.department, l.project_id]);
    const cur = byAccount.get(key) ?? {
      accountId: l.account_id,
      department: l.department,
      projectId: l.project_id,
      amount: new Money(0),
    };
    cur.amount = cur.amount.plus(l.net);
    byAccount.set(key, cur);
  }
  // Tax per account and side, from the document's breakdown: output tax is credited and input tax
  // debited by invoices and bills (a reverse charge does both); credits swap the sides.
  const taxes = new Map<string, { accountId: string; debit: boolean; amount: Money }>();
  for (const t of await documentTaxesOf(trx, doc.id)) {
    if (!t.account_id || new Money(t.tax).eq(0)) continue;
    const debit = (t.side === 'input') !== spec.credit;
    const key = `${t.account_id}:${debit}`;
    const cur = taxes.get(key) ?? { accountId: t.account_id, debit, amount: new Money(0) };
    cur.amount = cur.amount.plus(t.tax);
    taxes.set(key, cur);
  }
  const side = (debit: boolean, amount: Money) =>
    debit ? { debit: format(amount, doc.currency) } : { credit: format(amount, doc.currency) };
  const description = `${doc.number} ${partyName}`.slice(0, 500);
  const counterLines = [...byAccount.values()]
    .filter((c) => c.amount.gt(0))
    .map((c) => ({
      accountId: c.accountId,
      description,
      ...(c.department ? { department: c.department } : {}),
      ...(c.projectId ? { projectId: c.projectId } : {}),
      ...side(!controlDebit, c.amount),
    }));
  const taxLines = [...taxes.values()].map((t) => ({
    accountId: t.accountId,
    description,
    ...side(t.debit, t.amount),
  }));
  return {
    date: doc.document_date,
    reference: doc.number ?? '',
    memo: `${doc.kind} ${doc.number} — ${partyName}`.slice(0, 2000),
    currency: doc.currency,
    exchangeRate: doc.exchange_rate,
    lines: [
      { accountId: control, description, ...side(controlDebit, new Money(doc.total)) },
      ...counterLines,
      ...taxLines,
    ],
  };
}

/**
 * Issues a draft in one transaction: numbers it (gap-free per kind and year), posts its journal
 * entry, and — for a credit that names the document it credits — applies it to that document's
 * open amount. Issued documents never change again.
 */
export async function issueDocument(
  db: Db,
  ctx: RequestContext,
  kind: DocumentKind,
  id: string,
  version: number | undefined,
) {
  const result = await inTransaction(db, async (trx) => {
    const doc = await repo.lockDocument(trx, id);
    if (!doc || doc.kind !== kind) throw notFound(kind, id);
    if (doc.status !== 'draft') throw documentErrors.notDraft(doc.number);
    if (version !== undefined) assertVersion('Document', doc, version);
    if (new Money(doc.total).lte(0)) throw documentErrors.empty();
    await assertTaxPeriodOpen(trx, doc.document_date);
    const spec = KINDS[kind];
    // Source before target, then numbers: the lock order every allocating transaction follows.
    let plan: AllocationPlan | null = null;
    if (doc.credits_document_id && spec.settles) {
      const target = (await repo.lockDocuments(trx, [doc.credits_document_id])).get(doc.credits_document_id);
      const open = target ? new Money(target.total).minus(target.allocated) : new Money(0);
      if (target && open.gt(0) && (target.status === 'issued' || target.status === 'partially-paid')) {
        const amount = Money.min(open, doc.total);
        plan = await planAllocations(
          trx,
          {
            partyId: doc.party_id,
            currency: doc.currency,
            exchangeRate: doc.exchange_rate,
            available: new Money(doc.total),
            targetKind: spec.settles,
            date: doc.document_date,
          },
          [{ documentId: target.id, amount: format(amount, doc.currency) }],
          'creditsDocumentId',
        );
      }
    }
    const number = await documentNumber(trx, spec.series, spec.prefix, doc.document_date);
    const party = await getPartyName(trx, doc.party_id);
    const issued = { ...doc, number };
    const entry = await postJournalEntry(trx, ctx, await entryFor(trx, issued, party.name), {
      sourceType: kind,
      sourceId: id,
    });
    await repo.markIssued(trx, id, number, entry.id);
    // Its instalments (a payment term's, or one at the due date), summing exactly to the total.
    if (kind === 'invoice' || kind === 'bill') await writeInstalmentSchedule(trx, doc);
    if (plan) {
      // Applied on the later of the two dates: never before the document it credits.
      const targetDate = plan.items[0]!.documentDate;
      const date = targetDate > doc.document_date ? targetDate : doc.document_date;
      await recordAllocations(trx, ctx, { creditDocumentId: id }, plan, date);
    }
    await writeAudit(trx, ctx, {
      action: `${kind}.issued`,
      entityType: `finance.${kind}`,
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'issued', number, journalEntryId: entry.id, total: doc.total },
    });
    return { id, number, journalEntryId: entry.id };
  });
  // Committed (a caller's own transaction counts nothing here: it may still roll back).
  if (!db.isTransaction && (kind === 'invoice' || kind === 'bill')) {
    countBusinessEvent(kind === 'invoice' ? 'InvoicesIssued' : 'BillsIssued');
  }
  return result;
}

/** Voids an issued document that nothing is allocated to (or from): its entry is reversed. */
export async function voidDocument(
  db: Db,
  ctx: RequestContext,
  kind: DocumentKind,
  id: string,
  options: { date?: string | undefined; memo?: string | undefined },
) {
  return inTransaction(db, async (trx) => {
    const doc = await repo.lockDocument(trx, id);
    if (!doc || doc.kind !== kind) throw notFound(kind, id);
    if (doc.status === 'draft') throw documentErrors.notOpen('A draft is not in the books: delete it instead.');
    if (doc.status === 'void') throw documentErrors.notOpen(`${doc.number} is already void.`);
    if (new Money(doc.allocated).gt(0)) throw documentErrors.allocated();
    // A void moves tax on its own date: not into a filed period (it goes into the next return).
    const date = options.date ?? (await reversalDate(trx, doc));
    if (!doc.opening_balance) await assertTaxPeriodOpen(trx, date);
    const reversal = await reverseEntry(trx, ctx, doc.journal_entry_id!, {
      date,
      memo: options.memo ?? `Void of ${doc.number}`,
    });
    await repo.markVoid(trx, id, reversal.id);
    await writeAudit(trx, ctx, {
      action: `${kind}.voided`,
      entityType: `finance.${kind}`,
      entityId: id,
      before: { status: doc.status },
      after: { status: 'void', voidEntryId: reversal.id },
    });
  });
}

/**
 * A void's default date: the document's own date while its period is open and its tax return not
 * filed, otherwise today (the correction then goes into the current period and the next return).
 */
async function reversalDate(trx: Tx, doc: repo.DocumentRow): Promise<string> {
  const period = await findPeriodStatusAt(trx, doc.document_date);
  if (period?.status !== 'open') return today();
  const filed = await findOverlappingReturn(trx, doc.document_date, doc.document_date);
  return filed ? today() : doc.document_date;
}

/** Applies an issued credit note / vendor credit to open invoices / bills of the same party. */
export async function applyCredit(
  db: Db,
  ctx: RequestContext,
  kind: DocumentKind,
  id: string,
  input: { date?: string | undefined; allocations: { documentId: string; amount: string }[] },
) {
  return inTransaction(db, async (trx) => {
    const spec = KINDS[kind];
    const credit = await repo.lockDocument(trx, id);
    if (!credit || credit.kind !== kind || !spec.settles) throw notFound(kind, id);
    if (credit.status !== 'issued' && credit.status !== 'partially-paid')
      throw documentErrors.notOpen(`${credit.number ?? 'This credit'} is ${credit.status}: nothing left to apply.`);
    const plan = await planAllocations(
      trx,
      {
        partyId: credit.party_id,
        currency: credit.currency,
        exchangeRate: credit.exchange_rate,
        available: new Money(credit.total).minus(credit.allocated),
        targetKind: spec.settles,
        date: credit.document_date,
      },
      input.allocations,
    );
    await recordAllocations(trx, ctx, { creditDocumentId: id }, plan, input.date ?? today());
  });
}
