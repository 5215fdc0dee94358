import { z } from '@hono/zod-openapi';
import { isoDate, optionalText, shortText, uuid } from '../../../platform/http/schemas.js';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { quantity, unitCost } from '../supply.shared.js';

const place = {
  warehouseId: uuid.optional().openapi({ description: 'Any location of this warehouse (first expiry first out)' }),
  locationId: uuid.optional().openapi({ description: 'This location only' }),
};
const unit = z.string().trim().min(1).max(20).optional().openapi({ description: "Defaults to the item's base unit" });

export const AdjustmentBody = z
  .strictObject({
    date: isoDate.optional().openapi({ description: 'Defaults to today' }),
    itemId: uuid,
    ...place,
    direction: z.enum(['in', 'out']),
    quantity,
    unit,
    lotId: uuid.optional(),
    lotCode: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: 'In: the lot or serial number (created if new)' }),
    expiryDate: isoDate.optional().openapi({ description: "In, new lot: defaults to date + the item's shelf life" }),
    unitCost: unitCost.optional().openapi({ description: "In: cost per base unit (default: the item's current cost)" }),
    reason: shortText(200),
  })
  .openapi('SupplyAdjustmentRequest');

export const TransferBody = z
  .strictObject({
    date: isoDate.optional(),
    itemId: uuid,
    fromLocationId: uuid,
    toLocationId: uuid,
    quantity,
    unit,
    lotId: uuid.optional(),
    reason: z.string().trim().max(200).default('transfer'),
  })
  .openapi('SupplyTransferRequest');

export const MoveResult = z
  .object({
    moves: z.array(
      z.object({
        id: z.string(),
        locationId: z.string(),
        lotId: z.string().nullable(),
        quantity: z.string(),
        value: z.string(),
        journalEntryId: z.string().nullable(),
      }),
    ),
  })
  .openapi('SupplyMoveResult');

export const ReservationBody = z
  .strictObject({
    itemId: uuid,
    ...place,
    quantity,
    unit,
    lotId: uuid.optional(),
    reference: shortText(100).openapi({ description: 'What it is for (an order number)' }),
  })
  .openapi('SupplyReservationRequest');
export const Reservation = z
  .object({
    id: z.string(),
    itemId: z.string(),
    locationId: z.string(),
    lotId: z.string().nullable(),
    quantity: z.string(),
  })
  .openapi('SupplyReservation');
export const ReservationResult = z
  .object({ sourceId: z.string(), reservations: z.array(Reservation) })
  .openapi('SupplyReservationResult');

export const DeliveryLineInput = z
  .strictObject({
    itemId: uuid,
    ...place,
    quantity,
    unit,
    lotId: uuid.optional(),
  })
  .openapi('SupplyDeliveryLineInput');
export const DeliveryBody = z
  .strictObject({
    date: isoDate.optional(),
    customerId: uuid.optional().openapi({ description: 'A Finance party (customer)' }),
    reference: z.string().trim().max(100).default(''),
    reservationSourceId: uuid
      .optional()
      .openapi({ description: 'Deliver what this reservation holds (its sourceId): lines then come from it' }),
    lines: z.array(DeliveryLineInput).max(200).default([]),
  })
  .openapi('SupplyDeliveryRequest');
export const Delivery = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(['delivery', 'return']),
    customerId: z.string().nullable(),
    date: z.string(),
    reference: z.string(),
    lines: z.array(
      z.object({
        id: z.string(),
        itemId: z.string(),
        locationId: z.string(),
        lotId: z.string().nullable(),
        quantity: z.string(),
        value: z.string(),
      }),
    ),
  })
  .openapi('SupplyDelivery');
export const CustomerReturnBody = z
  .strictObject({
    date: isoDate.optional(),
    reason: shortText(200).default('customer return'),
    lines: z
      .array(z.strictObject({ deliveryLineId: uuid, quantity, locationId: uuid.optional() }))
      .min(1)
      .max(200),
  })
  .openapi('SupplyCustomerReturnRequest');

export const OnHandQuery = z.object({
  itemId: uuid.optional(),
  warehouseId: uuid.optional(),
  locationId: uuid.optional(),
});
export const OnHandRow = z
  .object({
    itemId: z.string(),
    sku: z.string(),
    locationId: z.string(),
    warehouseId: z.string(),
    lotId: z.string().nullable(),
    lotCode: z.string().nullable(),
    expiryDate: z.string().nullable(),
    onHand: z.string(),
    reserved: z.string(),
    available: z.string(),
  })
  .openapi('SupplyOnHand');
export const OnHandList = z.object({ items: z.array(OnHandRow) }).openapi('SupplyOnHandList');

