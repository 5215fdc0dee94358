import { z } from '@hono/zod-openapi';
import { pageSchema } from '../../../platform/http/pagination.js';
import { crmListQuery } from '../crm.list.js';
import { versionField } from '../../../platform/http/versioning.js';
import { optionalText, shortText, uuid } from '../../../platform/http/schemas.js';
import { tags } from '../crm.shared.js';

export const organizationSizes = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'] as const;

/** `https://www.Example.com/x` → `example.com`. */
export const domainField = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) =>
    v
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[/?#].*$/, ''),
  )
  .pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'A domain such as example.com.')
      .max(253),
  );

const Address = z
  .strictObject({
    street: z.string().trim().max(200).optional(),
    city: z.string().trim().max(100).optional(),
    region: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().max(20).optional(),
    country: z.string().trim().max(100).optional(),
  })
  .openapi('Address');

const fields = {
  name: shortText(),
  domain: domainField.nullable().optional(),
  industry: optionalText(),
  size: z.enum(organizationSizes).nullable().optional(),
  address: Address.nullable().optional(),
  ownerId: uuid.optional().openapi({ description: 'Defaults to you' }),
  tags: tags.optional(),
  parentId: uuid.nullable().optional(),
};

export const CreateOrganizationBody = z.strictObject(fields).openapi('CreateOrganizationRequest');
export const UpdateOrganizationBody = z
  .strictObject({ version: versionField, ...fields, name: fields.name.optional() })
  .openapi('UpdateOrganizationRequest');

export const Organization = z
  .object({
    id: z.uuid(),
    name: z.string(),
    domain: z.string().nullable(),
    industry: z.string().nullable(),
    size: z.string().nullable(),
    address: Address.nullable(),
    ownerId: z.uuid(),
    ownerName: z.string().nullable().openapi({ description: 'The owner’s display name' }),
    tags: z.array(z.string()),
    parentId: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Organization');
export const OrganizationPage = pageSchema(Organization).openapi('OrganizationPage');
export const OrganizationListQuery = crmListQuery(['name', 'createdAt', 'updatedAt'], 'name').extend({
  ownerId: uuid.optional(),
  tag: z.string().max(50).optional(),
  industry: z.string().max(200).optional(),
  parentId: uuid.optional(),
});

export type CreateOrganizationInput = z.output<typeof CreateOrganizationBody>;
export type UpdateOrganizationInput = z.output<typeof UpdateOrganizationBody>;
export type OrganizationListFilter = z.output<typeof OrganizationListQuery>;
export type OrganizationDto = z.input<typeof Organization>;
/** An organization without the names looked up per response (`withOwnerNames`). */
export type OrganizationRecord = Omit<OrganizationDto, 'ownerName'>;
