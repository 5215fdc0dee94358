import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent } from 'react';
import { api, unwrap } from '../api/client';
import { ProblemError } from '../api/problem';
import type { components } from '../api/schema';
import { useConfirm } from './Dialog';
import { DateText } from './format';
import { EmptyState, Progress } from './feedback';
import { QueryState } from './QueryState';
import { useToast } from './toast';
import './attachments.css';

type Attachment = components['schemas']['Attachment'];

/** Record types that can carry attachments (their modules declare them: docs/files.md), from the API. */
export type AttachableRecordType = components['schemas']['CreateUpload']['recordType'];

export const attachmentKeys = {
  list: (recordType: string, recordId: string) => ['files', 'attachments', recordType, recordId] as const,
};

/** Hashes files up to this size before uploading (the server checks the bytes against it). */
const HASH_MAX_BYTES = 64 * 1024 * 1024;

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}

async function sha256(file: File): Promise<string | undefined> {
  if (file.size > HASH_MAX_BYTES || !globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * PUTs the bytes straight to storage (S3, or the local server's signed URL: the same code for both),
 * never through the API, reporting progress. No Authorization header: the URL is the permission.
 */
function putBytes(
  request: { url: string; method: string; headers: Record<string, string> },
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`The upload was refused (${xhr.status}).`));
    xhr.onerror = () => reject(new Error('The upload failed: check the connection and try again.'));
    xhr.send(file);
  });
}

/** Declare → PUT → complete: the presigned-upload flow of `POST /api/v1/files/uploads`. */
async function uploadFile(
  recordType: AttachableRecordType,
  recordId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Attachment> {
  const hash = await sha256(file);
  const declared = await unwrap(
    api.POST('/api/v1/files/uploads', {
      body: {
        recordType,
        recordId,
        fileName: file.name,
        contentType: file.type || 'application/octet-stream',
        size: file.size,
        ...(hash ? { sha256: hash } : {}),
      },
    }),
  );
  await putBytes(declared.upload, file, onProgress);
  return unwrap(api.POST('/api/v1/files/uploads/{id}/complete', { params: { path: { id: declared.id } } }));
}

/**
 * A record's attachments: the list (name, size, who and when), download, delete, and an upload button
 * for users who may change the record. Any module's page can show it for a record type its manifest
 * declares: `<AttachmentsPanel recordType="crm.organization" recordId={o.id} canWrite={can('crm:write')} />`.
 */
export function AttachmentsPanel({
  recordType,
  recordId,
  canWrite,
}: {
  recordType: AttachableRecordType;
  recordId: string;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<{ name: string; progress: number } | null>(null);
  const key = attachmentKeys.list(recordType, recordId);
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(api.GET('/api/v1/files/attachments', { params: { query: { recordType, recordId, limit: 200 } } })),
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: key });

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    for (const file of files) {
      setUploading({ name: file.name, progress: 0 });
      try {
        const attached = await uploadFile(recordType, recordId, file, (progress) =>
          setUploading({ name: file.name, progress }),
        );
        toast.success(`Attached ${attached.fileName}.`);
      } catch (error) {
        toast.error(error instanceof ProblemError ? error : (error as Error).message);
      }
    }
    setUploading(null);
    await reload();
  };

  const download = async (a: Attachment) => {
    try {
      const { download: link } = await unwrap(
        api.GET('/api/v1/files/attachments/{id}/download', { params: { path: { id: a.id } } }),
      );
      const anchor = document.createElement('a');
      anchor.href = link.url;
      anchor.rel = 'noopener';
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
    } catch (error) {
      toast.error(error);
    }
  };

  const remove = async (a: Attachment) => {
    if (
      !(await confirm({
        title: `Remove ${a.fileName}?`,
        message: 'It is removed from this record.',
        confirmLabel: 'Remove',
      }))
    )
      return;
    try {
      await unwrap(api.DELETE('/api/v1/files/attachments/{id}', { params: { path: { id: a.id } } }));
      toast.success(`Removed ${a.fileName}.`);
    } catch (error) {
      toast.error(error);
    }
    await reload();
  };

  const headingId = `attachments-${recordId}`;
  return (
    <section className="card attachments" aria-labelledby={headingId}>
      <div className="attachments-head">
        <h2 id={headingId}>Attachments</h2>
        {canWrite && (
          <>
            <button type="button" className="btn" disabled={uploading !== null} onClick={() => input.current?.click()}>
              Attach files…
            </button>
            <input
              ref={input}
              type="file"
              multiple
              hidden
              aria-label="Files to attach"
              data-testid="attachments-input"
              onChange={(e) => void onFiles(e)}
            />
          </>
        )}
      </div>
      {uploading && <Progress label={`Uploading ${uploading.name}`} value={uploading.progress} />}
      <QueryState query={list} height="4em">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No attachments yet" />
          ) : (
            <table className="attachments-table">
              <caption className="visually-hidden">Files attached to this record</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                  <th scope="col">Added</th>
                  {canWrite && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {page.items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <button type="button" className="link-button" onClick={() => void download(a)}>
                        {a.fileName}
                      </button>
                    </td>
                    <td className="num">{formatSize(a.size)}</td>
                    <td>
                      <DateText value={a.createdAt} withTime />
                    </td>
                    {canWrite && (
                      <td>
                        <button
                          type="button"
                          className="btn btn-ghost"
                          aria-label={`Remove ${a.fileName}`}
                          onClick={() => void remove(a)}
                        >
                          Remove
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
