import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3rver, s3rverClient } from '../../../test/harness/s3rver.js';
import { createCollectStaticHandler } from '../../functions/collectstatic.js';
import { contentTypeFor, cacheControlFor } from './asset-headers.js';
import { collectStatic } from './collect-static.js';

const BUCKET = 'moms-static';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300';
/** The expected headers per file, written out (not computed) so a change in asset-headers shows here. */
const BUILD: Record<string, { body: string | Buffer; type: string; cache: string }> = {
  'index.html': {
    body: '<!doctype html><script src="/assets/index-3f2a9c1b.js"></script>',
    type: 'text/html; charset=utf-8',
    cache: 'no-cache',
  },
  'assets/index-3f2a9c1b.js': {
    body: 'console.log("moms");',
    type: 'text/javascript; charset=utf-8',
    cache: IMMUTABLE,
  },
  'assets/app-9a8b7c6d.css': { body: 'body{margin:0}', type: 'text/css; charset=utf-8', cache: IMMUTABLE },
  'favicon.ico': {
    body: Buffer.from([0, 0, 1, 0, 0xff, 0xfe, 0x80, 0x0a]),
    type: 'image/vnd.microsoft.icon',
    cache: SHORT,
  },
  'robots.txt': { body: 'User-agent: *\nAllow: /\n', type: 'text/plain; charset=utf-8', cache: SHORT },
  'nested/deep/file.json': { body: '{"ok":true}', type: 'application/json; charset=utf-8', cache: SHORT },
};

let root: string;
let server: ChildProcess | undefined;
let endpoint: string;
let client: S3Client;
let buildCount = 0;

function s3(): S3Client {
  return s3rverClient(endpoint);
}

/** A client that records every command it sends (name, key) and the most PUTs in flight at once. */
function recordingS3() {
  const recorder = { calls: [] as string[], inFlight: 0, maxInFlight: 0 };
  const recording = s3();
  recording.middlewareStack.add(
    (next, context) => async (args) => {
      const put = context.commandName === 'PutObjectCommand';
      recorder.calls.push(`${context.commandName} ${(args.input as { Key?: string }).Key ?? ''}`.trim());
      if (put) recorder.maxInFlight = Math.max(recorder.maxInFlight, ++recorder.inFlight);
      try {
        return await next(args);
      } finally {
        if (put) recorder.inFlight--;
      }
    },
    { step: 'initialize', name: 'recorder' },
  );
  return { client: recording, recorder };
}

async function writeBuild(files: Record<string, string | Buffer>): Promise<string> {
  const dir = path.join(root, `build-${++buildCount}`);
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), body);
  }
  return dir;
}

const bodies = (extra: Record<string, string | Buffer> = {}) => ({
  ...Object.fromEntries(Object.entries(BUILD).map(([name, f]) => [name, f.body])),
  ...extra,
});

async function keysIn(bucket = BUCKET): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((o) => o.Key ?? '').sort();
}

async function bodyOf(key: string, bucket = BUCKET): Promise<Buffer> {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'moms-collectstatic-'));
  const started = await startS3rver(path.join(root, 's3'), [BUCKET, 'moms-static-fn']);
  server = started.child;
  const port = started.port;
  endpoint = `http://127.0.0.1:${port}`;
  client = s3();
});

afterAll(async () => {
  client?.destroy();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (root) await rm(root, { recursive: true, force: true });
});

