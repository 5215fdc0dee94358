import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDate, isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

export const TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export const ASSET_KINDS = ['information', 'system', 'service', 'process', 'people', 'facility'] as const;

const level = z.int().min(1).max(10);
const levelLabels = z.array(shortText(60)).min(2).max(10);

export const RiskMatrixBody = z
  .strictObject({
    version: versionField,
    likelihoodLevels: levelLabels.openapi({ description: 'Labels from the lowest likelihood (1) up' }),
    impactLevels: levelLabels.openapi({ description: 'Labels from the lowest impact (1) up' }),
    bands: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'A band name.'),
          minScore: z.int().min(1).max(100),
        }),
      )
      .min(1)
      .max(10)
      .openapi({ description: 'Score bands (score = likelihood × impact), ascending, the first from 1' }),
  })
  .openapi('UpdateComplianceRiskMatrix');
export const RiskMatrix = z
  .object({
    likelihoodLevels: z.array(z.string()),
    impactLevels: z.array(z.string()),
    bands: z.array(z.object({ name: z.string(), minScore: z.number().int() })),
    version: z.number().int(),
  })
  .openapi('ComplianceRiskMatrix');

const Rating = z.strictObject({ likelihood: level, impact: level });
export const RatingOut = z
  .object({
    likelihood: z.number().int(),
    impact: z.number().int(),
    likelihoodLabel: z.string(),
    impactLabel: z.string(),
    score: z.number().int(),
    band: z.string(),
  })
  .openapi('ComplianceRiskRating');

const treatmentFields = {
  treatment: z.enum(TREATMENTS).nullable(),
  treatmentNotes: z.string().trim().max(20_000),
  controlIds: z.array(uuid).max(100).openapi({ description: 'The controls that mitigate it (required to mitigate)' }),
  acceptedBy: uuid.nullable().openapi({ description: 'To accept: the approver, a user holding compliance:admin' }),
  acceptanceExpiresOn: isoDate.nullable().openapi({ description: 'To accept: when the acceptance must be reviewed' }),
  transferredTo: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .openapi({ description: 'To transfer: to whom (an insurer, a supplier)' }),
};

export const CreateRiskBody = z
  .strictObject({
    title: shortText(),
    description: z.string().trim().max(20_000).default(''),
    assetId: uuid.nullable().default(null),
    threat: z.string().trim().max(2000).default(''),
    ownerId: uuid.optional().openapi({ description: 'Default: you' }),
    inherent: Rating,
    residual: Rating.nullable().default(null),
    treatment: treatmentFields.treatment.default(null),
    treatmentNotes: treatmentFields.treatmentNotes.default(''),
    controlIds: treatmentFields.controlIds.default([]),
    acceptedBy: treatmentFields.acceptedBy.default(null),
    acceptanceExpiresOn: treatmentFields.acceptanceExpiresOn.default(null),
    transferredTo: treatmentFields.transferredTo.default(null),
  })
  .openapi('CreateComplianceRisk');

export const UpdateRiskBody = z
  .strictObject({
    version: versionField,
    title: shortText().optional(),
    description: z.string().trim().max(20_000).optional(),
    assetId: uuid.nullable().optional(),
    threat: z.string().trim().max(2000).optional(),
    ownerId: uuid.optional(),
    inherent: Rating.optional(),
    residual: Rating.nullable().optional(),
    treatment: treatmentFields.treatment.optional(),
    treatmentNotes: treatmentFields.treatmentNotes.optional(),
    controlIds: treatmentFields.controlIds.optional(),
    acceptedBy: treatmentFields.acceptedBy.optional(),
    acceptanceExpiresOn: treatmentFields.acceptanceExpiresOn.optional(),
    transferredTo: treatmentFields.transferredTo.optional(),
  })
  .openapi('UpdateComplianceRisk');

export const Risk = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    assetId: z.uuid().nullable(),
    threat: z.string(),
    ownerId: z.uuid(),
    inherent: RatingOut,
    residual: RatingOut.nullable(),
    treatment: z.enum(TREATMENTS).nullable(),
    treatmentNotes: z.string(),
    controlIds: z.array(z.uuid()),
    acceptedBy: z.uuid().nullable(),
    acceptanceExpiresOn: z.string().nullable(),
    acceptanceExpired: z.boolean(),
    transferredTo: z.string().nullable(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('ComplianceRisk');
export const RiskPage = pageSchema(Risk).openapi('ComplianceRiskPage');
export const RiskListQuery = listQuery(['title', 'updatedAt'], 'title').extend({
  assetId: uuid.optional(),
  treatment: z.enum(TREATMENTS).optional(),
  ownerId: uuid.optional(),
});

export const HeatMapQuery = z.object({
  basis: z.enum(['inherent', 'residual']).default('inherent').openapi({
    description: 'inherent, or residual (risks without a residual rating are left out and counted in `unrated`)',
  }),
});
export const HeatMap = z
  .object({
    basis: z.enum(['inherent', 'residual']),
    likelihoodLevels: z.array(z.string()),
    impactLevels: z.array(z.string()),
    cells: z.array(RatingOut.extend({ count: z.number().int() })),
    total: z.number().int(),
    unrated: z.number().int().openapi({ description: 'Risks without a residual rating (residual basis only)' }),
  })
  .openapi('ComplianceRiskHeatMap');

export const CreateAssetBody = z
  .strictObject({
    name: shortText(),
    kind: z.enum(ASSET_KINDS),
    description: z.string().trim().max(20_000).default(''),
    ownerId: uuid.nullable().default(null),
  })
  .openapi('CreateComplianceAsset');
export const UpdateAssetBody = z
  .strictObject({
    version: versionField,
    name: shortText().optional(),
    kind: z.enum(ASSET_KINDS).optional(),
    description: z.string().trim().max(20_000).optional(),
    ownerId: uuid.nullable().optional(),
  })
  .openapi('UpdateComplianceAsset');
export const Asset = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(ASSET_KINDS),
    description: z.string(),
    ownerId: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('ComplianceAsset');
export const AssetPage = pageSchema(Asset).openapi('ComplianceAssetPage');
export const AssetListQuery = listQuery(['name', 'updatedAt'], 'name').extend({ kind: z.enum(ASSET_KINDS).optional() });
