import { randomUUID } from 'node:crypto';
import { hasPermission } from '../auth/actor.js';
import { writeAudit } from '../audit/audit-writer.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, errors } from '../errors/app-error.js';
import type { RequestContext } from '../http/app-env.js';
import type { AttachableRecordType } from './attachable.js';
import * as repo from './attachments.repository.js';
import type { AttachmentDto, AttachmentListFilter, CreateUploadInput } from './attachments.schemas.js';
import {
  baseContentType,
  checkDeclared,
  looksExecutable,
  sanitizeFileName,
  type ContentPolicy,
} from './content-policy.js';
import { digest, objectKey, type FileStore, type SignedRequest } from './file-store.js';

/** What the attachments services work with (built once per app from config and the manifests). */
export interface AttachmentsContext {
  store: FileStore;
  policy: ContentPolicy;
  records: ReadonlyMap<string, AttachableRecordType>;
  downloadUrlSeconds: number;
  uploadUrlSeconds: number;
}

/** How long after its URL expires an upload may still be completed (a slow last request). */
const COMPLETE_GRACE_MS = 60 * 60 * 1000;

export const filesErrors = {
  unknownRecordType: (recordType: string, known: string[]) =>
    errors.validation(
      [{ path: 'recordType', message: `No record type "${recordType}" takes attachments.`, code: 'record_type' }],
      `Attachments can be added to: ${known.join(', ') || 'nothing yet'}.`,
    ),
  uploadExpired: () =>
    new AppError('upload-expired', 410, 'Upload expired', {
      detail: 'This upload has expired. Start a new one.',
    }),
  nothingUploaded: () =>
    new AppError('upload-missing', 409, 'Nothing uploaded', {
      detail: 'No bytes have arrived for this upload yet: PUT the file to the upload URL first.',
    }),
  mismatch: (path: string, message: string, code: string) =>
    errors.validation([{ path, message, code }], `The uploaded file was refused: ${message}`),
};

/**
 * Checks the caller may `action` attachments of this record: the record type's permission (403, as
 * the record's own routes answer), then the owning module's visibility check (404, likewise).
 */
async function authorize(
  db: Db,
  ctx: RequestContext,
  files: AttachmentsContext,
  recordType: string,
  recordId: string,
  action: 'read' | 'write',
): Promise<AttachableRecordType> {
  const type = files.records.get(recordType);
  if (!type) throw filesErrors.unknownRecordType(recordType, [...files.records.keys()]);
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  const permission = action === 'read' ? type.read : type.write;
  if (!hasPermission(actor, permission)) throw errors.forbidden(permission);
  const visible = await type.visible();
  if (!(await visible(db, ctx, recordId))) throw errors.notFound(type.label, recordId);
  return type;
}

