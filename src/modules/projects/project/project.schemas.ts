import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, booleanQuery, currencyCode, isoDate, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

export const projectStatuses = ['proposed', 'active', 'on_hold', 'completed', 'cancelled'] as const;
export const billingMethods = ['non_billable', 'time_and_materials', 'fixed_price'] as const;
export const memberRoles = ['manager', 'member', 'viewer'] as const;
export const statusCategories = ['todo', 'in_progress', 'done'] as const;

const hours = amount({ decimals: 2, integerDigits: 10, example: '120.5' });
const money = amount({ decimals: 4, integerDigits: 15, example: '150.00' });
const tags = z.array(z.string().trim().min(1).max(50)).max(20);

export const MemberInput = z
  .strictObject({
    userId: uuid,
    role: z.enum(memberRoles).default('member'),
    costRate: money.nullable().optional().openapi({ description: 'Hourly cost; unset: from HR compensation' }),
    billingRate: money
      .nullable()
      .optional()
      .openapi({ description: "Hourly billing rate; unset: the project's default billing rate" }),
  })
  .openapi('ProjectMemberInput');

export const CreateProjectBody = z
  .strictObject({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9]{1,11}$/, 'A code is 2–12 letters and digits, starting with a letter (e.g. WEB2).'),
    name: shortText(200),
    description: z.string().max(10000).default(''),
    clientPartyId: uuid.nullable().optional().openapi({ description: 'A Finance customer party' }),
    managerId: uuid.optional().openapi({ description: 'Defaults to you' }),
    status: z.enum(projectStatuses).default('proposed'),
    startDate: isoDate.nullable().optional(),
    endDate: isoDate.nullable().optional(),
    budgetHours: hours.nullable().optional(),
    budgetAmount: money.nullable().optional(),
    currency: currencyCode.optional().openapi({ description: "Defaults to Finance's base currency" }),
    billingMethod: z.enum(billingMethods).default('non_billable'),
    fixedPrice: money.nullable().optional(),
    defaultBillingRate: money.nullable().optional(),
    tags: tags.default([]),
    members: z.array(MemberInput).max(200).default([]),
  })
  .openapi('CreateProjectRequest');

export const UpdateProjectBody = z
  .strictObject({
    version: versionField,
    name: shortText(200).optional(),
    description: z.string().max(10000).optional(),
    clientPartyId: uuid.nullable().optional(),
    managerId: uuid.optional(),
    status: z.enum(projectStatuses).optional(),
    startDate: isoDate.nullable().optional(),
    endDate: isoDate.nullable().optional(),
    budgetHours: hours.nullable().optional(),
    budgetAmount: money.nullable().optional(),
    currency: currencyCode.optional(),
    billingMethod: z.enum(billingMethods).optional(),
    fixedPrice: money.nullable().optional(),
    defaultBillingRate: money.nullable().optional(),
    tags: tags.optional(),
  })
  .openapi('UpdateProjectRequest');

export const VersionBody = z.strictObject({ version: versionField }).openapi('VersionRequest');

export const Project = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    clientPartyId: z.string().nullable(),
    managerId: z.string(),
    managerName: z.string().nullable(),
    status: z.enum(projectStatuses),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    budgetHours: z.string().nullable(),
    budgetAmount: z.string().nullable(),
    currency: z.string(),
    billingMethod: z.enum(billingMethods),
    fixedPrice: z.string().nullable(),
    defaultBillingRate: z.string().nullable(),
    tags: z.array(z.string()),
    archived: z.boolean(),
    archivedAt: z.string().nullable(),
    myRole: z.enum(memberRoles).nullable().openapi({ description: 'Your project role (null: an administrator)' }),
    canManage: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Project');
export const ProjectPage = pageSchema(Project).openapi('ProjectPage');

export const ProjectListQuery = listQuery(['code', 'name', 'createdAt', 'endDate'], 'code').extend({
  status: z.enum(projectStatuses).optional(),
  managerId: uuid.optional(),
  tag: z.string().max(50).optional(),
  billingMethod: z.enum(billingMethods).optional(),
  archived: booleanQuery.optional().openapi({ description: 'true: only archived; default: only not archived' }),
});

export const Member = z
  .object({
    userId: z.string(),
    name: z.string().nullable(),
    role: z.enum(memberRoles),
    costRate: z.string().nullable(),
    billingRate: z.string().nullable(),
  })
  .openapi('ProjectMember');
export const MemberList = z.object({ items: z.array(Member) }).openapi('ProjectMemberList');
export const PutMemberBody = MemberInput.omit({ userId: true }).openapi('PutProjectMemberRequest');
export const MemberParam = z.object({ id: uuid, userId: uuid });

export const WorkflowStatus = z
  .object({ id: z.string(), name: z.string(), category: z.enum(statusCategories), position: z.number().int() })
  .openapi('WorkflowStatus');
export const Workflow = z.object({ items: z.array(WorkflowStatus) }).openapi('Workflow');
export const PutWorkflowBody = z
  .strictObject({
    statuses: z
      .array(
        z.strictObject({
          id: uuid
            .optional()
            .openapi({ description: 'An existing status to keep (rename/recategorize); omit for a new one' }),
          name: shortText(60),
          category: z.enum(statusCategories),
        }),
      )
      .min(2)
      .max(20)
      .refine((s) => s.some((x) => x.category === 'done'), 'A workflow needs at least one done status.')
      .refine((s) => s.some((x) => x.category !== 'done'), 'A workflow needs at least one status that is not done.')
      .refine((s) => new Set(s.map((x) => x.name.toLowerCase())).size === s.length, 'Status names must differ.'),
  })
  .openapi('PutWorkflowRequest');

export type CreateProjectInput = z.output<typeof CreateProjectBody>;
export type UpdateProjectInput = z.output<typeof UpdateProjectBody>;
export type ProjectListFilter = z.output<typeof ProjectListQuery>;
export type ProjectDto = z.input<typeof Project>;
export type MemberInputT = z.output<typeof MemberInput>;
export type PutWorkflowInput = z.output<typeof PutWorkflowBody>;
