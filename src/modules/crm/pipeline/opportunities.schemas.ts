import { z } from '@hono/zod-openapi';
import { pageSchema } from '../../../platform/http/pagination.js';
import { crmListQuery } from '../crm.list.js';
import { versionField } from '../../../platform/http/versioning.js';
import { amount, currencyCode, isoDate, shortText, uuid } from '../../../platform/http/schemas.js';
import { Stage } from './pipelines.schemas.js';

const fields = {
  name: shortText(),
  organizationId: uuid.nullable().optional(),
  pipelineId: uuid.optional().openapi({ description: 'Defaults to the default pipeline' }),
  stageId: uuid.optional().openapi({ description: 'Defaults to the pipeline’s first stage' }),
  amount: amount().default('0'),
  currency: currencyCode,
  expectedCloseDate: isoDate.nullable().optional(),
  probability: z.number().int().min(0).max(100).optional().openapi({ description: 'Defaults to the stage’s' }),
  ownerId: uuid.optional().openapi({ description: 'Defaults to you' }),
  contactIds: z.array(uuid).max(50).optional(),
};

export const CreateOpportunityBody = z.strictObject(fields).openapi('CreateOpportunityRequest');
export const UpdateOpportunityBody = z
  .strictObject({
    version: versionField,
    name: fields.name.optional(),
    organizationId: fields.organizationId,
    amount: amount().optional(),
    currency: currencyCode.optional(),
    expectedCloseDate: fields.expectedCloseDate,
    probability: fields.probability,
    ownerId: fields.ownerId,
    contactIds: fields.contactIds,
  })
  .openapi('UpdateOpportunityRequest');

export const MoveOpportunityBody = z
  .strictObject({
    version: versionField,
    stageId: uuid,
    position: z.number().int().min(0).default(0).openapi({ description: '0-based place within the stage' }),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .optional()
      .openapi({ description: 'Required when moving to a lost stage' }),
  })
  .openapi('MoveOpportunityRequest');
const closeReason = shortText(1000);
/** Two schemas, not one extended from the other: an extension would be `allOf` the first in OpenAPI. */
export const LoseOpportunityBody = z
  .strictObject({ version: versionField, reason: closeReason.openapi({ description: 'Why it was lost' }) })
  .openapi('LoseOpportunityRequest');
export const WinOpportunityBody = z
  .strictObject({ version: versionField, reason: closeReason.optional().openapi({ description: 'Optional note' }) })
  .openapi('WinOpportunityRequest');

export const Opportunity = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organizationId: z.uuid().nullable(),
    organizationName: z
      .string()
      .nullable()
      .openapi({ description: 'The organization’s name (null: none, or one you cannot see)' }),
    pipelineId: z.uuid(),
    stageId: z.uuid(),
    position: z.number().int(),
    amount: z.string(),
    currency: z.string(),
    expectedCloseDate: z.string().nullable(),
    probability: z.number().int(),
    status: z.enum(['open', 'won', 'lost']),
    closeReason: z.string().nullable(),
    closedAt: z.iso.datetime().nullable(),
    ownerId: z.uuid(),
    ownerName: z.string().nullable().openapi({ description: 'The owner’s display name' }),
    leadId: z.uuid().nullable(),
    contactIds: z.array(z.uuid()),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Opportunity');
export const OpportunityPage = pageSchema(Opportunity).openapi('OpportunityPage');
export const OpportunityListQuery = crmListQuery(['name', 'amount', 'createdAt', 'updatedAt'], '-createdAt').extend({
  pipelineId: uuid.optional(),
  stageId: uuid.optional(),
  organizationId: uuid.optional(),
  ownerId: uuid.optional(),
  status: z.enum(['open', 'won', 'lost']).optional(),
});

export const Board = z
  .object({
    pipelineId: z.uuid(),
    name: z.string(),
    stages: z.array(
      Stage.extend({
        total: z.number().int().openapi({ description: 'How many opportunities you can see in the stage' }),
        amountByCurrency: z
          .array(z.object({ currency: z.string(), count: z.number().int(), amount: z.string() }))
          .openapi({ description: 'All of them (not only those returned), per currency, by currency code' }),
        opportunities: z
          .array(Opportunity)
          .openapi({ description: 'The `limit` of them from `offset` (default: the first), in position order' }),
      }),
    ),
  })
  .openapi('PipelineBoard');
export const BoardQuery = z.object({
  ownerId: uuid.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ description: 'Opportunities per stage (1–500); `total` says how many there are' }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(0)
    .openapi({ description: 'Skip this many per stage (with `stageId`: "show more" of one column)' }),
  stageId: uuid.optional().openapi({ description: 'Only this stage of the pipeline' }),
});

export const StageChange = z
  .object({
    id: z.uuid(),
    fromStageId: z.uuid().nullable(),
    toStageId: z.uuid(),
    changedBy: z.uuid().nullable(),
    changedByName: z.string().nullable(),
    changedAt: z.iso.datetime(),
  })
  .openapi('StageChange');
export const StageHistory = z.object({ items: z.array(StageChange) }).openapi('StageHistory');

export type CreateOpportunityInput = z.input<typeof CreateOpportunityBody>;
export type UpdateOpportunityInput = z.output<typeof UpdateOpportunityBody>;
export type MoveOpportunityInput = z.output<typeof MoveOpportunityBody>;
export type OpportunityListFilter = z.output<typeof OpportunityListQuery>;
export type OpportunityDto = z.input<typeof Opportunity>;
export type OpportunityRecord = Omit<OpportunityDto, 'ownerName'>;

const ForecastAmounts = {
  currency: z.string(),
  count: z.number().int(),
  amount: z.string(),
  weightedAmount: z.string().openapi({ description: 'Sum of amount × probability / 100' }),
};
export const Forecast = z
  .object({
    pipelineId: z.uuid(),
    items: z.array(
      z.object({
        month: z.string().nullable().openapi({ description: 'YYYY-MM of the expected close date; null: not set' }),
        ...ForecastAmounts,
      }),
    ),
    byOwner: z.array(z.object({ ownerId: z.uuid(), ownerName: z.string().nullable(), ...ForecastAmounts })),
  })
  .openapi('PipelineForecast');
export const ForecastQuery = z.object({ ownerId: uuid.optional() });