export function toAttachmentDto(row: repo.AttachmentRow): AttachmentDto {
  return {
    id: row.id,
    recordType: row.record_type,
    recordId: row.record_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

const signed = (request: SignedRequest) => ({ ...request, expiresAt: request.expiresAt.toISOString() });

/** Declares an upload: checks access and limits, and returns where to PUT the bytes. */
export async function createUpload(db: Db, ctx: RequestContext, files: AttachmentsContext, input: CreateUploadInput) {
  await authorize(db, ctx, files, input.recordType, input.recordId, 'write');
  const fileName = sanitizeFileName(input.fileName);
  const contentType = baseContentType(input.contentType);
  const problem = checkDeclared(files.policy, { fileName, contentType, size: input.size });
  if (problem) throw errors.validation([problem], problem.message);

  const id = randomUUID();
  const key = objectKey('attachments', id);
  const upload = await files.store.uploadUrl(key, {
    size: input.size,
    contentType,
    expiresInSeconds: files.uploadUrlSeconds,
  });
  const row = await repo.insertUpload(db, {
    id,
    object_key: key,
    record_type: input.recordType,
    record_id: input.recordId,
    file_name: fileName,
    content_type: contentType,
    size: input.size,
    sha256: input.sha256 ?? null,
    created_by: ctx.actor?.userId ?? '',
    expires_at: new Date(upload.expiresAt.getTime() + COMPLETE_GRACE_MS),
  });
  return {
    id: row.id,
    recordType: row.record_type,
    recordId: row.record_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    status: row.status,
    expiresAt: row.expires_at.toISOString(),
    upload: signed(upload),
  };
}

/**
 * Completes an upload once its bytes are in the store: checks the size, the checksum (when one was
 * declared) and that the bytes are no program, then creates the attachment (audited). Completing
 * twice gives the same attachment. A refused file is removed from the store.
 */
export async function completeUpload(
  db: Db,
  ctx: RequestContext,
  files: AttachmentsContext,
  uploadId: string,
): Promise<{ attachment: AttachmentDto; created: boolean }> {
  const upload = await repo.findUpload(db, uploadId);
  if (!upload || upload.created_by !== ctx.actor?.userId) throw errors.notFound('Upload', uploadId);
  await authorize(db, ctx, files, upload.record_type, upload.record_id, 'write');
  if (upload.status === 'completed' && upload.attachment_id) return existing(db, upload.attachment_id);
  if (upload.expires_at.getTime() < Date.now()) throw filesErrors.uploadExpired();

  const stat = await files.store.stat(upload.object_key);
  if (!stat) throw filesErrors.nothingUploaded();
  const refuse = async (path: string, message: string, code: string) => {
    await files.store.delete(upload.object_key);
    return filesErrors.mismatch(path, message, code);
  };
  const declared = Number(upload.size);
  if (stat.size !== declared)
    throw await refuse('size', `${stat.size} bytes arrived, ${declared} were declared.`, 'size');
  // Read it once (streaming): the real size, SHA-256 and first bytes.
  const actual = await digest(await files.store.read(upload.object_key));
  if (actual.size !== declared)
    throw await refuse('size', `${actual.size} bytes arrived, ${declared} were declared.`, 'size');
  if (upload.sha256 && upload.sha256 !== actual.sha256) {
    throw await refuse('sha256', 'The bytes do not match the declared SHA-256.', 'checksum');
  }
  if (looksExecutable(actual.head))
    throw await refuse('fileName', 'Programs and scripts cannot be attached.', 'executable');

  return inTransaction(db, async (trx) => {
    const locked = await repo.findUpload(trx, uploadId, { forUpdate: true });
    if (!locked) throw errors.notFound('Upload', uploadId);
    if (locked.status === 'completed' && locked.attachment_id) return existing(trx, locked.attachment_id);
    const row = await repo.insertAttachment(trx, {
      id: locked.id,
      record_type: locked.record_type,
      record_id: locked.record_id,
      object_key: locked.object_key,
      file_name: locked.file_name,
      content_type: locked.content_type,
      size: actual.size,
      sha256: actual.sha256,
      created_by: locked.created_by,
    });
    await repo.markUploadCompleted(trx, locked.id, row.id);
    const dto = toAttachmentDto(row);
    await writeAudit(trx, ctx, {
      action: 'attachment.created',
      entityType: 'attachment',
      entityId: row.id,
      after: { ...dto },
    });
    return { attachment: dto, created: true };
  });
}

async function existing(db: Db, attachmentId: string) {
  const row = await repo.findAttachment(db, attachmentId);
  if (!row) throw errors.notFound('Attachment', attachmentId);
  return { attachment: toAttachmentDto(row), created: false };
}

export async function listAttachments(
  db: Db,
  ctx: RequestContext,
  files: AttachmentsContext,
  filter: AttachmentListFilter,
) {
  await authorize(db, ctx, files, filter.recordType, filter.recordId, 'read');
  const page = await repo.listAttachments(db, filter.recordType, filter.recordId, filter);
  return { items: page.items.map(toAttachmentDto), nextCursor: page.nextCursor };
}

async function visibleAttachment(
  db: Db,
  ctx: RequestContext,
  files: AttachmentsContext,
  id: string,
  action: 'read' | 'write',
  options: { forUpdate?: boolean } = {},
) {
  const row = await repo.findAttachment(db, id, options);
  if (!row) throw errors.notFound('Attachment', id);
  try {
    await authorize(db, ctx, files, row.record_type, row.record_id, action);
  } catch (error) {
    // A record type no longer installed, or a record the caller cannot see: the attachment is not there for them.
    if (error instanceof AppError && (error.status === 404 || error.status === 422)) {
      throw errors.notFound('Attachment', id);
    }
    throw error;
  }
  return row;
}

export async function getAttachment(db: Db, ctx: RequestContext, files: AttachmentsContext, id: string) {
  return toAttachmentDto(await visibleAttachment(db, ctx, files, id, 'read'));
}

/** A short-lived URL the browser downloads the file from (straight from storage). */
export async function downloadAttachment(db: Db, ctx: RequestContext, files: AttachmentsContext, id: string) {
  const row = await visibleAttachment(db, ctx, files, id, 'read');
  const download = await files.store.downloadUrl(row.object_key, {
    fileName: row.file_name,
    contentType: row.content_type,
    expiresInSeconds: files.downloadUrlSeconds,
  });
  return { attachment: toAttachmentDto(row), download: signed(download) };
}

/**
 * Soft delete (audited): the attachment leaves every list and can no longer be downloaded; its bytes
 * stay in the store with the row, so an administrator can restore both.
 */
export async function deleteAttachment(db: Db, ctx: RequestContext, files: AttachmentsContext, id: string) {
  await inTransaction(db, async (trx) => {
    const row = await visibleAttachment(trx, ctx, files, id, 'write', { forUpdate: true });
    await repo.softDeleteAttachment(trx, id, ctx.actor?.userId ?? '');
    await writeAudit(trx, ctx, {
      action: 'attachment.deleted',
      entityType: 'attachment',
      entityId: id,
      before: { ...toAttachmentDto(row) },
    });
  });
}
