import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Tx } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { accountForRole } from '../ledger/chart.js';
import { postJournalEntry } from '../ledger/journal.service.js';
import type { RoleAccountSpec } from '../ledger/role-accounts.js';
import { ensureRoleAccount } from '../ledger/role-accounts.js';
import { Money, format } from '../money.js';
import { documentInstalments } from '../terms/terms.repository.js';
import type { AllocationPlan } from './allocations.js';
import { planAllocations, recordAllocations } from './allocations.js';
import { documentNumber } from './issue.service.js';
import * as repo from './payments.repository.js';

/** Discounts allowed to customers for paying early: an expense (Dr on a receipt). */
export const DISCOUNT_ALLOWED: RoleAccountSpec = {
  role: 'discount-allowed',
  code: '6850',
  name: 'Early-payment discounts allowed',
  type: 'expense',
  parentCode: '6000',
};
/** Discounts received from vendors for paying early: income (Cr on a payment made). */
export const DISCOUNT_RECEIVED: RoleAccountSpec = {
  role: 'discount-received',
  code: '4850',
  name: 'Early-payment discounts received',
  type: 'income',
  parentCode: '4000',
};

interface InstalmentLike {
  amount: string;
  discount_until: string | null;
  discount_amount: string;
}

/**
 * The early-payment discount still to be had on `date` (pure): the discounts of the instalments
 * whose discount runs on or after the date and of which nothing is paid yet — what was allocated
 * before (`allocated`) settles the instalments oldest first, as everywhere else.
 */
export function availableDiscount(instalments: readonly InstalmentLike[], allocated: Money, date: string): Money {
  let paid = allocated;
  let discount = new Money(0);
  for (const i of instalments) {
    const settles = Money.min(paid, new Money(i.amount));
    paid = paid.minus(settles);
    if (settles.gt(0)) continue;
    if (i.discount_until !== null && i.discount_until >= date) discount = discount.plus(i.discount_amount);
  }
  return discount;
}

interface PaymentFacts {
  id: string;
  number: string;
  direction: 'received' | 'made';
  party_id: string;
  currency: string;
  exchange_rate: string;
  payment_date: string;
}

/**
 * After a payment's allocations (`plan`, planned before they were recorded): every document the
 * payment settled for exactly what was open less the discount still to be had on the payment's date
 * gets that discount as well, so it closes. The discount is a payment of its own (number `DISC-…`,
 * `discountOfPaymentId` the payment), at the payment's rate, posted on `date` through the period lock —
 * received: Dr 6850 discounts allowed / Cr receivable; made: Dr payable / Cr 4850 discounts received —
 * and allocated to those documents. Returns its id, or null when no discount applies.
 */
export async function takeEarlyPaymentDiscounts(
  trx: Tx,
  ctx: RequestContext,
  payment: PaymentFacts,
  plan: AllocationPlan,
  date: string,
): Promise<string | null> {
  if (plan.items.length === 0) return null;
  const schedules = await documentInstalments(
    trx,
    plan.items.map((i) => i.documentId),
  );
  const discounts: { documentId: string; amount: string; number: string | null }[] = [];
  for (const item of plan.items) {
    const open = new Money(item.documentOpen);
    const instalments = schedules.filter((s) => s.document_id === item.documentId);
    const total = instalments.reduce((sum, s) => sum.plus(s.amount), new Money(0));
    const discount = availableDiscount(instalments, total.minus(open), payment.payment_date);
    if (discount.gt(0) && new Money(item.amount).eq(open.minus(discount)))
      discounts.push({
        documentId: item.documentId,
        amount: format(discount, plan.currency),
        number: item.documentNumber,
      });
  }
  if (discounts.length === 0) return null;
  const received = payment.direction === 'received';
  const total = discounts.reduce((sum, d) => sum.plus(d.amount), new Money(0));
  const amount = format(total, payment.currency);
  const account = await ensureRoleAccount(trx, received ? DISCOUNT_ALLOWED : DISCOUNT_RECEIVED);
  const control = await accountForRole(trx, received ? 'receivable' : 'payable');
  const discountPlan = await planAllocations(
    trx,
    {
      partyId: payment.party_id,
      currency: payment.currency,
      exchangeRate: payment.exchange_rate,
      available: total,
      targetKind: received ? 'invoice' : 'bill',
      date,
    },
    discounts.map((d) => ({ documentId: d.documentId, amount: d.amount })),
  );
  const number = await documentNumber(trx, 'payment-discount', 'DISC', date);
  const names = discounts.map((d) => d.number ?? '').join(', ');
  const description = `${number} early-payment discount ${names}`.slice(0, 500);
  const entry = await postJournalEntry(
    trx,
    ctx,
    {
      date,
      reference: number,
      memo: `Early-payment discount ${received ? 'allowed' : 'received'} with ${payment.number} on ${names}`.slice(
        0,
        2000,
      ),
      currency: payment.currency,
      exchangeRate: payment.exchange_rate,
      lines: [
        { accountId: received ? account : control, debit: amount, description },
        { accountId: received ? control : account, credit: amount, description },
      ],
    },
    { sourceType: 'payment-discount' },
  );
  const row = await repo.insertPayment(trx, {
    direction: payment.direction,
    number,
    party_id: payment.party_id,
    payment_date: date,
    currency: payment.currency,
    exchange_rate: payment.exchange_rate,
    amount,
    allocated: '0',
    account_id: account,
    discount_of_payment_id: payment.id,
    reference: payment.number,
    memo: `Early-payment discount with ${payment.number}`,
    journal_entry_id: entry.id,
    void_entry_id: null,
    created_by: ctx.actor?.userId ?? null,
  });
  await writeAudit(trx, ctx, {
    action: 'payment.discount-taken',
    entityType: 'finance.payment',
    entityId: payment.id,
    after: { discountPaymentId: row.id, number, amount, currency: payment.currency, documents: discounts },
  });
  await recordAllocations(trx, ctx, { paymentId: row.id }, discountPlan, date);
  return row.id;
}
