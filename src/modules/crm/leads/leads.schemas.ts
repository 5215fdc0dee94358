import { z } from '@hono/zod-openapi';
import { pageSchema } from '../../../platform/http/pagination.js';
import { crmListQuery } from '../crm.list.js';
import { versionField } from '../../../platform/http/versioning.js';
import { booleanQuery, emailAddress, optionalText, shortText, uuid } from '../../../platform/http/schemas.js';
import { Contact, CreateContactBody } from '../contacts/contacts.schemas.js';
import { CreateOrganizationBody, Organization } from '../organizations/organizations.schemas.js';
import { CreateOpportunityBody, Opportunity } from '../pipeline/opportunities.schemas.js';

export const leadStatuses = ['new', 'contacted', 'qualified', 'disqualified'] as const;

const fields = {
  name: shortText(),
  email: emailAddress.nullable().optional(),
  company: optionalText(),
  source: optionalText(100).openapi({ example: 'web-form' }),
  status: z.enum(leadStatuses).optional(),
  disqualifiedReason: optionalText(1000).openapi({ description: 'Required when the status is disqualified' }),
  score: z.number().int().min(0).max(100).optional(),
  ownerId: uuid.optional().openapi({ description: 'Defaults to you' }),
};

export const CreateLeadBody = z.strictObject(fields).openapi('CreateLeadRequest');
export const UpdateLeadBody = z
  .strictObject({ version: versionField, ...fields, name: fields.name.optional() })
  .openapi('UpdateLeadRequest');

export const Lead = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    source: z.string().nullable(),
    status: z.enum(leadStatuses),
    disqualifiedReason: z.string().nullable(),
    score: z.number().int(),
    ownerId: z.uuid(),
    ownerName: z.string().nullable().openapi({ description: 'The owner’s display name' }),
    convertedAt: z.iso.datetime().nullable(),
    convertedContactId: z.uuid().nullable(),
    convertedOrganizationId: z.uuid().nullable(),
    convertedOpportunityId: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Lead');
export const LeadPage = pageSchema(Lead).openapi('LeadPage');
export const LeadListQuery = crmListQuery(['name', 'score', 'createdAt', 'updatedAt'], '-createdAt').extend({
  status: z.enum(leadStatuses).optional(),
  source: z.string().max(100).optional(),
  ownerId: uuid.optional(),
  converted: booleanQuery.optional(),
});

export const ConvertLeadBody = z
  .strictObject({
    version: versionField,
    organizationId: uuid.optional().openapi({ description: 'Link to this existing organization…' }),
    organization: CreateOrganizationBody.partial()
      .optional()
      .openapi({ description: '…or create one (name defaults to the lead’s company)' }),
    contact: CreateContactBody.partial().optional().openapi({ description: 'Overrides for the new contact' }),
    opportunity: CreateOpportunityBody.omit({ organizationId: true, ownerId: true })
      .extend({ name: CreateOpportunityBody.shape.name.optional() })
      .optional()
      .openapi({ description: 'Omit to convert without an opportunity' }),
    allowDuplicate: z.boolean().default(false),
  })
  .refine((b) => !(b.organizationId && b.organization), {
    path: ['organization'],
    message: 'Give organizationId or organization, not both.',
  })
  .openapi('ConvertLeadRequest');

// Not `Opportunity.nullable()`: zod-openapi would then publish the `Opportunity` component itself as nullable.
export const Conversion = z
  .object({
    lead: Lead,
    organization: Organization,
    contact: Contact,
    opportunity: z.union([Opportunity, z.null()]).openapi({ description: 'Null when converted without one' }),
  })
  .openapi('LeadConversion');

export type CreateLeadInput = z.output<typeof CreateLeadBody>;
export type UpdateLeadInput = z.output<typeof UpdateLeadBody>;
export type ConvertLeadInput = z.output<typeof ConvertLeadBody>;
export type LeadListFilter = z.output<typeof LeadListQuery>;
export type LeadDto = z.input<typeof Lead>;
export type LeadRecord = Omit<LeadDto, 'ownerName'>;
