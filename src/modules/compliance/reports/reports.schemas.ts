import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDateTime, uuid } from '../../../platform/http/schemas.js';

export const REPORT_KINDS = ['soa', 'audit'] as const;
export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export const REPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const CreateReportBody = z
  .strictObject({
    kind: z.enum(REPORT_KINDS).openapi({ description: 'soa: Statement of Applicability; audit: audit report' }),
    format: z.enum(REPORT_FORMATS),
    frameworkId: uuid.openapi({ description: 'The framework version' }),
    assessmentId: uuid.nullable().optional().openapi({
      description:
        'The assessment applicability and results come from (of that framework version); default: its latest',
    }),
  })
  .openapi('CreateComplianceReport');

export const Report = z
  .object({
    id: z.uuid(),
    kind: z.enum(REPORT_KINDS),
    format: z.enum(REPORT_FORMATS),
    frameworkId: z.uuid(),
    assessmentId: z.uuid().nullable(),
    parameters: z.record(z.string(), z.string().nullable()),
    templateVersion: z.string(),
    status: z.enum(REPORT_STATUSES),
    progress: z.number().int().min(0).max(100),
    progressMessage: z.string().nullable(),
    error: z.string().nullable(),
    jobId: z.uuid().nullable(),
    asOf: isoDateTime
      .nullable()
      .openapi({ description: 'When the data was read (the file’s own dates are set to it)' }),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int().nullable(),
    sha256: z.string().nullable().openapi({ description: 'SHA-256 of the stored file’s bytes (lowercase hex)' }),
    requestedBy: z.uuid().nullable(),
    createdAt: isoDateTime,
    finishedAt: isoDateTime.nullable(),
  })
  .openapi('ComplianceReport');
export const ReportPage = pageSchema(Report).openapi('ComplianceReportPage');
export const ReportListQuery = listQuery(['createdAt'], '-createdAt').extend({
  kind: z.enum(REPORT_KINDS).optional(),
  frameworkId: uuid.optional(),
});

export const ReportDownload = z
  .object({
    report: Report,
    download: z.object({
      method: z.literal('GET'),
      url: z.string(),
      headers: z.record(z.string(), z.string()),
      expiresAt: isoDateTime,
    }),
  })
  .openapi('ComplianceReportDownload');

export const ReportVerification = z
  .object({
    reportId: z.uuid(),
    valid: z.boolean().openapi({ description: 'The stored bytes still hash to the recorded SHA-256 (and size)' }),
    sha256: z.string(),
    recomputedSha256: z.string().nullable().openapi({ description: 'Null when the file is missing' }),
    size: z.number().int(),
    recomputedSize: z.number().int().nullable(),
    templateVersion: z.string(),
    asOf: isoDateTime,
    checkedAt: isoDateTime,
  })
  .openapi('ComplianceReportVerification');
