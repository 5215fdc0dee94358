import { randomUUID } from 'node:crypto';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { today } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { financeErrors } from '../finance.errors.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { postJournalEntry, reverseEntry } from '../ledger/journal.service.js';
import { Money, fitsCurrency, format, minorUnits } from '../money.js';
import { bookedBase, clearedBase, journalEntryOf } from './allocations.repository.js';
import { clearedAmounts } from './allocations.js';
import { documentErrors } from './documents.errors.js';
import { toPaymentSummary } from './documents.mappers.js';
import { lockDocuments } from './documents.repository.js';
import { assertPostable, resolveCurrency } from './documents.rules.js';
import { documentNumber } from './issue.service.js';
import { getPartyName } from './parties.repository.js';
import * as payments from './payments.repository.js';
import type { CreateRefundInput } from './refunds.schemas.js';
import { settlementErrors } from './settlement.errors.js';
import * as repo from './settlement.repository.js';
import { writeReversal } from './unallocations.service.js';

const ENTITY = 'finance.payment';

/** What a refund settles: a credit document or a payment's unallocated part, locked. */
interface RefundSource {
  kind: 'credit' | 'payment';
  id: string;
  number: string;
  partyId: string;
  currency: string;
  rate: string;
  /** The side of the books: a customer's credit goes back out (made), a vendor's comes in (received). */
  control: 'receivable' | 'payable';
  available: Money;
  date: string;
}

async function lockSource(trx: Tx, input: CreateRefundInput): Promise<RefundSource> {
  if (input.creditDocumentId) {
    const credit = (await lockDocuments(trx, [input.creditDocumentId])).get(input.creditDocumentId);
    if (!credit || (credit.kind !== 'credit-note' && credit.kind !== 'vendor-credit'))
      throw documentErrors.unknownDocument(input.creditDocumentId, 'creditDocumentId');
    if (credit.status !== 'issued' && credit.status !== 'partially-paid')
      throw settlementErrors.nothingToRefund(
        `${credit.number ?? 'This credit'} is ${credit.status}: nothing is left to refund.`,
        'creditDocumentId',
      );
    return {
      kind: 'credit',
      id: credit.id,
      number: credit.number ?? '',
      partyId: credit.party_id,
      currency: credit.currency,
      rate: credit.exchange_rate,
      control: credit.kind === 'credit-note' ? 'receivable' : 'payable',
      available: new Money(credit.total).minus(credit.allocated),
      date: credit.document_date,
    };
  }
  const id = input.paymentId!;
  const payment = await payments.lockPayment(trx, id);
  if (!payment || payment.kind !== 'payment') throw errors.notFound('Payment', id);
  if (payment.status !== 'posted')
    throw settlementErrors.nothingToRefund(`${payment.number} is void: nothing to refund.`, 'paymentId');
  return {
    kind: 'payment',
    id,
    number: payment.number,
    partyId: payment.party_id,
    currency: payment.currency,
    rate: payment.exchange_rate,
    control: payment.direction === 'received' ? 'receivable' : 'payable',
    available: new Money(payment.amount).minus(payment.allocated),
    date: payment.payment_date,
  };
}

/**
 * The base amounts a refund's allocation clears (the allocations' rule, `clearedAmounts`): on the
 * refund, all it booked (it is used up at once); on the source, round(A × its rate) — or exactly
 * what is left of its booked base when the refund uses it up, so that no cent stays on the control
 * account. The refund is the debit item on the receivable (credit item on the payable), like an
 * invoice (bill); the source is the credit (debit) item, like a payment.
 */
async function settlementBases(
  trx: Tx,
  source: RefundSource,
  refund: { entryId: string; amount: string; rate: string },
  control: string,
  base: string,
) {
  const sourceEntry = await journalEntryOf(trx, source.id);
  const sourceBooked = sourceEntry ? await bookedBase(trx, sourceEntry, control) : '0';
  const sourceRemaining = new Money(sourceBooked).minus(
    await clearedBase(trx, source.id, source.rate, minorUnits(base)),
  );
  const refundBooked = new Money(await bookedBase(trx, refund.entryId, control));
  return clearedAmounts(
    refund.amount,
    { open: new Money(refund.amount), remainingBase: refundBooked, rate: refund.rate },
    { left: source.available, remainingBase: sourceRemaining, rate: source.rate },
    base,
  );
}