export const LedgerQuery = listQuery(['seq'], 'seq').extend({
  itemId: uuid,
  warehouseId: uuid.optional(),
});
export const LedgerRow = z
  .object({
    id: z.string(),
    seq: z.string(),
    kind: z.string(),
    date: z.string(),
    quantity: z.string(),
    unit: z.string(),
    unitQuantity: z.string(),
    fromLocationId: z.string().nullable(),
    toLocationId: z.string().nullable(),
    lotId: z.string().nullable(),
    reason: z.string(),
    value: z.string(),
    balance: z.string().openapi({ description: 'Running on-hand after this move (of the item, or in the warehouse)' }),
    valueBalance: z.string().openapi({ description: 'Running inventory value after this move (whole item)' }),
    sourceType: z.string().nullable(),
    sourceId: z.string().nullable(),
    journalEntryId: z.string().nullable(),
  })
  .openapi('SupplyLedgerRow');
export const LedgerPage = pageSchema(LedgerRow).openapi('SupplyLedgerPage');

export const ValuationQuery = z.object({
  asOf: isoDate.optional().openapi({ description: 'Defaults to today' }),
  format: z.enum(['json', 'csv']).default('json'),
});
export const Valuation = z
  .object({
    asOf: z.string(),
    currency: z.string(),
    total: z.string(),
    items: z.array(
      z.object({ itemId: z.string(), sku: z.string(), name: z.string(), quantity: z.string(), value: z.string() }),
    ),
  })
  .openapi('SupplyValuation');

export const SnapshotBody = z.strictObject({ asOf: isoDate }).openapi('SupplyValuationSnapshotRequest');

export const StockCheck = z
  .object({
    ok: z.boolean(),
    balanceMismatches: z.array(
      z.object({
        itemId: z.string(),
        locationId: z.string(),
        lotId: z.string().nullable(),
        balance: z.string(),
        ledger: z.string(),
      }),
    ),
    costMismatches: z.array(z.object({ itemId: z.string(), costValue: z.string(), ledgerValue: z.string() })),
  })
  .openapi('SupplyStockCheck');

export const ReasonQuery = z.object({ from: isoDate, to: isoDate, format: z.enum(['json', 'csv']).default('json') });
export const MovesByReason = z
  .object({
    items: z.array(
      z.object({
        kind: z.string(),
        reason: z.string(),
        moves: z.number().int(),
        quantity: z.string(),
        value: z.string(),
      }),
    ),
  })
  .openapi('SupplyMovesByReason');
export const SlowMovingQuery = z.object({
  days: z.coerce.number().int().min(1).max(3650).default(90),
  asOf: isoDate.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export const SlowMoving = z
  .object({
    items: z.array(
      z.object({
        itemId: z.string(),
        sku: z.string(),
        name: z.string(),
        onHand: z.string(),
        value: z.string(),
        lastIssue: z.string().nullable(),
      }),
    ),
  })
  .openapi('SupplySlowMoving');

export const Settings = z
  .object({
    valuationMethod: z.enum(['fifo', 'average', 'standard']),
    overReceiptPercent: z.string(),
    priceTolerancePercent: z.string(),
    version: z.number().int(),
  })
  .openapi('SupplySettings');
export const UpdateSettingsBody = z
  .strictObject({
    version: z.number().int().min(1),
    valuationMethod: z
      .enum(['fifo', 'average', 'standard'])
      .optional()
      .openapi({ description: 'Only while no stock has moved; standard: every item needs its standardCost' }),
    overReceiptPercent: z
      .string()
      .regex(/^(0|[1-9]\d{0,2})(\.\d{1,4})?$/)
      .optional(),
    priceTolerancePercent: z
      .string()
      .regex(/^(0|[1-9]\d{0,2})(\.\d{1,4})?$/)
      .optional(),
  })
  .openapi('UpdateSupplySettingsRequest');

export const LotsQuery = z.object({ itemId: uuid });
export const Lot = z
  .object({
    id: z.string(),
    itemId: z.string(),
    code: z.string(),
    expiryDate: z.string().nullable(),
    onHand: z.string(),
  })
  .openapi('SupplyLot');
export const LotList = z.object({ items: z.array(Lot) }).openapi('SupplyLotList');

export const optionalNote = optionalText(200);

export type AdjustmentInput = z.output<typeof AdjustmentBody>;
export type TransferInput = z.output<typeof TransferBody>;
export type ReservationInput = z.output<typeof ReservationBody>;
export type DeliveryInput = z.output<typeof DeliveryBody>;
export type DeliveryLineInputT = z.output<typeof DeliveryLineInput>;
export type CustomerReturnInput = z.output<typeof CustomerReturnBody>;
export type DeliveryDto = z.input<typeof Delivery>;
export type LedgerFilter = z.output<typeof LedgerQuery>;
export type UpdateSettingsInput = z.output<typeof UpdateSettingsBody>;
