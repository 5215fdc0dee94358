import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDate, isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';

const body = z.string().max(200_000).openapi({ description: 'The policy text, as Markdown' });
const versionNumber = z.coerce.number().int().min(1).max(1_000_000);

export const CreatePolicyBody = z
  .strictObject({ title: shortText(), body, notes: z.string().trim().max(2000).default('') })
  .openapi('CreateCompliancePolicy');

export const PublishPolicyVersionBody = z
  .strictObject({
    basedOn: z.int().min(1).openapi({
      description: 'The number of the current version the new one replaces (409 when another was published since)',
    }),
    title: shortText().optional().openapi({ description: 'Default: the current version’s title' }),
    body,
    notes: z.string().trim().max(2000).default('').openapi({ description: 'What changed' }),
  })
  .openapi('PublishCompliancePolicyVersion');

export const AcknowledgeBody = z
  .strictObject({
    version: z.int().min(1).openapi({ description: 'The version number read (must be the current one)' }),
  })
  .openapi('AcknowledgeCompliancePolicy');

export const PolicyVersionParams = z.object({ id: uuid, number: versionNumber });

export const PolicyVersion = z
  .object({
    id: z.uuid(),
    policyId: z.uuid(),
    number: z.number().int(),
    title: z.string(),
    body: z.string(),
    notes: z.string(),
    current: z.boolean(),
    publishedBy: z.uuid().nullable(),
    publishedAt: isoDateTime,
  })
  .openapi('CompliancePolicyVersion');
export const PolicyVersionPage = pageSchema(PolicyVersion).openapi('CompliancePolicyVersionPage');
export const PolicyVersionListQuery = listQuery(['number'], '-number');

export const Policy = z
  .object({
    id: z.uuid(),
    title: z.string(),
    currentVersion: z.number().int(),
    current: PolicyVersion.omit({ body: true }),
    /** Acknowledgements of the current version. */
    acknowledgements: z.number().int(),
    /** Whether the caller has acknowledged the current version. */
    acknowledgedByMe: z.boolean(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('CompliancePolicy');
export const PolicyPage = pageSchema(Policy).openapi('CompliancePolicyPage');
export const PolicyListQuery = listQuery(['title', 'updatedAt'], 'title').extend({
  pending: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: only the policies whose current version the caller has not acknowledged' }),
});

export const Acknowledgement = z
  .object({
    policyId: z.uuid(),
    version: z.number().int(),
    userId: z.uuid(),
    acknowledgedAt: isoDateTime,
  })
  .openapi('CompliancePolicyAcknowledgement');

export const NotAcknowledgedReport = z
  .object({
    policyId: z.uuid(),
    version: z.number().int(),
    basis: z.enum(['employees', 'users']).openapi({
      description:
        "employees: HR's active employees, each through their linked account; users: Auth's active users (when HR has no active employee)",
    }),
    population: z.number().int().openapi({ description: 'Active employees (or active users)' }),
    acknowledged: z.number().int(),
    people: z.array(
      z.object({
        employeeId: z.uuid().nullable(),
        employeeNumber: z.string().nullable(),
        name: z.string(),
        email: z.string().openapi({ description: 'The account’s email, or the work email when there is no account' }),
        userId: z.uuid().nullable(),
        hasAccount: z
          .boolean()
          .openapi({ description: 'An active account: can acknowledge and is reminded (false: listed only)' }),
      }),
    ),
  })
  .openapi('CompliancePolicyNotAcknowledged');

export const ReminderResult = z
  .object({
    policyId: z.uuid(),
    version: z.number().int(),
    day: isoDate,
    /** False when today's reminder for this version was already sent (nothing queued again). */
    queued: z.boolean(),
    recipients: z.number().int(),
  })
  .openapi('CompliancePolicyReminder');
