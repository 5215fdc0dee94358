import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, currencyCode, isoDate } from '../../../platform/http/schemas.js';
import { enumList } from '../finance.export.js';
import { rateString } from '../money.js';
import { Allocation, AllocationItem } from './documents.schemas.js';

const direction = z.enum(['received', 'made']);

export const CreatePaymentBody = z
  .strictObject({
    direction: direction.openapi({ description: 'received (from a customer) or made (to a vendor)' }),
    partyId: z.uuid({ message: 'Not a valid party id.' }),
    date: isoDate,
    amount: amount().refine((v) => !/^0(\.0+)?$/.test(v), 'The amount must be greater than 0.'),
    currency: currencyCode
      .optional()
      .openapi({ description: "Defaults to the party's currency, else the base currency" }),
    exchangeRate: rateString.optional(),
    accountId: z.uuid().optional().openapi({ description: "Bank or cash account; defaults to the 'bank' role" }),
    bankAccountId: z.uuid().optional().openapi({
      description:
        "A bank account (/bank-accounts): the payment posts to its ledger account, in the bank account's currency",
    }),
    reference: z.string().max(100).default(''),
    memo: z.string().max(2000).default(''),
    allocations: z
      .array(AllocationItem)
      .max(100)
      .default([])
      .openapi({ description: 'Invoices (received) or bills (made) of the same party and currency' }),
  })
  .openapi('CreatePaymentRequest');

export const PaymentSummary = z
  .object({
    id: z.string(),
    direction,
    kind: z.enum(['payment', 'refund']).openapi({
      description: 'refund: money back to a customer (made) or from a vendor (received), settling a credit',
    }),
    number: z.string(),
    status: z.enum(['posted', 'void']),
    partyId: z.string(),
    partyName: z.string(),
    date: z.string(),
    currency: z.string(),
    exchangeRate: z.string(),
    amount: z.string(),
    allocated: z.string(),
    unallocated: z.string(),
    accountId: z.string(),
    bankAccountId: z.string().nullable(),
    discountOfPaymentId: z.string().nullable().openapi({
      description:
        'An early-payment discount (account: discounts allowed / received) taken with the payment named here',
    }),
    reference: z.string(),
    memo: z.string(),
    journalEntryId: z.string(),
    voidEntryId: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('PaymentSummary');
export const Payment = PaymentSummary.extend({ allocations: z.array(Allocation) }).openapi('Payment');
export const PaymentPage = pageSchema(PaymentSummary).openapi('PaymentPage');
export const AllocationList = z.object({ items: z.array(Allocation) }).openapi('AllocationList');
export const PaymentListQuery = listQuery(['date', 'number', 'amount', 'createdAt'], '-date').extend({
  direction: direction.optional(),
  status: enumList(['posted', 'void']),
  partyId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  unallocated: z.enum(['true']).optional().openapi({ description: 'Only payments with something left to allocate' }),
});

/**
 * The export's query: the list's filters and sort without paging (as the platform's `exportQuery`,
 * whose return type loses the list's fields).
 */
export const PaymentExportQuery = PaymentListQuery.omit({ limit: true, cursor: true });
export const VoidPaymentBody = z.strictObject({ date: isoDate.optional() }).openapi('VoidPaymentRequest');

export type CreatePaymentInput = z.output<typeof CreatePaymentBody>;
export type PaymentFilter = z.output<typeof PaymentListQuery>;
export type PaymentSummaryDto = z.input<typeof PaymentSummary>;
