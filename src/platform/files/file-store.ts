import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * Where MOMS keeps files: attachments on records and the results of background jobs (exports,
 * reports). Two implementations with one behaviour (docs/files.md, docs/adr/0013):
 *
 * - `S3FileStore` (AWS): a private bucket under a key prefix; presigned GET and PUT URLs; streaming
 *   writes go up as a multipart upload, so a 2 GB export never sits in memory.
 * - `LocalFileStore` (`npm start`, tests): a folder under `.moms/files/`; HMAC-signed, short-lived
 *   GET and PUT URLs served by the local server (`/api/local-files/…`).
 *
 * Browsers never stream file bytes through the API (API Gateway caps a request at 10 MB and Lambda a
 * response at 6 MB): they get a signed URL and talk to the store directly, the same way on both.
 *
 * Keys are chosen by MOMS, never by a caller: `<area>/<yyyy>/<mm>/<uuid>` (see `objectKey`).
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /**
   * Streams `body` into `key` (replacing what was there) with bounded memory: S3 sends parts of
   * `partSizeBytes` (a multipart upload above one part), the local store writes to a temporary file
   * and renames it. Returns the size and SHA-256 of what was written. Nothing is left behind when
   * `body` fails midway (the multipart upload is aborted, the temporary file removed).
   */
  write(key: string, body: FileBody, options?: WriteOptions): Promise<WrittenFile>;
  /** The object's bytes as a stream; `FileNotFoundError` when there is none. */
  read(key: string): Promise<Readable>;
  /** Size and content type, or null when there is no such object. */
  stat(key: string): Promise<FileStat | null>;
  /** Removes the object (no error when it is already gone). */
  delete(key: string): Promise<void>;
  /** A URL anyone holding it can GET the object from until it expires, as an attachment named `fileName`. */
  downloadUrl(key: string, options: DownloadUrlOptions): Promise<SignedRequest>;
  /**
   * A URL to PUT exactly `size` bytes of `contentType` to `key` until it expires. The caller sends
   * the returned `headers` with the bytes. The store refuses other lengths (S3 signs Content-Length).
   */
  uploadUrl(key: string, options: UploadUrlOptions): Promise<SignedRequest>;
}

export type FileBody = Readable | AsyncIterable<Uint8Array> | Uint8Array | string;

export interface WriteOptions {
  contentType?: string;
}

export interface WrittenFile {
  key: string;
  size: number;
  /** Lowercase hex. */
  sha256: string;
}

export interface FileStat {
  size: number;
  contentType: string | null;
}

export interface DownloadUrlOptions {
  fileName: string;
  contentType: string;
  expiresInSeconds: number;
}

export interface UploadUrlOptions {
  size: number;
  contentType: string;
  expiresInSeconds: number;
}

/** A request the client makes itself. `url` may be relative to the API's origin (the local store). */
export interface SignedRequest {
  method: 'GET' | 'PUT';
  url: string;
  headers: Record<string, string>;
  expiresAt: Date;
}

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No file at ${key}`);
    this.name = 'FileNotFoundError';
  }
}

/** Keys MOMS makes: lowercase segments of [a-z0-9._-] separated by `/`, no `..`, no leading dot. */
const KEY = /^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*(?:\/[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*)*$/;

export function assertValidKey(key: string): void {
  if (key.length > 512 || !KEY.test(key)) throw new Error(`Not a valid file key: ${JSON.stringify(key)}`);
}

export function isValidKey(key: string): boolean {
  return key.length <= 512 && KEY.test(key);
}

/** `attachments/2026/12/<id>`: a fresh key in an area (`attachments`, `results`), dated for lifecycle rules. */
export function objectKey(area: 'attachments' | 'results', id: string, now = new Date()): string {
  const key = `${area}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id.toLowerCase()}`;
  assertValidKey(key);
  return key;
}

/** Any accepted body as an async iterable of byte chunks. */
export function chunksOf(body: FileBody): AsyncIterable<Uint8Array> {
  if (typeof body === 'string') return Readable.from([Buffer.from(body, 'utf8')]);
  if (body instanceof Uint8Array) return Readable.from([body]);
  return body as AsyncIterable<Uint8Array>;
}

/** Size and SHA-256 of a stream, and its first bytes (to recognise executables), in bounded memory. */
export async function digest(stream: AsyncIterable<Uint8Array>, headBytes = 16) {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    hash.update(bytes);
    size += bytes.length;
    if (head.length < headBytes) head = Buffer.concat([head, bytes.subarray(0, headBytes - head.length)]);
  }
  return { size, sha256: hash.digest('hex'), head };
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
