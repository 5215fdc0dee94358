import { z } from '@hono/zod-openapi';
import { booleanQuery, shortText } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

const accountType = z.enum(['asset', 'liability', 'equity', 'income', 'expense']);
const code = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, 'Letters, digits, "." and "-", up to 20 characters.');

export const Account = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    type: accountType,
    parentId: z.string().nullable(),
    isGroup: z.boolean(),
    active: z.boolean(),
    description: z.string(),
    roles: z.array(z.string()),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Account');
export const AccountList = z.object({ items: z.array(Account) }).openapi('AccountList');
export const AccountListQuery = z.object({
  type: accountType.optional(),
  active: booleanQuery.optional(),
  q: z.string().trim().max(100).optional(),
});
export const CreateAccountBody = z
  .strictObject({
    code,
    name: shortText(200),
    type: accountType,
    parentId: z.uuid().optional(),
    isGroup: z.boolean().default(false),
    description: z.string().max(2000).default(''),
  })
  .openapi('CreateAccountRequest');
export const UpdateAccountBody = z
  .strictObject({
    version: versionField,
    code: code.optional(),
    name: shortText(200).optional(),
    parentId: z.uuid().nullable().optional(),
    description: z.string().max(2000).optional(),
  })
  .openapi('UpdateAccountRequest');
export const VersionBody = z.strictObject({ version: versionField });

export type AccountDto = z.input<typeof Account>;