describe('collectStatic against s3rver', () => {
  const keys = Object.keys(BUILD).map((name) => `site/${name}`);

  it('uploads every file with the Content-Type and Cache-Control the emulator serves; bodies round-trip', async () => {
    const dir = await writeBuild(bodies());
    const report = await collectStatic({ client, bucket: BUCKET, sourceDir: dir, prefix: '/site/' });
    expect(report).toEqual({ uploaded: [...keys].sort(), unchanged: [], deleted: [] });
    for (const [name, expected] of Object.entries(BUILD)) {
      const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `site/${name}` }));
      expect({ name, type: head.ContentType, cache: head.CacheControl }).toEqual({
        name,
        type: expected.type,
        cache: expected.cache,
      });
      // …and exactly what the local emulator would send for the same file.
      expect([head.ContentType, head.CacheControl]).toEqual([contentTypeFor(name), cacheControlFor(name)]);
      expect((await bodyOf(`site/${name}`)).equals(Buffer.from(expected.body))).toBe(true);
    }
  });

  it('a second run uploads nothing: every ETag already equals the MD5', async () => {
    const dir = await writeBuild(bodies());
    const { client: recording, recorder } = recordingS3();
    const report = await collectStatic({ client: recording, bucket: BUCKET, sourceDir: dir, prefix: 'site' });
    expect(report).toEqual({ uploaded: [], unchanged: [...keys].sort(), deleted: [] });
    expect(recorder.calls.filter((c) => !c.startsWith('ListObjectsV2'))).toEqual([]);
  });

  it('uploads new and changed files, deletes removed ones, and never touches keys outside the prefix', async () => {
    for (const Key of ['other/keep.txt', 'site-old/keep.txt', 'sitemap.xml']) {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'keep' }));
    }
    const { 'robots.txt': _removed, ...rest } = bodies();
    const dir = await writeBuild({ ...rest, 'nested/deep/file.json': '{"ok":false}', 'assets/new-1a2b3c4d.js': '1' });
    const { client: recording, recorder } = recordingS3();
    const report = await collectStatic({ client: recording, bucket: BUCKET, sourceDir: dir, prefix: 'site' });

    expect(report.uploaded).toEqual(['site/assets/new-1a2b3c4d.js', 'site/nested/deep/file.json']);
    expect(report.deleted).toEqual(['site/robots.txt']);
    expect(report.unchanged).toHaveLength(4);
    expect(await keysIn()).toEqual(
      ['other/keep.txt', 'site-old/keep.txt', 'sitemap.xml', ...keys.filter((k) => k !== 'site/robots.txt')]
        .concat('site/assets/new-1a2b3c4d.js')
        .sort(),
    );
    expect((await bodyOf('site/nested/deep/file.json')).toString()).toBe('{"ok":false}');
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'site/assets/new-1a2b3c4d.js' }));
    expect([head.ContentType, head.CacheControl]).toEqual(['text/javascript; charset=utf-8', IMMUTABLE]);
    // Deletions only after every upload.
    expect(recorder.calls.slice(-1)[0]).toBe('DeleteObjectsCommand');
  });

  it('uploads index.html last, deletes after uploads, and keeps uploads within the concurrency bound', async () => {
    const dir = await writeBuild({ ...bodies(), 'docs/index.html': '<p>docs</p>' });
    const { client: recording, recorder } = recordingS3();
    await collectStatic({
      client: recording,
      bucket: BUCKET,
      sourceDir: dir,
      prefix: 'ordered',
      tuning: { concurrency: 2 },
    });
    const puts = recorder.calls.filter((c) => c.startsWith('PutObject'));
    expect(puts).toHaveLength(7);
    expect(puts.slice(-2)).toEqual(['PutObjectCommand ordered/docs/index.html', 'PutObjectCommand ordered/index.html']);
    expect(recorder.maxInFlight).toBeGreaterThanOrEqual(1);
    expect(recorder.maxInFlight).toBeLessThanOrEqual(2);

    const only = await writeBuild({ 'index.html': '<p>v2</p>' });
    const second = recordingS3();
    await collectStatic({ client: second.client, bucket: BUCKET, sourceDir: only, prefix: 'ordered' });
    expect(second.recorder.calls.map((c) => c.split(' ')[0])).toEqual([
      'ListObjectsV2Command',
      'PutObjectCommand',
      'DeleteObjectsCommand',
    ]);
  });

  it('follows ListObjectsV2 pagination and deletes in batches', async () => {
    const many = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`f${i}.txt`, `file ${i}`]));
    const tuning = { listPageSize: 2, deleteBatchSize: 3 };
    const dir = await writeBuild({ 'index.html': 'x', ...many });
    await collectStatic({ client, bucket: BUCKET, sourceDir: dir, prefix: 'paged', tuning });

    const again = recordingS3();
    const rerun = await collectStatic({
      client: again.client,
      bucket: BUCKET,
      sourceDir: dir,
      prefix: 'paged',
      tuning,
    });
    expect(rerun.unchanged).toHaveLength(8);
    expect(again.recorder.calls.filter((c) => c.startsWith('ListObjectsV2'))).toHaveLength(4);

    const shrunk = recordingS3();
    const onlyIndex = await writeBuild({ 'index.html': 'x' });
    const report = await collectStatic({
      client: shrunk.client,
      bucket: BUCKET,
      sourceDir: onlyIndex,
      prefix: 'paged',
      tuning,
    });
    expect(report).toEqual({
      uploaded: [],
      unchanged: ['paged/index.html'],
      deleted: Object.keys(many).map((k) => `paged/${k}`),
    });
    expect(shrunk.recorder.calls.filter((c) => c.startsWith('DeleteObjects'))).toHaveLength(3);
    expect((await keysIn()).filter((k) => k.startsWith('paged/'))).toEqual(['paged/index.html']);
  });

  it('a dry run reports the changes and makes none', async () => {
    const before = await keysIn();
    const dir = await writeBuild({ 'index.html': '<p>new</p>' });
    const report = await collectStatic({ client, bucket: BUCKET, sourceDir: dir, prefix: 'site', dryRun: true });
    expect(report.uploaded).toEqual(['site/index.html']);
    expect(report.deleted).toHaveLength(5);
    expect(await keysIn()).toEqual(before);
    expect((await bodyOf('site/index.html')).toString()).toBe(BUILD['index.html']?.body);
  });

  it('refuses a folder without index.html (and a missing folder) before touching the bucket', async () => {
    const before = await keysIn();
    const dir = await writeBuild({ 'assets/index-3f2a9c1b.js': 'x' });
    await expect(collectStatic({ client, bucket: BUCKET, sourceDir: dir, prefix: 'site' })).rejects.toThrow(
      /has no index\.html/,
    );
    await expect(collectStatic({ client, bucket: BUCKET, sourceDir: path.join(root, 'nope') })).rejects.toThrow(
      /has no index\.html/,
    );
    expect(await keysIn()).toEqual(before);
  });
});

