import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { cacheControlFor, contentTypeFor } from './asset-headers.js';

export interface CollectStaticOptions {
  client: S3Client;
  bucket: string;
  /** The web build folder (e.g. `web/dist`); must contain an `index.html`. Dot entries (build metadata such as
   * Vite's `.vite/manifest.json`) are not published. */
  sourceDir: string;
  /** Key prefix inside the bucket (`app` → `app/index.html`); only keys under it are ever deleted. */
  prefix?: string;
  /** Report what would change without uploading or deleting anything. */
  dryRun?: boolean;
  /** Knobs for tests; the defaults are S3's own limits. */
  tuning?: { concurrency?: number; listPageSize?: number; deleteBatchSize?: number };
}

/** Full S3 keys, sorted. In a dry run: what would be uploaded and deleted. */
export interface CollectStaticReport {
  uploaded: string[];
  unchanged: string[];
  deleted: string[];
}

interface LocalFile {
  key: string;
  file: string;
  md5: string;
}

/**
 * Uploads a web build to S3 with the same Content-Type and Cache-Control the local emulator serves,
 * skipping files whose ETag already equals their MD5. Order matters so that no browser ever gets an
 * index.html that points at assets not uploaded yet, or at assets already deleted:
 * assets first, then index.html, then deletion of the keys no longer in the build.
 */
export async function collectStatic(options: CollectStaticOptions): Promise<CollectStaticReport> {
  const { client, bucket, sourceDir, dryRun = false, tuning = {} } = options;
  if (!existsSync(path.join(sourceDir, 'index.html'))) {
    throw new Error(`collectstatic: ${path.resolve(sourceDir)} has no index.html; is it a web build folder?`);
  }
  const prefix = normalizePrefix(options.prefix);
  const concurrency = tuning.concurrency ?? 8;
  const files = await mapPool(await walk(sourceDir), concurrency, async (file): Promise<LocalFile> => {
    const key = prefix + path.relative(sourceDir, file).split(path.sep).join('/');
    return { key, file, md5: await md5Of(file) };
  });
  const remote = await listETags(client, bucket, prefix, tuning.listPageSize ?? 1000);

  const changed = files.filter((f) => remote.get(f.key) !== `"${f.md5}"`);
  const unchanged = files.filter((f) => remote.get(f.key) === `"${f.md5}"`).map((f) => f.key);
  const local = new Set(files.map((f) => f.key));
  const deleted = [...remote.keys()].filter((key) => !local.has(key)).sort();

  if (!dryRun) {
    const isEntry = (f: LocalFile) => path.posix.basename(f.key) === 'index.html';
    const upload = (f: LocalFile) => put(client, bucket, f);
    await mapPool(
      changed.filter((f) => !isEntry(f)),
      concurrency,
      upload,
    );
    // Deepest first, so the root index.html is the very last object written.
    const entries = changed.filter(isEntry).sort((a, b) => b.key.split('/').length - a.key.split('/').length);
    for (const entry of entries) await upload(entry);
    await deleteKeys(client, bucket, deleted, tuning.deleteBatchSize ?? 1000);
  }
  return { uploaded: changed.map((f) => f.key).sort(), unchanged: unchanged.sort(), deleted };
}

function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    // Dot entries are build metadata (Vite's .vite/manifest.json) or editor litter, not the site.
    entries
      .filter((entry) => !entry.name.startsWith('.'))
      .map(async (entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return walk(full);
        return entry.isFile() ? [full] : [];
      }),
  );
  return nested.flat();
}

async function md5Of(file: string): Promise<string> {
  return createHash('md5')
    .update(await readFile(file))
    .digest('hex');
}

/** Every key under the prefix with its ETag (quoted, as S3 returns it). */
async function listETags(client: S3Client, bucket: string, prefix: string, pageSize: number) {
  const etags = new Map<string, string>();
  let ContinuationToken: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, MaxKeys: pageSize, ContinuationToken }),
    );
    for (const object of page.Contents ?? []) if (object.Key) etags.set(object.Key, object.ETag ?? '');
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return etags;
}

/** A Buffer body: its length is known, so the SDK sends a plain PUT (no aws-chunked encoding). */
async function put(client: S3Client, bucket: string, f: LocalFile): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: f.key,
      Body: await readFile(f.file),
      ContentType: contentTypeFor(f.file),
      CacheControl: cacheControlFor(f.file),
    }),
  );
}

async function deleteKeys(client: S3Client, bucket: string, keys: string[], batchSize: number): Promise<void> {
  for (let i = 0; i < keys.length; i += batchSize) {
    const batch = keys.slice(i, i + batchSize);
    const result = await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
    );
    const failed = result.Errors ?? [];
    if (failed.length) {
      const detail = failed.map((e) => `${e.Key}: ${e.Code ?? ''} ${e.Message ?? ''}`.trim()).join('; ');
      throw new Error(`collectstatic: could not delete ${failed.length} object(s): ${detail}`);
    }
  }
}

/** Maps `items` through `task` with at most `limit` in flight; stops taking new items after a failure. */
async function mapPool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
