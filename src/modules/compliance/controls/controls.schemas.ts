import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDate, isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { COLLECTORS } from '../compliance.module.js';

export const CONTROL_STATUSES = ['planned', 'in-progress', 'implemented', 'not-implemented', 'retired'] as const;

const requirementIds = z.array(uuid).max(500);
const policyIds = z.array(uuid).max(100);
const collectors = z.array(z.enum(COLLECTORS)).max(COLLECTORS.length);
const longText = z.string().trim().max(20_000);

export const CreateControlBody = z
  .strictObject({
    name: shortText(),
    description: longText.default(''),
    ownerId: uuid,
    status: z.enum(CONTROL_STATUSES).default('planned'),
    implementationNotes: longText.default(''),
    reviewFrequencyDays: z.int().min(1).max(3660).default(365),
    nextReviewDate: isoDate.nullable().optional().openapi({ description: 'Default: today + the review frequency' }),
    requirementIds: requirementIds.default([]),
    policyIds: policyIds.default([]).openapi({ description: 'The policies the control puts into effect' }),
    collectors: collectors
      .default([])
      .openapi({ description: 'Evidence collectors whose latest runs the health follows' }),
  })
  .openapi('CreateComplianceControl');

export const UpdateControlBody = z
  .strictObject({
    version: versionField,
    name: shortText().optional(),
    description: longText.optional(),
    ownerId: uuid.optional(),
    status: z.enum(CONTROL_STATUSES).optional(),
    implementationNotes: longText.optional(),
    reviewFrequencyDays: z.int().min(1).max(3660).optional(),
    nextReviewDate: isoDate.nullable().optional(),
    requirementIds: requirementIds.optional().openapi({ description: 'Replaces the list' }),
    policyIds: policyIds.optional().openapi({ description: 'Replaces the list' }),
    collectors: collectors.optional(),
  })
  .openapi('UpdateComplianceControl');

export const Health = z
  .object({
    status: z.enum(['green', 'amber', 'red']),
    reasons: z.array(
      z.object({
        level: z.enum(['amber', 'red']),
        code: z.string(),
        message: z.string(),
        collector: z.string().optional(),
      }),
    ),
  })
  .openapi('ComplianceControlHealth');

export const Control = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    ownerId: z.uuid(),
    status: z.enum(CONTROL_STATUSES),
    implementationNotes: z.string(),
    reviewFrequencyDays: z.number().int(),
    nextReviewDate: z.string().nullable(),
    requirementIds: z.array(z.uuid()),
    policyIds: z.array(z.uuid()),
    collectors: z.array(z.string()),
    evidenceCount: z.number().int(),
    health: Health,
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('ComplianceControl');
export const ControlPage = pageSchema(Control).openapi('ComplianceControlPage');
export const ControlListQuery = listQuery(['name', 'updatedAt', 'nextReviewDate'], 'name').extend({
  status: z.enum(CONTROL_STATUSES).optional(),
  ownerId: uuid.optional(),
  requirementId: uuid.optional(),
  policyId: uuid.optional().openapi({ description: 'The controls linked to this policy' }),
});
