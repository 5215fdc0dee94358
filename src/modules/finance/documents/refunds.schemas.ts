import { z } from '@hono/zod-openapi';
import { amount, isoDate } from '../../../platform/http/schemas.js';
import { rateString } from '../money.js';
import { Allocation } from './documents.schemas.js';
import { PaymentSummary } from './payments.schemas.js';

export const CreateRefundBody = z
  .strictObject({
    creditDocumentId: z.uuid({ message: 'Not a valid document id.' }).optional().openapi({
      description: 'The credit note (refund to the customer) or vendor credit (refund from the vendor)',
    }),
    paymentId: z.uuid({ message: 'Not a valid payment id.' }).optional().openapi({
      description: 'A payment whose unallocated part goes back: received (to the customer), made (from the vendor)',
    }),
    date: isoDate,
    amount: amount()
      .optional()
      .openapi({ description: 'In the currency of what is refunded; defaults to all that is left of it' }),
    exchangeRate: rateString
      .optional()
      .openapi({ description: "The refund's rate to the base currency; required for a foreign currency" }),
    accountId: z.uuid().optional().openapi({ description: "Bank or cash account; defaults to the 'bank' role" }),
    reference: z.string().max(100).default(''),
    memo: z.string().max(2000).default(''),
  })
  .refine((v) => (v.creditDocumentId === undefined) !== (v.paymentId === undefined), {
    message: 'Name either the credit (creditDocumentId) or the payment (paymentId) that is refunded.',
    path: ['creditDocumentId'],
  })
  .openapi('CreateRefundRequest');

export const RefundSettlement = z
  .object({
    id: z.string(),
    creditDocumentId: z.string().nullable(),
    paymentId: z.string().nullable(),
    sourceNumber: z.string().openapi({ description: 'The refunded credit or payment' }),
    amount: z.string().openapi({ description: 'Negative: an undoing (when the refund was voided)' }),
    date: z.string(),
    fxEntryId: z.string().nullable(),
    reversesAllocationId: z.string().nullable(),
  })
  .openapi('RefundSettlement');
export const Refund = PaymentSummary.extend({ settles: z.array(RefundSettlement) }).openapi('Refund');

export const UnallocateBody = z
  .strictObject({
    date: isoDate.optional().openapi({
      description: "Defaults to the allocation's date while its period is open, else today; in an open period",
    }),
  })
  .openapi('UnallocateRequest');
export const Unallocation = z
  .object({ reversal: Allocation })
  .openapi('Unallocation', { description: 'The row that undoes the allocation (its amount negative)' });

export type CreateRefundInput = z.output<typeof CreateRefundBody>;
