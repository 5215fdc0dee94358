import { z } from '@hono/zod-openapi';
import { pageSchema } from '../../../platform/http/pagination.js';
import { versionField } from '../../../platform/http/versioning.js';
import {
  booleanQuery,
  emailAddress,
  isoDateTime,
  optionalText,
  shortText,
  uuid,
} from '../../../platform/http/schemas.js';
import { crmListQuery } from '../crm.list.js';
import { tags } from '../crm.shared.js';

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{3,30}$/, 'A phone number such as +44 20 7946 0000.');

const MarketingConsent = z
  .strictObject({
    optedIn: z.boolean(),
    consentedAt: isoDateTime.nullable().optional().openapi({ description: 'Defaults to now when opting in' }),
    source: optionalText().openapi({ example: 'web-form' }),
  })
  .openapi('MarketingConsent');

const fields = {
  firstName: shortText(100),
  lastName: shortText(100),
  emails: z.array(emailAddress).max(10).optional(),
  phones: z.array(phone).max(10).optional(),
  title: optionalText(),
  organizationId: uuid.nullable().optional(),
  ownerId: uuid.optional().openapi({ description: 'Defaults to you' }),
  tags: tags.optional(),
  marketing: MarketingConsent.optional(),
};

export const CreateContactBody = z.strictObject(fields).openapi('CreateContactRequest');
export const UpdateContactBody = z
  .strictObject({
    version: versionField,
    ...fields,
    firstName: fields.firstName.optional(),
    lastName: fields.lastName.optional(),
  })
  .openapi('UpdateContactRequest');

export const Contact = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    title: z.string().nullable(),
    organizationId: z.uuid().nullable(),
    organizationName: z
      .string()
      .nullable()
      .openapi({ description: 'The organization’s name (null: none, or one you cannot see)' }),
    ownerId: z.uuid(),
    ownerName: z.string().nullable().openapi({ description: 'The owner’s display name' }),
    tags: z.array(z.string()),
    marketing: z.object({
      optedIn: z.boolean(),
      consentedAt: z.iso.datetime().nullable(),
      source: z.string().nullable(),
    }),
    leadId: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Contact');
export const ContactPage = pageSchema(Contact).openapi('ContactPage');
export const ContactListQuery = crmListQuery(['lastName', 'createdAt', 'updatedAt'], 'lastName').extend({
  ownerId: uuid.optional(),
  organizationId: uuid.optional(),
  tag: z.string().max(50).optional(),
  optedIn: booleanQuery.optional(),
});

export type CreateContactInput = z.output<typeof CreateContactBody>;
export type UpdateContactInput = z.output<typeof UpdateContactBody>;
export type ContactListFilter = z.output<typeof ContactListQuery>;
export type ContactDto = z.input<typeof Contact>;
export type ContactRecord = Omit<ContactDto, 'ownerName'>;
