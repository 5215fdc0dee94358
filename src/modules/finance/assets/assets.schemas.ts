import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, isoDate, isoMonth, shortText } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

const METHODS = ['straight-line', 'declining-balance'] as const;
const STATUSES = ['draft', 'active', 'disposed'] as const;

const accountId = z.uuid({ message: 'Not a valid account id.' });
const usefulLife = z.number().int().min(1).max(1200).openapi({ description: 'Months, 1–1200' });
/** The declining-balance rate: a yearly decimal fraction ("0.4" is 40 % a year). */
const rate = z
  .string()
  .regex(/^(0|[1-9]\d?)(\.\d{1,6})?$/, 'A yearly rate as a decimal fraction, e.g. "0.4" for 40 % a year.')
  .refine((v) => Number(v) > 0, 'The rate is more than 0.')
  .openapi({ example: '0.4' });

// ── Categories ───────────────────────────────────────────────────────────────

export const AssetCategoryInput = z
  .strictObject({
    name: shortText(100),
    assetAccountId: accountId.openapi({ description: 'Where the cost sits (an asset account, e.g. 1600)' }),
    accumulatedAccountId: accountId.openapi({
      description: 'Accumulated depreciation (an asset account used as contra, e.g. 1650)',
    }),
    expenseAccountId: accountId.openapi({ description: 'Depreciation expense (an expense account, e.g. 6700)' }),
    usefulLifeMonths: usefulLife,
    method: z.enum(METHODS),
    rate: rate.nullable().default(null).openapi({ description: 'Declining balance only' }),
  })
  .openapi('AssetCategoryInput');
export const UpdateAssetCategoryBody = AssetCategoryInput.extend({ version: versionField }).openapi(
  'UpdateAssetCategoryRequest',
);
export const AssetCategory = z
  .object({
    id: z.string(),
    name: z.string(),
    assetAccountId: z.string(),
    accumulatedAccountId: z.string(),
    expenseAccountId: z.string(),
    usefulLifeMonths: z.number().int(),
    method: z.enum(METHODS),
    rate: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('AssetCategory');
export const AssetCategoryList = z.object({ items: z.array(AssetCategory) }).openapi('AssetCategoryList');

// ── Assets ───────────────────────────────────────────────────────────────────

export const AssetInput = z
  .strictObject({
    name: shortText(200),
    categoryId: z.uuid({ message: 'Not a valid category id.' }),
    cost: amount().openapi({ description: 'In the base currency' }),
    residualValue: amount().default('0'),
    acquisitionDate: isoDate,
    inServiceDate: isoDate.optional().openapi({ description: 'Defaults to the acquisition date' }),
    usefulLifeMonths: usefulLife.optional().openapi({ description: "Defaults to the category's" }),
    method: z.enum(METHODS).optional().openapi({ description: "Defaults to the category's (with its rate)" }),
    rate: rate.nullable().optional(),
    openingAccumulatedDepreciation: amount().default('0').openapi({
      description:
        'An asset brought in part-depreciated (bought before these books began): its accumulated depreciation so far, with depreciatedThrough',
    }),
    depreciatedThrough: isoDate.nullable().optional().openapi({
      description:
        'The month (any day of it) the opening depreciation runs through; the schedule continues with the next month over the rest of the life',
    }),
  })
  .openapi('AssetInput');
export const UpdateAssetBody = AssetInput.extend({ version: versionField }).openapi('UpdateAssetRequest');
export const VersionBody = z.strictObject({ version: versionField }).openapi('AssetVersionRequest');

export const Asset = z
  .object({
    id: z.string(),
    name: z.string(),
    categoryId: z.string(),
    categoryName: z.string(),
    currency: z.string(),
    cost: z.string(),
    residualValue: z.string(),
    acquisitionDate: z.string(),
    inServiceDate: z.string(),
    usefulLifeMonths: z.number().int(),
    method: z.enum(METHODS),
    rate: z.string().nullable(),
    openingAccumulatedDepreciation: z.string(),
    depreciatedThrough: z.string().nullable(),
    status: z.enum(STATUSES),
    accumulatedDepreciation: z
      .string()
      .openapi({ description: 'The opening depreciation plus what was posted so far' }),
    bookValue: z.string(),
    lastPostedPeriod: z.string().nullable(),
    disposalDate: z.string().nullable(),
    disposalProceeds: z.string().nullable(),
    disposalEntryId: z.string().nullable(),
    lastError: z.string().nullable().openapi({ description: 'Why the last depreciation run could not post' }),
    version: z.number().int(),
  })
  .openapi('Asset');
export const AssetList = pageSchema(Asset).openapi('AssetList');
export const AssetListQuery = listQuery(['name', 'inServiceDate', 'cost'], 'name').extend({
  status: z.enum(STATUSES).optional(),
  categoryId: z.uuid().optional(),
});

export const AssetSchedule = z
  .object({
    assetId: z.string(),
    currency: z.string(),
    total: z.string().openapi({ description: 'cost − residual value − opening accumulated depreciation' }),
    openingAccumulatedDepreciation: z.string(),
    depreciatedThrough: z.string().nullable(),
    months: z.array(
      z.object({
        seq: z.number().int(),
        period: z.string(),
        date: z.string(),
        amount: z.string(),
        accumulated: z.string(),
        bookValue: z.string(),
        posted: z.boolean(),
        entryId: z.string().nullable(),
      }),
    ),
  })
  .openapi('AssetSchedule');

export const DisposeBody = z
  .strictObject({
    date: isoDate,
    proceeds: amount().default('0'),
    proceedsAccountId: accountId
      .optional()
      .openapi({ description: 'Where the proceeds went (a bank or cash account); required when proceeds > 0' }),
    gainLossAccountId: accountId
      .optional()
      .openapi({ description: 'Defaults to 4900 Other income (a gain credits it, a loss debits it)' }),
    version: versionField,
  })
  .openapi('DisposeAssetRequest');

export const RunDepreciationQuery = z.object({
  through: isoMonth().optional().openapi({ description: 'Post every month due up to this one (default: last month)' }),
});
export const RunDepreciationResult = z
  .object({
    through: z.string(),
    posted: z.number().int(),
    skipped: z.number().int().openapi({ description: 'Months another run posted' }),
    failed: z.number().int(),
    errors: z.array(z.object({ assetId: z.string(), period: z.string(), code: z.string(), detail: z.string() })),
  })
  .openapi('RunDepreciationResult');

export type AssetCategoryInputT = z.output<typeof AssetCategoryInput>;
export type AssetInputT = z.output<typeof AssetInput>;
export type DisposeInputT = z.output<typeof DisposeBody>;
