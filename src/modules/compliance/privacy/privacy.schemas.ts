import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDateTime, uuid } from '../../../platform/http/schemas.js';

/** The people a request can be about (the modules whose manifests declare them: CRM, HR). */
// eslint-disable-next-line no-restricted-syntax -- subject types (`<module>.<record>`, the manifests' `privacy.subjects`), not tables
export const PRIVACY_SUBJECT_TYPES = ['crm.contact', 'hr.employee'] as const;
export const PRIVACY_KINDS = ['export', 'erasure'] as const;
export const PRIVACY_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

/** What the person is called in messages, by subject type. */
export const SUBJECT_LABELS: Record<(typeof PRIVACY_SUBJECT_TYPES)[number], string> = {
  [PRIVACY_SUBJECT_TYPES[0]]: 'Contact',
  [PRIVACY_SUBJECT_TYPES[1]]: 'Employee',
};

/** What an erasure request must carry in `confirm`, word for word. */
export const ERASURE_CONFIRMATION = 'ERASE';

const Subject = z
  .strictObject({
    type: z.enum(PRIVACY_SUBJECT_TYPES).openapi({ description: 'A CRM contact or an HR employee' }),
    id: uuid,
  })
  .openapi('CompliancePrivacySubject');

export const CreatePrivacyRequestBody = z
  .strictObject({
    kind: z.enum(PRIVACY_KINDS),
    subject: Subject,
    reason: z.string().trim().min(1, 'Required.').max(2000).openapi({
      description: 'Why (e.g. "Data-subject request of 2026-12-01, ticket 4711")',
    }),
    confirm: z
      .string()
      .optional()
      .openapi({
        description: `Erasure only, required: the word "${ERASURE_CONFIRMATION}" (it cannot be undone)`,
      }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'erasure' && v.confirm !== ERASURE_CONFIRMATION)
      ctx.addIssue({
        code: 'custom',
        path: ['confirm'],
        message: `Type ${ERASURE_CONFIRMATION} to confirm the erasure: it cannot be undone.`,
      });
  })
  .openapi('CreateCompliancePrivacyRequest');

const Retained = z.object({ module: z.string(), what: z.string(), count: z.number().int(), reason: z.string() });

export const PrivacySummarySchema = z
  .object({
    subjectFound: z.boolean(),
    records: z.number().int().openapi({ description: 'Export: records exported; erasure: records anonymized' }),
    modules: z.array(
      z.object({
        module: z.string(),
        sections: z.record(z.string(), z.number().int()).optional(),
        anonymized: z.number().int().optional(),
        retained: z.number().int().optional(),
      }),
    ),
    retained: z.array(Retained),
  })
  .openapi('CompliancePrivacySummary');

export const PrivacyRequest = z
  .object({
    id: z.uuid(),
    kind: z.enum(PRIVACY_KINDS),
    subject: z.object({ type: z.string(), id: z.uuid() }),
    reason: z.string(),
    status: z.enum(PRIVACY_STATUSES),
    error: z.string().nullable(),
    jobId: z.uuid().nullable(),
    summary: PrivacySummarySchema.nullable(),
    file: z
      .object({ name: z.string(), size: z.number().int(), sha256: z.string() })
      .nullable()
      .openapi({ description: 'The export (JSON) or the erasure report (JSON), once done' }),
    requestedBy: z.uuid().nullable(),
    createdAt: isoDateTime,
    finishedAt: isoDateTime.nullable(),
  })
  .openapi('CompliancePrivacyRequest');
export const PrivacyRequestPage = pageSchema(PrivacyRequest).openapi('CompliancePrivacyRequestPage');

export const PrivacyRequestListQuery = listQuery(['createdAt'], '-createdAt').extend({
  kind: z.enum(PRIVACY_KINDS).optional(),
  status: z.enum(PRIVACY_STATUSES).optional(),
  subjectType: z.enum(PRIVACY_SUBJECT_TYPES).optional(),
  subjectId: uuid.optional(),
});

export const PrivacyDownload = z
  .object({
    url: z.string().openapi({ description: 'A short-lived link to the file (GET it; no token needed)' }),
    expiresAt: isoDateTime,
    name: z.string(),
    size: z.number().int(),
    sha256: z.string(),
  })
  .openapi('CompliancePrivacyDownload');
