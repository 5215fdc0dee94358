import { randomUUID } from 'node:crypto';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Tx } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { financeErrors } from '../finance.errors.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { postJournalEntry } from '../ledger/journal.service.js';
import { lockOpenPeriod } from '../ledger/periods.js';
import { Money, fitsCurrency, format, minorUnits, roundTo } from '../money.js';
import {
  bookedBase,
  clearedBase,
  insertAllocations,
  journalEntryOf,
  refreshSettlementStatus,
} from './allocations.repository.js';
import { documentErrors } from './documents.errors.js';
import { lockDocuments } from './documents.repository.js';
import type { AllocationItemT } from './documents.schemas.js';
import type { DocumentKind } from './documents.tables.js';

/**
 * What is being allocated: a payment or a credit document, its party, currency, exchange rate to the
 * base currency and what is left of it.
 */
export interface AllocationSource {
  partyId: string;
  currency: string;
  exchangeRate: string;
  available: Money;
  targetKind: DocumentKind;
  /** The source's own date: nothing is allocated before it (nor before the target's date). */
  date?: string;
}

export interface PlannedAllocation {
  documentId: string;
  documentNumber: string | null;
  /** The target document's exchange rate: its receivable / payable was booked at this rate. */
  documentRate: string;
  /** The target's date and what was open on it when planned (the allocation that closes it clears its base exactly). */
  documentDate: string;
  documentOpen: string;
  amount: string;
}

export interface AllocationPlan {
  items: PlannedAllocation[];
  total: Money;
  currency: string;
  sourceRate: string;
  /** What was left of the source when planned, and its date. */
  sourceAvailable: Money;
  sourceDate: string | undefined;
  /** Invoices (and what settles them) go through the receivable, bills through the payable. */
  control: 'receivable' | 'payable';
}

/**
 * Locks the target documents (`SELECT … FOR UPDATE`, in id order: every allocating transaction
 * locks its source first, then its targets in that order, then number series — so none deadlock)
 * and checks every allocation against what is open *now*: same kind, party and currency, document
 * open, amount within its open amount, and the sum within what is left of the source. The
 * database re-checks the sums (CHECK constraints on the counters, maintained by trigger).
 * Call before taking any number, so that a refusal costs nothing.
 */
export async function planAllocations(
  trx: Tx,
  source: AllocationSource,
  items: AllocationItemT[],
  path = 'allocations',
): Promise<AllocationPlan> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.documentId))
      throw errors.validation([{ path: `${path}.${i}.documentId`, message: 'Allocate to each document once.' }]);
    seen.add(item.documentId);
    if (!fitsCurrency(item.amount, source.currency))
      throw financeErrors.tooManyDecimals(item.amount, source.currency, `${path}.${i}.amount`);
    if (new Money(item.amount).lte(0))
      throw errors.validation([{ path: `${path}.${i}.amount`, message: 'An allocation is greater than 0.' }]);
  });
  const docs = await lockDocuments(
    trx,
    items.map((i) => i.documentId),
  );
  let total = new Money(0);
  items.forEach((item, i) => {
    const doc = docs.get(item.documentId);
    const at = `${path}.${i}`;
    if (!doc || doc.kind !== source.targetKind)
      throw documentErrors.unknownDocument(item.documentId, `${at}.documentId`);
    if (doc.party_id !== source.partyId)
      throw documentErrors.partyMismatch(
        `${doc.number ?? 'This document'} belongs to another party.`,
        `${at}.documentId`,
      );
    if (doc.currency !== source.currency)
      throw documentErrors.currencyMismatch(
        `${doc.number ?? 'This document'} is in ${doc.currency}, not ${source.currency}.`,
        `${at}.documentId`,
      );
    if (doc.status !== 'issued' && doc.status !== 'partially-paid')
      throw documentErrors.notOpen(`${doc.number ?? 'This document'} is ${doc.status}.`, `${at}.documentId`);
    const open = new Money(doc.total).minus(doc.allocated);
    if (new Money(item.amount).gt(open))
      throw documentErrors.overAllocation(
        `Only ${format(open, doc.currency)} is open on ${doc.number}; ${item.amount} cannot be allocated.`,
        `${at}.amount`,
      );
    total = total.plus(item.amount);
  });
  if (total.gt(source.available))
    throw documentErrors.overAllocation(
      `Only ${format(source.available, source.currency)} is left to allocate; the allocations add up to ${format(total, source.currency)}.`,
      path,
    );
  return {
    items: items.map((i) => {
      const doc = docs.get(i.documentId)!;
      return {
        documentId: i.documentId,
        documentNumber: doc.number,
        documentRate: doc.exchange_rate,
        documentDate: doc.document_date,
        documentOpen: new Money(doc.total).minus(doc.allocated).toString(),
        amount: i.amount,
      };
    }),
    total,
    currency: source.currency,
    sourceRate: source.exchangeRate,
    sourceAvailable: source.available,
    sourceDate: source.date,
    control: source.targetKind === 'bill' || source.targetKind === 'vendor-credit' ? 'payable' : 'receivable',
  };
}

