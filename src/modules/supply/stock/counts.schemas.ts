import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDate, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { quantityOrZero, timestamps, unitCost } from '../supply.shared.js';

export const CountLineInput = z
  .strictObject({
    itemId: uuid,
    locationId: uuid.optional().openapi({ description: "Defaults to the warehouse's default location" }),
    lotId: uuid.optional(),
    countedQuantity: quantityOrZero.openapi({ description: 'In the base unit' }),
    unitCost: unitCost
      .optional()
      .openapi({ description: "For a gain: cost per unit (default: the item's current cost)" }),
  })
  .openapi('SupplyCountLineInput');
export const CreateCountBody = z
  .strictObject({
    warehouseId: uuid,
    date: isoDate.optional(),
    reason: shortText(200).default('cycle count'),
    lines: z.array(CountLineInput).min(1).max(500),
  })
  .openapi('CreateSupplyCountRequest');
export const Count = z
  .object({
    id: z.string(),
    number: z.string(),
    warehouseId: z.string(),
    date: z.string(),
    status: z.enum(['open', 'posted']),
    reason: z.string(),
    lines: z.array(
      z.object({
        id: z.string(),
        itemId: z.string(),
        locationId: z.string(),
        lotId: z.string().nullable(),
        countedQuantity: z.string(),
        onHand: z.string().openapi({ description: 'On hand now (open) — the difference is what posting adjusts' }),
        difference: z.string(),
      }),
    ),
    ...timestamps,
  })
  .openapi('SupplyCount');
export const CountSummary = Count.omit({ lines: true })
  .extend({ lineCount: z.number().int().openapi({ description: 'How many item × location × lot lines it counts' }) })
  .openapi('SupplyCountSummary');
export const CountPage = pageSchema(CountSummary).openapi('SupplyCountPage');
export const CountListQuery = listQuery(['number', 'date', 'createdAt'], '-number').extend({
  status: z.enum(['open', 'posted']).optional(),
  warehouseId: uuid.optional(),
  locationId: uuid.optional().openapi({ description: 'Counts with a line at this location' }),
});
export const PostCountBody = z.strictObject({ version: versionField }).openapi('PostSupplyCountRequest');

export type CreateCountInput = z.output<typeof CreateCountBody>;
export type CountDto = z.input<typeof Count>;
export type CountSummaryDto = z.input<typeof CountSummary>;
export type CountFilter = z.output<typeof CountListQuery>;
