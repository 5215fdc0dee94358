import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { booleanQuery, isoDate, isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { COLLECTORS } from '../compliance.module.js';

export const EVIDENCE_KINDS = ['link', 'note', 'file'] as const;

const url = z
  .url({ protocol: /^https?$/, message: 'An http(s) URL.' })
  .max(2000)
  .openapi({ example: 'https://wiki.example.com/policies/access' });
const note = z.string().trim().max(20_000);

export const CreateEvidenceBody = z
  .strictObject({
    controlId: uuid,
    kind: z.enum(EVIDENCE_KINDS).openapi({
      description: 'link (needs url), note, or file (attach the files to it: recordType compliance.evidence)',
    }),
    title: shortText(),
    url: url.optional(),
    note: note.default(''),
    ownerId: uuid.optional().openapi({ description: 'Default: you' }),
    expiresOn: isoDate.nullable().default(null),
  })
  .openapi('CreateComplianceEvidence');

export const UpdateEvidenceBody = z
  .strictObject({
    version: versionField,
    title: shortText().optional(),
    url: url.optional(),
    note: note.optional(),
    ownerId: uuid.optional(),
    expiresOn: isoDate.nullable().optional(),
  })
  .openapi('UpdateComplianceEvidence');

export const Evidence = z
  .object({
    id: z.uuid(),
    controlId: z.uuid(),
    kind: z.enum(EVIDENCE_KINDS),
    title: z.string(),
    url: z.string().nullable(),
    note: z.string(),
    ownerId: z.uuid(),
    expiresOn: z.string().nullable(),
    expired: z.boolean(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('ComplianceEvidence');
export const EvidencePage = pageSchema(Evidence).openapi('ComplianceEvidencePage');
export const EvidenceListQuery = listQuery(['title', 'createdAt', 'expiresOn'], '-createdAt').extend({
  controlId: uuid.optional(),
  ownerId: uuid.optional(),
  expired: booleanQuery.optional(),
});

export const Collector = z
  .object({
    key: z.enum(COLLECTORS),
    title: z.string(),
    description: z.string(),
    maxAgeHours: z.number().int(),
    latestRun: z
      .object({
        id: z.uuid(),
        status: z.enum(['passed', 'failed', 'error']),
        summary: z.string(),
        collectedAt: isoDateTime,
      })
      .nullable(),
  })
  .openapi('ComplianceCollector');

export const RunCollectorsBody = z
  .strictObject({
    collectors: z
      .array(z.enum(COLLECTORS))
      .min(1)
      .max(COLLECTORS.length)
      .optional()
      .openapi({ description: 'Default: every collector' }),
  })
  .openapi('RunComplianceCollectors');
export const RunCollectorsResult = z.object({ jobId: z.uuid() }).openapi('ComplianceCollectionJob');

export const CollectorRun = z
  .object({
    id: z.uuid(),
    collector: z.enum(COLLECTORS),
    status: z.enum(['passed', 'failed', 'error']),
    summary: z.string(),
    sha256: z.string(),
    collectedAt: isoDateTime,
    jobId: z.uuid().nullable(),
  })
  .openapi('ComplianceCollectorRun');
export const CollectorRunPage = pageSchema(CollectorRun).openapi('ComplianceCollectorRunPage');
export const CollectorRunListQuery = listQuery(['collectedAt'], '-collectedAt').extend({
  collector: z.enum(COLLECTORS).optional(),
  status: z.enum(['passed', 'failed', 'error']).optional(),
});
export const CollectorRunDetail = CollectorRun.extend({
  artefact: z.unknown().openapi({ description: 'The artefact as stored (canonical JSON, parsed)' }),
  integrity: z.object({
    recomputedSha256: z.string(),
    valid: z.boolean().openapi({ description: 'The stored bytes still hash to the recorded SHA-256' }),
  }),
}).openapi('ComplianceCollectorRunDetail');