/**
 * The realised exchange difference of settling `amount` (document currency) booked at `documentRate`
 * with a source booked at `sourceRate`, in the base currency: round(A × r_s) − round(A × r_d), each
 * rounded half-up to the base currency's minor unit. Positive: the source moved more base currency.
 */
export function exchangeDifference(amount: string, sourceRate: string, documentRate: string, base: string): Money {
  const a = new Money(amount);
  return roundTo(a.times(sourceRate), base).minus(roundTo(a.times(documentRate), base));
}

/**
 * Posts the exchange difference of one allocation (`diff` = source base cleared − document base
 * cleared) so that the control account clears in the base currency: the document was booked at its
 * rate, the payment / credit at its own. Receivable: a positive difference (more base came in than
 * was booked) is Dr receivable / Cr 6900 (a gain), a negative one Dr 6900 / Cr receivable (a loss).
 * Payable: the mirror image. Nothing when zero.
 */
async function postExchangeDifference(
  trx: Tx,
  ctx: RequestContext,
  plan: AllocationPlan,
  item: PlannedAllocation,
  allocationId: string,
  date: string,
  diff: Money,
  base: string,
): Promise<string | null> {
  if (diff.isZero()) return null;
  const control = await accountForRole(trx, plan.control);
  const fx = await accountForRole(trx, 'fx-rounding');
  // Receivable: Dr control on a positive difference; payable: Cr control on a positive difference.
  const debitControl = plan.control === 'receivable' ? diff.gt(0) : diff.lt(0);
  const amount = format(diff.abs(), base);
  const description = `Exchange difference ${item.documentNumber ?? ''}`.trim().slice(0, 500);
  const entry = await postJournalEntry(
    trx,
    ctx,
    {
      date,
      reference: (item.documentNumber ?? '').slice(0, 100),
      memo: `Realised exchange difference on ${item.documentNumber ?? 'a document'}: ${format(new Money(item.amount), plan.currency)} ${plan.currency} booked at ${item.documentRate}, settled at ${plan.sourceRate}`.slice(
        0,
        2000,
      ),
      currency: base,
      lines: [
        { accountId: debitControl ? control : fx, debit: amount, description },
        { accountId: debitControl ? fx : control, credit: amount, description },
      ],
    },
    { sourceType: 'fx-difference', sourceId: allocationId },
  );
  return entry.id;
}

/**
 * What is left of a document's or payment's booked base amount on its control account: its entry's
 * control line less what the allocations to and from it have cleared.
 */
async function remainingBase(trx: Tx, id: string, control: string, rate: string, base: string): Promise<Money> {
  const entryId = await journalEntryOf(trx, id);
  if (!entryId) return new Money(0);
  const booked = await bookedBase(trx, entryId, control);
  return new Money(booked).minus(await clearedBase(trx, id, rate, minorUnits(base)));
}