/**
 * Posts the realised exchange difference (`diff` = source base cleared − refund base cleared) so
 * that the control account clears in the base currency: receivable, positive → Dr receivable / Cr
 * 6900; payable, the mirror image. Nothing when zero.
 */
async function postDifference(
  trx: Tx,
  ctx: RequestContext,
  source: RefundSource,
  refund: { number: string; rate: string },
  diff: Money,
  allocationId: string,
  date: string,
  base: string,
): Promise<string | null> {
  if (diff.isZero()) return null;
  const control = await accountForRole(trx, source.control);
  const fx = await accountForRole(trx, 'fx-rounding');
  const debitControl = source.control === 'receivable' ? diff.gt(0) : diff.lt(0);
  const amount = format(diff.abs(), base);
  const description = `Exchange difference ${refund.number}`.slice(0, 500);
  const entry = await postJournalEntry(
    trx,
    ctx,
    {
      date,
      reference: refund.number,
      memo: `Realised exchange difference on refund ${refund.number} of ${source.number}: booked at ${source.rate}, refunded at ${refund.rate}`.slice(
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
 * Records a refund in one transaction (issue #21): money back to a customer (of a credit note or of
 * a payment's unallocated part) or from a vendor (of a vendor credit or an overpayment). It is a
 * payment of kind `refund` in the opposite direction — customer: Dr receivable / Cr bank; vendor:
 * Dr bank / Cr payable — allocated at once against what it refunds, with the realised exchange
 * difference when its rate differs. It goes through the posting path (open periods only).
 */
export async function createRefund(db: Db, ctx: RequestContext, input: CreateRefundInput) {
  return inTransaction(db, async (trx) => {
    const base = await baseCurrency(trx);
    const source = await lockSource(trx, input);
    const amount = input.amount ?? format(source.available, source.currency);
    const sourcePath = source.kind === 'credit' ? 'creditDocumentId' : 'paymentId';
    if (input.date < source.date)
      throw errors.validation(
        [{ path: 'date', message: `A refund is dated on or after what it refunds (${source.date}).` }],
        `${input.date} is before ${source.number} (${source.date}).`,
      );
    if (source.available.lte(0))
      throw settlementErrors.nothingToRefund(`Nothing is left to refund on ${source.number}.`, sourcePath);
    if (!fitsCurrency(amount, source.currency)) throw financeErrors.tooManyDecimals(amount, source.currency, 'amount');
    if (new Money(amount).lte(0))
      throw errors.validation([{ path: 'amount', message: 'The amount must be greater than 0.' }]);
    if (new Money(amount).gt(source.available))
      throw documentErrors.overAllocation(
        `Only ${format(source.available, source.currency)} ${source.currency} is left to refund on ${source.number}.`,
        'amount',
      );
    const rate = await resolveCurrency(trx, source.currency, input.exchangeRate);
    const bank = input.accountId ?? (await accountForRole(trx, 'bank'));
    await assertPostable(trx, [{ id: bank, path: 'accountId' }]);
    const toCustomer = source.control === 'receivable';
    const number = await documentNumber(trx, 'refund', 'RFND', input.date);
    const party = await getPartyName(trx, source.partyId);
    const control = await accountForRole(trx, source.control);
    const description = `${number} ${party.name}`.slice(0, 500);
    const entry = await postJournalEntry(
      trx,
      ctx,
      {
        date: input.date,
        reference: number,
        memo: `Refund ${toCustomer ? 'to' : 'from'} ${party.name} of ${source.number}`.slice(0, 2000),
        currency: source.currency,
        exchangeRate: rate,
        lines: [
          { accountId: toCustomer ? control : bank, debit: amount, description },
          { accountId: toCustomer ? bank : control, credit: amount, description },
        ],
      },
      { sourceType: `refund-${toCustomer ? 'made' : 'received'}` },
    );
    const refund = await payments.insertPayment(trx, {
      direction: toCustomer ? 'made' : 'received',
      kind: 'refund',
      number,
      party_id: source.partyId,
      payment_date: input.date,
      currency: source.currency,
      exchange_rate: rate,
      amount,
      allocated: '0',
      account_id: bank,
      reference: input.reference,
      memo: input.memo,
      journal_entry_id: entry.id,
      void_entry_id: null,
      created_by: ctx.actor?.userId ?? null,
    });
    const allocationId = randomUUID();
    const { targetBase, sourceBase } = await settlementBases(
      trx,
      source,
      { entryId: entry.id, amount, rate },
      control,
      base,
    );
    const diff = sourceBase.minus(targetBase);
    await repo.insertAllocation(trx, {
      id: allocationId,
      document_id: null,
      target_payment_id: refund.id,
      payment_id: source.kind === 'payment' ? source.id : null,
      credit_document_id: source.kind === 'credit' ? source.id : null,
      amount,
      allocation_date: input.date,
      fx_entry_id: await postDifference(trx, ctx, source, { number, rate }, diff, allocationId, input.date, base),
      base_amount: targetBase.toFixed(4),
      source_base_amount: sourceBase.toFixed(4),
      created_by: ctx.actor?.userId ?? null,
    });
    if (source.kind === 'credit') await repo.refreshOpenStatus(trx, [source.id]);
    else await payments.touchPayment(trx, source.id);
    await writeAudit(trx, ctx, {
      action: 'refund.recorded',
      entityType: ENTITY,
      entityId: refund.id,
      after: {
        ...input,
        amount,
        number,
        currency: source.currency,
        exchangeRate: rate,
        journalEntryId: entry.id,
        allocationId,
      },
    });
    return refund.id;
  });
}

/**
 * Voids a refund: what it settled is given back (each allocation reversed, with its exchange
 * difference) and its entry is reversed — on `date` (default: the refund's date while its period is
 * open, else today), in an open period.
 */
export async function voidRefund(db: Db, ctx: RequestContext, id: string, options: { date?: string | undefined }) {
  await inTransaction(db, async (trx) => {
    const rows = await repo.standingAllocations(trx, { targetPaymentId: id });
    // Lock order: sources first, then the refund (the target).
    for (const r of rows) {
      if (r.payment_id) await payments.lockPayment(trx, r.payment_id);
      if (r.credit_document_id) await lockDocuments(trx, [r.credit_document_id]);
    }
    const refund = await payments.lockPayment(trx, id);
    if (!refund || refund.kind !== 'refund') throw errors.notFound('Refund', id);
    if (refund.status === 'void') throw documentErrors.paymentVoid();
    const fresh = await repo.standingAllocations(trx, { targetPaymentId: id });
    const reversal = await reverseEntry(trx, ctx, refund.journal_entry_id, {
      date: options.date,
      memo: `Void of ${refund.number}`,
    });
    const date = options.date ?? (await reverseDate(trx, reversal.id));
    for (const r of fresh) await writeReversal(trx, ctx, r, date);
    await repo.refreshOpenStatus(
      trx,
      fresh.flatMap((r) => (r.credit_document_id ? [r.credit_document_id] : [])),
    );
    for (const r of fresh) if (r.payment_id) await payments.touchPayment(trx, r.payment_id);
    await payments.markPaymentVoid(trx, id, reversal.id);
    await writeAudit(trx, ctx, {
      action: 'refund.voided',
      entityType: ENTITY,
      entityId: id,
      before: { status: 'posted', allocations: fresh.map((r) => r.id) },
      after: { status: 'void', voidEntryId: reversal.id, date },
    });
  });
}

/** The date the reversal was posted on (reverseEntry picks it when none is given). */
async function reverseDate(trx: Tx, entryId: string) {
  const row = await repo.entryDate(trx, entryId);
  return row?.entry_date ?? today();
}

/** A refund with what it settled. */
export async function getRefund(db: Db, id: string) {
  const row = await payments.findPaymentWithParty(db, id);
  if (!row || row.kind !== 'refund') throw errors.notFound('Refund', id);
  const rows = await repo.allocationsOfRefund(db, id);
  return {
    ...toPaymentSummary(row),
    settles: rows.map((a) => ({
      id: a.id,
      creditDocumentId: a.credit_document_id,
      paymentId: a.payment_id,
      sourceNumber: a.source_document_number ?? a.source_payment_number ?? '',
      amount: format(new Money(a.amount), row.currency),
      date: a.allocation_date,
      fxEntryId: a.fx_entry_id,
      reversesAllocationId: a.reverses_allocation_id,
    })),
  };
}
