import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type * as S3SdkModule from '@aws-sdk/client-s3';
import type { CompletedPart, S3Client } from '@aws-sdk/client-s3';
import type * as PresignerModule from '@aws-sdk/s3-request-presigner';
import {
  assertValidKey,
  chunksOf,
  contentDisposition,
  FileNotFoundError,
  type DownloadUrlOptions,
  type FileBody,
  type FileStat,
  type FileStore,
  type SignedRequest,
  type UploadUrlOptions,
  type WriteOptions,
  type WrittenFile,
} from './file-store.js';

/** S3's smallest part (all but the last) of a multipart upload. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** The AWS SDK, loaded on first use (it is external to the bundles and costs cold-start time). */
type S3Sdk = typeof S3SdkModule;
type GetSignedUrl = (typeof PresignerModule)['getSignedUrl'];

export interface S3FileStoreOptions {
  client: S3Client;
  bucket: string;
  /** Prepended to every key (`''` or ending with `/`); the functions' IAM policies are scoped to it. */
  prefix?: string;
  /** Bytes per part of a streaming write (default 8 MiB; at least 5 MiB on AWS): the memory a write holds. */
  partSizeBytes?: number;
}

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/**
 * The file store on AWS: one private bucket, objects under `prefix`. The client must be created with
 * `requestChecksumCalculation: 'WHEN_REQUIRED'` (see `createS3Client`): otherwise the SDK adds a
 * CRC32 of the *empty* body to every presigned PUT, and S3 refuses the real upload.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #partSize: number;
  readonly #sdk: S3Sdk;
  readonly #getSignedUrl: GetSignedUrl;

  /** Use `createS3FileStore` (it loads the SDK). */
  constructor(options: S3FileStoreOptions, sdk: S3Sdk, getSignedUrl: GetSignedUrl) {
    this.#sdk = sdk;
    this.#getSignedUrl = getSignedUrl;
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? '';
    this.#partSize = options.partSizeBytes ?? 8 * 1024 * 1024;
  }

  #key(key: string): string {
    assertValidKey(key);
    return this.#prefix + key;
  }

  async write(key: string, body: FileBody, options: WriteOptions = {}): Promise<WrittenFile> {
    const Key = this.#key(key);
    const ContentType = options.contentType ?? 'application/octet-stream';
    const hash = createHash('sha256');
    let size = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    let pending: Buffer[] = [];
    let pendingBytes = 0;

    const flushPart = async () => {
      const Body = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      if (uploadId === undefined) {
        const created = await this.#client.send(
          new this.#sdk.CreateMultipartUploadCommand({ Bucket: this.#bucket, Key, ContentType }),
        );
        uploadId = created.UploadId;
      }
      const PartNumber = parts.length + 1;
      const { ETag } = await this.#client.send(
        new this.#sdk.UploadPartCommand({ Bucket: this.#bucket, Key, UploadId: uploadId, PartNumber, Body }),
      );
      parts.push({ ETag, PartNumber });
    };

    try {
      for await (const chunk of chunksOf(body)) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        hash.update(bytes);
        size += bytes.length;
        pending.push(bytes);
        pendingBytes += bytes.length;
        // Hold at most one part (plus the chunk that filled it) in memory.
        while (pendingBytes >= this.#partSize) {
          const all = Buffer.concat(pending, pendingBytes);
          pending = [all.subarray(0, this.#partSize)];
          pendingBytes = this.#partSize;
          const rest = all.subarray(this.#partSize);
          await flushPart();
          if (rest.length > 0) {
            pending = [rest];
            pendingBytes = rest.length;
          }
        }
      }
      if (uploadId === undefined) {
        // Smaller than one part: a single PUT.
        await this.#client.send(
          new this.#sdk.PutObjectCommand({
            Bucket: this.#bucket,
            Key,
            ContentType,
            Body: Buffer.concat(pending, pendingBytes),
          }),
        );
      } else {
        if (pendingBytes > 0) await flushPart();
        await this.#client.send(
          new this.#sdk.CompleteMultipartUploadCommand({
            Bucket: this.#bucket,
            Key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        );
      }
    } catch (error) {
      if (uploadId !== undefined) {
        await this.#client
          .send(new this.#sdk.AbortMultipartUploadCommand({ Bucket: this.#bucket, Key, UploadId: uploadId }))
          .catch(() => undefined); // the bucket's lifecycle rule removes what an abort leaves
      }
      throw error;
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  async read(key: string): Promise<Readable> {
    try {
      const { Body } = await this.#client.send(
        new this.#sdk.GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }),
      );
      if (!Body) throw new FileNotFoundError(key);
      return Body instanceof Readable ? Body : Readable.from(Body as AsyncIterable<Uint8Array>);
    } catch (error) {
      if (isNotFound(error)) throw new FileNotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<FileStat | null> {
    try {
      const head = await this.#client.send(
        new this.#sdk.HeadObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }),
      );
      return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? null };
    } catch (error) {
      // S3 answers a HEAD of a missing key with 403 to a caller without s3:ListBucket on the whole
      // bucket, which the functions do not get (least privilege): both mean "no such object" here.
      if (
        isNotFound(error) ||
        (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403
      ) {
        return null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(new this.#sdk.DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }));
  }

  async downloadUrl(key: string, options: DownloadUrlOptions): Promise<SignedRequest> {
    const url = await this.#getSignedUrl(
      this.#client,
      new this.#sdk.GetObjectCommand({
        Bucket: this.#bucket,
        Key: this.#key(key),
        ResponseContentDisposition: contentDisposition(options.fileName),
        ResponseContentType: options.contentType,
      }),
      { expiresIn: options.expiresInSeconds },
    );
    return { method: 'GET', url, headers: {}, expiresAt: new Date(Date.now() + options.expiresInSeconds * 1000) };
  }

  async uploadUrl(key: string, options: UploadUrlOptions): Promise<SignedRequest> {
    // Content-Type and Content-Length are signed headers: S3 refuses another type or length.
    const url = await this.#getSignedUrl(
      this.#client,
      new this.#sdk.PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#key(key),
        ContentType: options.contentType,
        ContentLength: options.size,
      }),
      { expiresIn: options.expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
    );
    return {
      method: 'PUT',
      url,
      // Content-Length is set by the client (browsers refuse to set it by hand) from the body.
      headers: { 'content-type': options.contentType },
      expiresAt: new Date(Date.now() + options.expiresInSeconds * 1000),
    };
  }
}

/** The S3 store, with the SDK loaded now (on the first request that needs files, not at cold start). */
export async function createS3FileStore(options: S3FileStoreOptions): Promise<S3FileStore> {
  const sdk = await import('@aws-sdk/client-s3');
  const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
  return new S3FileStore(options, sdk, getSignedUrl);
}

/** An S3 client for the file store (a test server's endpoint when given; path-style there). */
export async function createS3Client(endpoint?: string): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  });
}
