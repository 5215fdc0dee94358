import { z } from '@hono/zod-openapi';
import { listQuery } from '../http/pagination.js';
import { isoDateTime, uuid } from '../http/schemas.js';

const sha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'A SHA-256 as 64 hexadecimal digits.')
  .transform((v) => v.toLowerCase());

/**
 * The request schemas that name a record type: an enum of the installed record types (so the API
 * document lists them), built when the router is.
 */
export function recordSchemas(recordTypes: readonly string[]) {
  const recordType = (recordTypes.length > 0 ? z.enum(recordTypes as [string, ...string[]]) : z.never()).openapi({
    description: 'The record type (declared by its module), e.g. crm.organization',
    example: 'crm.organization',
  });
  const CreateUploadBody = z
    .object({
      recordType,
      recordId: uuid,
      fileName: z.string().trim().min(1, 'Required.').max(1000).openapi({ example: 'contract.pdf' }),
      contentType: z.string().trim().min(3).max(200).openapi({ example: 'application/pdf' }),
      size: z
        .number()
        .int()
        .min(0)
        .max(Number.MAX_SAFE_INTEGER)
        .openapi({ description: 'The exact number of bytes the client will PUT' }),
      sha256: sha256
        .optional()
        .openapi({ description: 'SHA-256 of the bytes (hex); checked on completion when given' }),
    })
    .openapi('CreateUpload');
  const AttachmentListQuery = listQuery(['createdAt', 'fileName'], '-createdAt').extend({
    recordType,
    recordId: uuid,
  });
  return { CreateUploadBody, AttachmentListQuery };
}

const SignedRequest = z
  .object({
    method: z.enum(['GET', 'PUT']),
    url: z.string().openapi({ description: 'Absolute URL; valid until expiresAt' }),
    headers: z.record(z.string(), z.string()).openapi({ description: 'Send these headers with the request' }),
    expiresAt: isoDateTime,
  })
  .openapi('SignedRequest');

export const Upload = z
  .object({
    id: z.string(),
    recordType: z.string(),
    recordId: z.string(),
    fileName: z.string().openapi({ description: 'The name as it will be stored (sanitised)' }),
    contentType: z.string(),
    size: z.number().int(),
    status: z.enum(['pending', 'completed']),
    expiresAt: isoDateTime,
    upload: SignedRequest.openapi({
      description: 'PUT the bytes here (straight to storage, not through the API), then call complete',
    }),
  })
  .openapi('Upload');

export const Attachment = z
  .object({
    id: z.string(),
    recordType: z.string(),
    recordId: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    createdAt: isoDateTime,
    createdBy: z.string(),
  })
  .openapi('Attachment');

export const AttachmentPage = z
  .object({ items: z.array(Attachment), nextCursor: z.string().nullable() })
  .openapi('AttachmentPage');

export const Download = z.object({ attachment: Attachment, download: SignedRequest }).openapi('AttachmentDownload');

export const FileLimits = z
  .object({
    maxBytes: z.number().int(),
    allowedTypes: z.array(z.string()),
    recordTypes: z.array(z.string()).openapi({ description: 'Record types that can carry attachments' }),
  })
  .openapi('FileLimits');

type RecordSchemas = ReturnType<typeof recordSchemas>;
export type CreateUploadInput = z.infer<RecordSchemas['CreateUploadBody']>;
export type AttachmentListFilter = z.infer<RecordSchemas['AttachmentListQuery']>;
export type AttachmentDto = z.input<typeof Attachment>;