/**
 * The base amounts one allocation clears: on the document round(A × r_d), on the source
 * round(A × r_s) — except that the allocation that closes the document (or uses up the source)
 * clears exactly what is left of its booked base, so that nothing stays on the control account.
 */
export function clearedAmounts(
  amount: string,
  target: { open: Money; remainingBase: Money; rate: string },
  source: { left: Money; remainingBase: Money; rate: string },
  base: string,
) {
  const a = new Money(amount);
  const targetBase = a.eq(target.open) ? target.remainingBase : roundTo(a.times(target.rate), base);
  const sourceBase = a.eq(source.left) ? source.remainingBase : roundTo(a.times(source.rate), base);
  return { targetBase, sourceBase };
}

/**
 * Records planned allocations (the trigger moves the counters), posts each one's realised exchange
 * difference (the allocation is append-only, so its id is chosen first and the entry posted before
 * the row is written with it) and moves the documents' status. The date's period must be open (the
 * same lock as postings: 422 period-closed), and not before the source's or any target's date.
 */
export async function recordAllocations(
  trx: Tx,
  ctx: RequestContext,
  from: { paymentId: string } | { creditDocumentId: string },
  plan: AllocationPlan,
  date: string,
) {
  if (plan.items.length === 0) return;
  await lockOpenPeriod(trx, date);
  const early = plan.items.find((i) => i.documentDate > date);
  if (early || (plan.sourceDate !== undefined && plan.sourceDate > date))
    throw errors.validation(
      [
        {
          path: 'date',
          message: 'An allocation is dated on or after the documents and the payment or credit it uses.',
        },
      ],
      early
        ? `${date} is before ${early.documentNumber ?? 'the document'} (${early.documentDate}).`
        : `${date} is before the payment or credit (${plan.sourceDate}).`,
    );
  const paymentId = 'paymentId' in from ? from.paymentId : null;
  const creditDocumentId = 'creditDocumentId' in from ? from.creditDocumentId : null;
  const sourceId = (paymentId ?? creditDocumentId)!;
  const base = await baseCurrency(trx);
  const control = await accountForRole(trx, plan.control);
  let sourceLeft = plan.sourceAvailable;
  let sourceRemaining = await remainingBase(trx, sourceId, control, plan.sourceRate, base);
  const rows = [];
  for (const i of plan.items) {
    const id = randomUUID();
    const { targetBase, sourceBase } = clearedAmounts(
      i.amount,
      {
        open: new Money(i.documentOpen),
        remainingBase: await remainingBase(trx, i.documentId, control, i.documentRate, base),
        rate: i.documentRate,
      },
      { left: sourceLeft, remainingBase: sourceRemaining, rate: plan.sourceRate },
      base,
    );
    sourceLeft = sourceLeft.minus(i.amount);
    sourceRemaining = sourceRemaining.minus(sourceBase);
    rows.push({
      id,
      document_id: i.documentId,
      payment_id: paymentId,
      credit_document_id: creditDocumentId,
      amount: i.amount,
      allocation_date: date,
      fx_entry_id: await postExchangeDifference(trx, ctx, plan, i, id, date, sourceBase.minus(targetBase), base),
      base_amount: targetBase.toFixed(4),
      source_base_amount: sourceBase.toFixed(4),
      created_by: ctx.actor?.userId ?? null,
    });
  }
  await insertAllocations(trx, rows);
  const touched = plan.items.map((i) => i.documentId);
  if (creditDocumentId) touched.push(creditDocumentId);
  await refreshSettlementStatus(trx, touched);
  await writeAudit(trx, ctx, {
    action: paymentId ? 'payment.allocated' : 'credit.applied',
    entityType: paymentId ? 'finance.payment' : 'finance.document',
    entityId: (paymentId ?? creditDocumentId)!,
    after: {
      date,
      allocations: rows.map((r) => ({
        id: r.id,
        documentId: r.document_id,
        amount: r.amount,
        fxEntryId: r.fx_entry_id,
      })),
    },
  });
}
