import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3rver } from '../../../test/harness/s3rver.js';
import { digest, FileNotFoundError } from './file-store.js';
import { createS3Client, createS3FileStore, MIN_PART_BYTES, type S3FileStore } from './s3-file-store.js';

/**
 * The S3 store against s3rver (a local S3 server, in a child process: test/harness/s3rver.ts), with
 * the client the store uses on AWS (`createS3Client`) pointed at it. Offline; no AWS account.
 */
const BUCKET = 'moms-files';
let root: string;
let server: ChildProcess | undefined;
let client: S3Client;
let store: S3FileStore;
const commands: string[] = [];

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 's3rver-files-'));
  const started = await startS3rver(root, [BUCKET]);
  server = started.child;
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  process.env.AWS_REGION ??= 'us-east-1';
  client = await createS3Client(`http://127.0.0.1:${started.port}`);
  client.config.credentials = () => Promise.resolve({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
  client.middlewareStack.add(
    (next, context) => (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
  store = await createS3FileStore({ client, bucket: BUCKET, prefix: 'moms/', partSizeBytes: MIN_PART_BYTES });
}, 30_000);

afterAll(async () => {
  server?.kill();
  await rm(root, { recursive: true, force: true });
});

describe('S3FileStore (against s3rver)', () => {
  it('writes a small body with one PUT under its prefix, and reads it back', async () => {
    commands.length = 0;
    const bytes = randomBytes(1000);
    const written = await store.write('results/2026/12/small', bytes, { contentType: 'text/csv' });
    expect(written).toEqual({ key: 'results/2026/12/small', size: 1000, sha256: sha(bytes) });
    expect(commands).toEqual(['PutObjectCommand']);
    expect(await store.stat('results/2026/12/small')).toEqual({ size: 1000, contentType: 'text/csv' });
    expect((await digest(await store.read('results/2026/12/small'))).sha256).toBe(sha(bytes));
  });

  it('streams a body larger than a part as a multipart upload (parts of 5 MiB: 12 MiB → 3 parts)', async () => {
    commands.length = 0;
    const bytes = randomBytes(12 * 1024 * 1024);
    // Chunks of 100 kB, as a database cursor would give rows.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 100_000) }, (_, i) =>
      bytes.subarray(i * 100_000, (i + 1) * 100_000),
    );
    const written = await store.write('results/2026/12/big', Readable.from(chunks), { contentType: 'text/csv' });
    expect(written.size).toBe(bytes.length);
    expect(commands).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    expect((await store.stat('results/2026/12/big'))?.size).toBe(bytes.length);
    expect((await digest(await store.read('results/2026/12/big'))).sha256).toBe(sha(bytes));
  }, 60_000);

  it('aborts the multipart upload when the body fails midway', async () => {
    commands.length = 0;
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(MIN_PART_BYTES + 10);
        throw new Error('cursor closed');
      })(),
    );
    await expect(store.write('results/2026/12/failed', failing)).rejects.toThrow('cursor closed');
    expect(commands).toContain('AbortMultipartUploadCommand');
    expect(await store.stat('results/2026/12/failed')).toBeNull();
  }, 30_000);

  it('reports a missing object as null (stat) and FileNotFoundError (read); deleting it twice is fine', async () => {
    expect(await store.stat('attachments/2026/12/none')).toBeNull();
    await expect(store.read('attachments/2026/12/none')).rejects.toBeInstanceOf(FileNotFoundError);
    await store.write('attachments/2026/12/gone', 'x');
    await store.delete('attachments/2026/12/gone');
    await store.delete('attachments/2026/12/gone');
    expect(await store.stat('attachments/2026/12/gone')).toBeNull();
  });

  it('presigns a PUT the client can use (signed Content-Type and Content-Length, no empty-body checksum)', async () => {
    const bytes = randomBytes(2048);
    const signed = await store.uploadUrl('attachments/2026/12/put', {
      size: bytes.length,
      contentType: 'application/pdf',
      expiresInSeconds: 300,
    });
    const url = new URL(signed.url);
    expect(url.pathname).toBe(`/${BUCKET}/moms/attachments/2026/12/put`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect([...url.searchParams.keys()].filter((k) => k.startsWith('x-amz-checksum'))).toEqual([]);
    const put = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: bytes });
    expect(put.status).toBe(200);
    expect(await store.stat('attachments/2026/12/put')).toEqual({ size: 2048, contentType: 'application/pdf' });
    // s3rver does not check presigned signatures; S3 does: another type or length than signed is a 403
    // there. What this test can see is that both are signed (X-Amz-SignedHeaders above).
  });

  it('presigns a GET that downloads the bytes under the given name', async () => {
    await store.write('attachments/2026/12/get', 'hello, world', { contentType: 'text/plain' });
    const signed = await store.downloadUrl('attachments/2026/12/get', {
      fileName: 'hello.txt',
      contentType: 'text/plain',
      expiresInSeconds: 60,
    });
    expect(new URL(signed.url).searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="hello.txt"; filename*=UTF-8''hello.txt`,
    );
    const got = await fetch(signed.url);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('hello, world');
    expect(got.headers.get('content-disposition')).toContain('hello.txt');
    // SigV4 signs every query parameter, so the name and type cannot be changed without a 403 on S3.
    expect(new URL(signed.url).searchParams.get('X-Amz-Expires')).toBe('60');
  });
});
