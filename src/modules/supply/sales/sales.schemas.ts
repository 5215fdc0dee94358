import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { currencyCode, isoDate, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { percent, quantity, timestamps, unitCost } from '../supply.shared.js';
import { Delivery } from '../stock/stock.schemas.js';

const STATUSES = ['quotation', 'confirmed', 'partially-delivered', 'delivered', 'cancelled'] as const;

const rate = z.string().regex(/^(0|[1-9]\d{0,9})(\.\d{1,8})?$/, 'A rate as a decimal string, e.g. "1.0845".');
const lines = z.array(
  z
    .strictObject({
      itemId: uuid,
      quantity: quantity.openapi({ description: "In the line's unit" }),
      unit: z
        .string()
        .trim()
        .min(1)
        .max(20)
        .optional()
        .openapi({ description: "The item's base unit (default) or a unit it has a conversion for, e.g. box" }),
      unitPrice: unitCost.optional().openapi({
        description:
          "Per the line's unit, in the order's currency. Default: the customer's (else the general) sales price list in that currency, by quantity break (its base-unit price × the unit's factor)",
      }),
      discountPercent: percent.default('0'),
    })
    .openapi('SupplySalesLineInput'),
);
export const CreateQuotationBody = z
  .strictObject({
    customerId: uuid.openapi({ description: 'A Finance party (customer)' }),
    warehouseId: uuid,
    opportunityId: uuid.optional().openapi({
      description:
        "A CRM opportunity (open, and visible to you in CRM): its amount follows this quotation's total while it is open",
    }),
    currency: currencyCode.optional().openapi({
      description: "Default: the opportunity's currency, else the customer's, else the base currency",
    }),
    exchangeRate: rate.optional().openapi({ description: 'Base currency per unit; required for a foreign currency' }),
    date: isoDate.optional(),
    validUntil: isoDate.optional(),
    memo: z.string().trim().max(2000).default(''),
    lines: lines.min(1).max(200),
  })
  .openapi('CreateSupplyQuotationRequest');
export const UpdateQuotationBody = z
  .strictObject({
    version: versionField,
    exchangeRate: rate.optional(),
    validUntil: isoDate.nullable().optional(),
    memo: z.string().trim().max(2000).optional(),
    lines: lines.min(1).max(200).optional().openapi({ description: 'Replaces the lines (prices as on create)' }),
  })
  .openapi('UpdateSupplyQuotationRequest');
export const SalesVersionBody = z.strictObject({ version: versionField }).openapi('SupplySalesVersionRequest');
export const SalesOrder = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(STATUSES),
    customerId: z.string(),
    warehouseId: z.string(),
    date: z.string(),
    validUntil: z.string().nullable(),
    currency: z.string(),
    exchangeRate: z.string().openapi({ description: 'Base currency per unit of the order currency' }),
    opportunityId: z.string().nullable().openapi({ description: 'The CRM opportunity it quotes' }),
    memo: z.string(),
    total: z.string(),
    lines: z.array(
      z.object({
        id: z.string(),
        lineNo: z.number().int(),
        itemId: z.string(),
        sku: z.string(),
        unit: z.string().openapi({ description: 'Quantities and the price are per this unit' }),
        factor: z.string().openapi({ description: 'Base units in one of the line unit' }),
        baseQuantity: z.string().openapi({ description: "The quantity in the item's base unit" }),
        quantity: z.string(),
        unitPrice: z.string(),
        discountPercent: z.string(),
        reservedQuantity: z.string(),
        deliveredQuantity: z.string(),
        backorderQuantity: z.string().openapi({ description: 'Ordered, not delivered' }),
        invoicedQuantity: z.string(),
      }),
    ),
    deliveries: z
      .array(
        z.object({
          id: z.string(),
          number: z.string(),
          kind: z.enum(['delivery', 'return']),
          date: z.string(),
          invoiceId: z.string().nullable().openapi({ description: 'The Finance invoice, once invoiced' }),
        }),
      )
      .openapi({ description: 'Deliveries and customer returns, oldest first' }),
    ...timestamps,
  })
  .openapi('SupplySalesOrder');
export const SalesOrderPage = pageSchema(SalesOrder.omit({ lines: true, deliveries: true })).openapi(
  'SupplySalesOrderPage',
);
export const SalesOrderListQuery = listQuery(['number', 'date'], '-number').extend({
  status: z.enum(STATUSES).optional(),
  customerId: uuid.optional(),
  opportunityId: uuid.optional().openapi({ description: "A CRM opportunity's quotations and orders" }),
});
export const DeliverOrderBody = z
  .strictObject({
    date: isoDate.optional(),
    lines: z
      .array(
        z.strictObject({ orderLineId: uuid, quantity: quantity.openapi({ description: "In the order line's unit" }) }),
      )
      .max(200)
      .optional()
      .openapi({ description: 'Default: everything that can go now (the rest stays a backorder)' }),
  })
  .openapi('SupplyDeliverOrderRequest');
export const InvoiceBody = z
  .strictObject({
    date: isoDate.optional(),
    exchangeRate: rate
      .optional()
      .openapi({ description: "A foreign-currency order: the invoice's rate (default: the order's)" }),
  })
  .openapi('SupplyInvoiceDeliveryRequest');
export const InvoiceResult = z
  .object({
    invoiceId: z.string(),
    number: z.string().nullable(),
    currency: z.string(),
    total: z.string(),
    delivery: Delivery,
  })
  .openapi('SupplyInvoiceResult');

export type CreateQuotationInput = z.output<typeof CreateQuotationBody>;
export type UpdateQuotationInput = z.output<typeof UpdateQuotationBody>;
export type InvoiceInput = z.output<typeof InvoiceBody>;
export type SalesOrderDto = z.input<typeof SalesOrder>;
export type SalesOrderFilter = z.output<typeof SalesOrderListQuery>;
export type DeliverOrderInput = z.output<typeof DeliverOrderBody>;
