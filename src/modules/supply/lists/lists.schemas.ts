import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { booleanQuery, isoDate, uuid } from '../../../platform/http/schemas.js';

const dateRange = {
  from: isoDate.optional().openapi({ description: 'On or after this date' }),
  to: isoDate.optional().openapi({ description: 'On or before this date' }),
};

export const DeliveryListQuery = listQuery(['number', 'date'], '-date').extend({
  salesOrderId: uuid.optional().openapi({ description: "A sales order's deliveries and returns" }),
  customerId: uuid.optional(),
  kind: z.enum(['delivery', 'return']).optional(),
  status: z.enum(['to-invoice', 'invoiced', 'no-order']).optional().openapi({
    description:
      "to-invoice: a sales order's delivery not invoiced yet; invoiced; no-order: a delivery without a sales order (or a return)",
  }),
  ...dateRange,
});
export const DeliverySummary = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(['delivery', 'return']),
    status: z.enum(['to-invoice', 'invoiced', 'no-order']),
    customerId: z.string().nullable(),
    date: z.string(),
    reference: z.string(),
    salesOrderId: z.string().nullable(),
    salesOrderNumber: z.string().nullable(),
    invoiceId: z.string().nullable(),
    lineCount: z.number().int(),
    value: z.string().openapi({ description: 'The cost of the goods (base currency)' }),
  })
  .openapi('SupplyDeliverySummary');
export const DeliverySummaryPage = pageSchema(DeliverySummary).openapi('SupplyDeliverySummaryPage');

export const ReceiptListQuery = listQuery(['number', 'date'], '-date').extend({
  orderId: uuid.optional().openapi({ description: "A purchase order's receipts and returns" }),
  supplierId: uuid.optional(),
  kind: z.enum(['receipt', 'return']).optional(),
  billed: booleanQuery.optional().openapi({ description: 'Receipts with (true) or without (false) a bill' }),
  ...dateRange,
});
export const ReceiptSummary = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(['receipt', 'return']),
    orderId: z.string(),
    orderNumber: z.string(),
    supplierId: z.string(),
    date: z.string(),
    billId: z.string().nullable(),
    lineCount: z.number().int(),
  })
  .openapi('SupplyReceiptSummary');
export const ReceiptSummaryPage = pageSchema(ReceiptSummary).openapi('SupplyReceiptSummaryPage');

export type DeliveryListFilter = z.output<typeof DeliveryListQuery>;
export type ReceiptListFilter = z.output<typeof ReceiptListQuery>;
export type DeliverySummaryDto = z.input<typeof DeliverySummary>;
export type ReceiptSummaryDto = z.input<typeof ReceiptSummary>;
