import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDate, isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

export const RESULT_STATUSES = [
  'not-assessed',
  'compliant',
  'partially-compliant',
  'non-compliant',
  'not-applicable',
] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const FINDING_STATUSES = ['open', 'in-remediation', 'closed'] as const;

export const CreateAssessmentBody = z
  .strictObject({ frameworkId: uuid, name: shortText(), scope: z.string().trim().max(2000).default('') })
  .openapi('CreateComplianceAssessment');
export const UpdateAssessmentBody = z
  .strictObject({
    version: versionField,
    name: shortText().optional(),
    scope: z.string().trim().max(2000).optional(),
    status: z.enum(['in-progress', 'completed']).optional(),
  })
  .openapi('UpdateComplianceAssessment');
export const Assessment = z
  .object({
    id: z.uuid(),
    frameworkId: z.uuid(),
    name: z.string(),
    scope: z.string(),
    status: z.enum(['in-progress', 'completed']),
    summary: z.record(z.enum(RESULT_STATUSES), z.number().int()).openapi({
      description: 'Assessable requirements per status (those without a result count as not-assessed)',
    }),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('ComplianceAssessment');
export const AssessmentPage = pageSchema(Assessment).openapi('ComplianceAssessmentPage');
export const AssessmentListQuery = listQuery(['name', 'updatedAt'], '-updatedAt').extend({
  frameworkId: uuid.optional(),
});

export const ResultParams = z.object({ id: uuid, requirementId: uuid });
export const SetResultBody = z
  .strictObject({
    status: z.enum(RESULT_STATUSES),
    justification: z.string().trim().max(20_000).default('').openapi({ description: 'Required for not-applicable' }),
    observation: z.string().trim().max(20_000).default(''),
  })
  .openapi('SetComplianceAssessmentResult');
export const Result = z
  .object({
    requirementId: z.uuid(),
    refId: z.string(),
    title: z.string(),
    status: z.enum(RESULT_STATUSES),
    justification: z.string(),
    observation: z.string(),
    assessedBy: z.uuid().nullable(),
    assessedAt: isoDateTime.nullable(),
  })
  .openapi('ComplianceAssessmentResult');
export const ResultPage = pageSchema(Result).openapi('ComplianceAssessmentResultPage');
export const ResultListQuery = listQuery(['position'], 'position');

export const CreateFindingBody = z
  .strictObject({
    assessmentId: uuid,
    requirementId: uuid.nullable().default(null),
    title: shortText(),
    description: z.string().trim().max(20_000).default(''),
    severity: z.enum(SEVERITIES),
  })
  .openapi('CreateComplianceFinding');
export const Finding = z
  .object({
    id: z.uuid(),
    assessmentId: z.uuid(),
    requirementId: z.uuid().nullable(),
    title: z.string(),
    description: z.string(),
    severity: z.enum(SEVERITIES),
    status: z.enum(FINDING_STATUSES),
    taskId: z.uuid().nullable().openapi({ description: 'The remediation task in Projects' }),
    closedAt: isoDateTime.nullable(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('ComplianceFinding');
export const FindingPage = pageSchema(Finding).openapi('ComplianceFindingPage');
export const FindingListQuery = listQuery(['createdAt', 'title'], '-createdAt').extend({
  assessmentId: uuid.optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
});
export const RemediationBody = z
  .strictObject({
    version: versionField,
    projectId: uuid,
    assigneeIds: z.array(uuid).max(20).default([]),
    dueDate: isoDate.nullable().default(null),
  })
  .openapi('CreateComplianceRemediation', {
    description: 'Creates a task in a Projects project you may work in (as you); its completion closes the finding',
  });
