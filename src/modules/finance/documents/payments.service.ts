import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { today } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { bankAccountForPayment } from '../banking/bank-accounts.service.js';
import { financeErrors } from '../finance.errors.js';
import { assertManualAccounts } from '../ledger/account-rules.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { postJournalEntry, reverseEntry } from '../ledger/journal.service.js';
import { Money, fitsCurrency } from '../money.js';
import { listAllocations } from './allocations.repository.js';
import { planAllocations, recordAllocations } from './allocations.js';
import { documentErrors } from './documents.errors.js';
import { takeEarlyPaymentDiscounts } from './early-discount.js';
import { toAllocationDto, toPaymentSummary } from './documents.mappers.js';
import { assertParty, assertPostable, resolveCurrency } from './documents.rules.js';
import type { AllocationItemT } from './documents.schemas.js';
import { documentNumber } from './issue.service.js';
import * as repo from './payments.repository.js';
import { refuseAllocatedVoid } from './unallocations.service.js';
import type { CreatePaymentInput, PaymentFilter } from './payments.schemas.js';

const ENTITY = 'finance.payment';

/**
 * Records a payment in one transaction: locks and checks the documents it settles, numbers it
 * (RCPT-/PAY-year-n), posts it (received: Dr bank / Cr receivable; made: Dr payable / Cr bank) and
 * allocates it. Whatever is not allocated stays on the payment for later.
 */
export async function createPayment(db: Db, ctx: RequestContext, input: CreatePaymentInput) {
  return inTransaction(db, async (trx) => {
    const received = input.direction === 'received';
    const party = await assertParty(trx, input.partyId, received ? 'customer' : 'vendor');
    const currency = input.currency ?? party.currency ?? (await baseCurrency(trx));
    const exchangeRate = await resolveCurrency(trx, currency, input.exchangeRate);
    if (!fitsCurrency(input.amount, currency)) throw financeErrors.tooManyDecimals(input.amount, currency, 'amount');
    // Through a bank account (banking/): its ledger account; else the account given, else the 'bank' role.
    const bankAccount = input.bankAccountId
      ? await bankAccountForPayment(trx, input.bankAccountId, currency, input.accountId)
      : null;
    const bank = bankAccount?.account_id ?? input.accountId ?? (await accountForRole(trx, 'bank'));
    await assertPostable(trx, [{ id: bank, path: 'accountId' }]);
    await assertManualAccounts(trx, [{ id: bank, path: 'accountId' }]);
    const plan = await planAllocations(
      trx,
      {
        partyId: input.partyId,
        currency,
        exchangeRate,
        available: new Money(input.amount),
        targetKind: received ? 'invoice' : 'bill',
        date: input.date,
      },
      input.allocations,
    );
    const number = await documentNumber(
      trx,
      received ? 'payment-received' : 'payment-made',
      received ? 'RCPT' : 'PAY',
      input.date,
    );
    const control = await accountForRole(trx, received ? 'receivable' : 'payable');
    const description = `${number} ${party.name}`.slice(0, 500);
    const entry = await postJournalEntry(
      trx,
      ctx,
      {
        date: input.date,
        reference: number,
        memo: `Payment ${input.direction} ${number} — ${party.name}`.slice(0, 2000),
        currency,
        exchangeRate,
        lines: [
          { accountId: received ? bank : control, debit: input.amount, description },
          { accountId: received ? control : bank, credit: input.amount, description },
        ],
      },
      { sourceType: `payment-${input.direction}` },
    );
    const payment = await repo.insertPayment(trx, {
      direction: input.direction,
      number,
      party_id: input.partyId,
      payment_date: input.date,
      currency,
      exchange_rate: exchangeRate,
      amount: input.amount,
      allocated: '0',
      account_id: bank,
      bank_account_id: bankAccount?.id ?? null,
      reference: input.reference,
      memo: input.memo,
      journal_entry_id: entry.id,
      void_entry_id: null,
      created_by: ctx.actor?.userId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'payment.recorded',
      entityType: ENTITY,
      entityId: payment.id,
      after: { ...input, currency, number, journalEntryId: entry.id },
    });
    await recordAllocations(trx, ctx, { paymentId: payment.id }, plan, input.date);
    await takeEarlyPaymentDiscounts(
      trx,
      ctx,
      {
        id: payment.id,
        number,
        direction: input.direction,
        party_id: input.partyId,
        currency,
        exchange_rate: exchangeRate,
        payment_date: input.date,
      },
      plan,
      input.date,
    );
    return payment.id;
  });
}

/** Allocates (more of) a payment's unallocated remainder. */
export async function allocatePayment(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { date?: string | undefined; allocations: AllocationItemT[] },
) {
  await inTransaction(db, async (trx) => {
    const payment = await repo.lockPayment(trx, id);
    if (!payment) throw errors.notFound('Payment', id);
    if (payment.status === 'void') throw documentErrors.paymentVoid();
    const plan = await planAllocations(
      trx,
      {
        partyId: payment.party_id,
        currency: payment.currency,
        exchangeRate: payment.exchange_rate,
        available: new Money(payment.amount).minus(payment.allocated),
        targetKind: payment.direction === 'received' ? 'invoice' : 'bill',
        date: payment.payment_date,
      },
      input.allocations,
    );
    const date = input.date ?? today();
    await recordAllocations(trx, ctx, { paymentId: id }, plan, date);
    // A discount is never taken with a discount (nor a refund): only a payment's own allocations.
    if (payment.kind === 'payment' && payment.discount_of_payment_id === null)
      await takeEarlyPaymentDiscounts(trx, ctx, payment, plan, date);
    await repo.touchPayment(trx, id);
  });
}

/** Voids a payment nothing is allocated from: its entry is reversed. */
export async function voidPayment(db: Db, ctx: RequestContext, id: string, options: { date?: string | undefined }) {
  await inTransaction(db, async (trx) => {
    const payment = await repo.lockPayment(trx, id);
    if (!payment) throw errors.notFound('Payment', id);
    if (payment.status === 'void') throw documentErrors.paymentVoid();
    if (new Money(payment.allocated).gt(0)) await refuseAllocatedVoid(trx, payment);
    const reversal = await reverseEntry(trx, ctx, payment.journal_entry_id, {
      date: options.date,
      memo: `Void of ${payment.number}`,
    });
    await repo.markPaymentVoid(trx, id, reversal.id);
    await writeAudit(trx, ctx, {
      action: 'payment.voided',
      entityType: ENTITY,
      entityId: id,
      before: { status: 'posted' },
      after: { status: 'void', voidEntryId: reversal.id },
    });
  });
}

/** A payment with its allocations. */
export async function getPayment(db: Db, id: string) {
  const row = await repo.findPaymentWithParty(db, id);
  if (!row) throw errors.notFound('Payment', id);
  return { ...toPaymentSummary(row), allocations: (await listAllocations(db, { paymentId: id })).map(toAllocationDto) };
}

export async function listPaymentAllocations(db: Db, id: string) {
  const row = await repo.findPaymentId(db, id);
  if (!row) throw errors.notFound('Payment', id);
  return { items: (await listAllocations(db, { paymentId: id })).map(toAllocationDto) };
}

export async function listPayments(db: Db, filter: PaymentFilter) {
  const page = await repo.listPayments(db, filter);
  return { items: page.items.map(toPaymentSummary), nextCursor: page.nextCursor };
}
