import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { versionField } from '../../../platform/http/versioning.js';
import { currencyCode } from '../money.js';

const partyFields = {
  kind: z.enum(['customer', 'vendor', 'both']),
  name: z.string().trim().min(1, 'Required.').max(200),
  email: z.email({ message: 'Not a valid email address.' }).max(254).nullable().optional(),
  taxId: z.string().trim().min(1).max(50).nullable().optional(),
  currency: currencyCode.nullable().optional().openapi({ description: 'Default currency of its documents' }),
  paymentTermsDays: z.number().int().min(0).max(3650).optional().openapi({ description: 'Default 30' }),
  crmOrganizationId: z.uuid().nullable().optional(),
};

export const CreatePartyBody = z.strictObject(partyFields).openapi('CreatePartyRequest');
export const UpdatePartyBody = z
  .strictObject(partyFields)
  .partial()
  .extend({ active: z.boolean().optional(), version: versionField })
  .openapi('UpdatePartyRequest');

export const Party = z
  .object({
    id: z.uuid(),
    kind: z.enum(['customer', 'vendor', 'both']),
    name: z.string(),
    email: z.string().nullable(),
    taxId: z.string().nullable(),
    currency: z.string().nullable(),
    paymentTermsDays: z.number().int(),
    crmOrganizationId: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Party');
export const PartyPage = pageSchema(Party).openapi('PartyPage');
export const PartyListQuery = listQuery(['name', 'createdAt'], 'name').extend({
  kind: z.enum(['customer', 'vendor']).optional().openapi({ description: '"both" parties match either' }),
  active: z.enum(['true', 'false']).optional(),
});
export const IdParam = z.object({ id: z.uuid({ message: 'Not a valid id.' }) });

export type CreatePartyInput = z.output<typeof CreatePartyBody>;
export type UpdatePartyInput = z.output<typeof UpdatePartyBody>;
export type PartyListFilter = z.output<typeof PartyListQuery>;
