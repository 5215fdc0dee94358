import { z } from '@hono/zod-openapi';
import { isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';

/** `whsec_` and the base64 of 24 to 64 random bytes (Standard Webhooks). */
export const whsecSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'A Standard Webhooks secret: whsec_ and base64 of 24–64 bytes.');
const secretText = z.string().min(1).max(4000);
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'An HTTP header name.')
  .refine((h) => !['host', 'content-length', 'transfer-encoding', 'connection'].includes(h.toLowerCase()), {
    message: 'This header is set by the request itself.',
  });

/** The secret part of a credential, by type. */
export const CredentialSecret = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('bearer'), token: secretText }),
  z.strictObject({
    type: z.literal('basic'),
    username: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^:]*$/, 'No colon.'),
    password: secretText,
  }),
  z.strictObject({ type: z.literal('header'), header: headerName, value: secretText }),
  z.strictObject({
    type: z.literal('hmac'),
    secret: whsecSecret
      .optional()
      .openapi({ description: 'Omit to have one generated (returned once, in this response)' }),
  }),
]);
export type CredentialSecretValue = z.output<typeof CredentialSecret>;

const named = { name: shortText(200) };
export const CreateCredentialBody = z
  .discriminatedUnion('type', [
    z.strictObject({ ...named, type: z.literal('bearer'), token: secretText }),
    z.strictObject({
      ...named,
      type: z.literal('basic'),
      username: z
        .string()
        .min(1)
        .max(200)
        .regex(/^[^:]*$/, 'No colon.'),
      password: secretText,
    }),
    z.strictObject({ ...named, type: z.literal('header'), header: headerName, value: secretText }),
    z.strictObject({ ...named, type: z.literal('hmac'), secret: whsecSecret.optional() }),
  ])
  .openapi('CreateCredentialBody');

/** Rotation replaces the whole secret (the type stays); `version` guards against a lost update. */
export const ReplaceCredentialBody = z
  .discriminatedUnion('type', [
    z.strictObject({
      version: z.number().int().min(1),
      name: shortText(200).optional(),
      type: z.literal('bearer'),
      token: secretText,
    }),
    z.strictObject({
      version: z.number().int().min(1),
      name: shortText(200).optional(),
      type: z.literal('basic'),
      username: z
        .string()
        .min(1)
        .max(200)
        .regex(/^[^:]*$/, 'No colon.'),
      password: secretText,
    }),
    z.strictObject({
      version: z.number().int().min(1),
      name: shortText(200).optional(),
      type: z.literal('header'),
      header: headerName,
      value: secretText,
    }),
    z.strictObject({
      version: z.number().int().min(1),
      name: shortText(200).optional(),
      type: z.literal('hmac'),
      secret: whsecSecret.optional(),
    }),
  ])
  .openapi('ReplaceCredentialBody');

export const Credential = z
  .object({
    id: uuid,
    name: z.string(),
    type: z.enum(['bearer', 'basic', 'header', 'hmac']),
    hint: z.string().openapi({ description: 'A masked hint; the secret itself is never returned' }),
    version: z.number().int(),
    createdBy: uuid.nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('Credential');
export const CredentialCreated = Credential.extend({
  secret: z.string().optional().openapi({ description: 'A generated HMAC secret: shown in this response only' }),
}).openapi('CredentialCreated');
export const CredentialList = z.object({ items: z.array(Credential) }).openapi('CredentialList');