describe('the collectstatic Lambda handler', () => {
  it('uploads WEB_DIST_DIR to STATIC_BUCKET under STATIC_PREFIX and returns the report', async () => {
    const dir = await writeBuild(bodies());
    const env = { STATIC_BUCKET: 'moms-static-fn', STATIC_PREFIX: 'app', WEB_DIST_DIR: dir };
    const handler = createCollectStaticHandler({ client, env });
    const report = await handler();
    expect(report.uploaded).toEqual(
      Object.keys(BUILD)
        .map((k) => `app/${k}`)
        .sort(),
    );
    for (const [name, expected] of Object.entries(BUILD)) {
      const head = await client.send(new HeadObjectCommand({ Bucket: 'moms-static-fn', Key: `app/${name}` }));
      expect([name, head.ContentType, head.CacheControl]).toEqual([name, expected.type, expected.cache]);
    }
    expect(await handler({ dryRun: true })).toEqual({ uploaded: [], unchanged: report.uploaded, deleted: [] });
  });

  it('fails clearly without STATIC_BUCKET, and defaults WEB_DIST_DIR to the web folder beside the bundle', async () => {
    await expect(createCollectStaticHandler({ client, env: {} })()).rejects.toThrow(/STATIC_BUCKET is not set/);
    const handler = createCollectStaticHandler({ client, env: { STATIC_BUCKET: 'moms-static-fn' } });
    await expect(handler()).rejects.toThrow(/functions[/\\]web has no index\.html/);
  });
});
