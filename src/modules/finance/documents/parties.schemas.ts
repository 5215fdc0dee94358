import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { booleanQuery, currencyCode, shortText } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

const partyFields = {
  kind: z.enum(['customer', 'vendor', 'both']),
  name: shortText(200),
  email: z.email({ message: 'Not a valid email address.' }).max(254).nullable().optional(),
  taxId: shortText(50).nullable().optional(),
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
  active: booleanQuery.optional(),
});
/**
 * The export's query: the list's filters and sort without paging (as the platform's `exportQuery`,
 * whose return type loses the list's fields).
 */
export const PartyExportQuery = PartyListQuery.omit({ limit: true, cursor: true });

export type CreatePartyInput = z.output<typeof CreatePartyBody>;
export type UpdatePartyInput = z.output<typeof UpdatePartyBody>;
export type PartyListFilter = z.output<typeof PartyListQuery>;
