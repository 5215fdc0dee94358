import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { collectStatic } from '../../src/platform/static-assets/collect-static.js';
import { startS3rver, s3rverClient } from '../../test/harness/s3rver.js';

const DIST = path.resolve(import.meta.dirname, '../dist');
const BUCKET = 'moms-web';

/** Every file of the build, relative, without dot entries (Vite's .vite/manifest.json is metadata). */
function buildFiles(dir = DIST, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .flatMap((e) =>
      e.isDirectory() ? buildFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

/** `collectstatic` publishes exactly the build that `npm start` serves (issue #7). */
describe('collectstatic publishes the web build', () => {
  let root: string;
  let server: ChildProcess | undefined;
  let endpoint: string;

  beforeAll(async () => {
    const buildError = inject('webBuildError');
    if (buildError) throw new Error(`The web app did not build: ${buildError}`);
    root = await mkdtemp(path.join(os.tmpdir(), 'moms-publish-'));
    const started = await startS3rver(path.join(root, 's3'), [BUCKET]);
    server = started.child;
    endpoint = `http://127.0.0.1:${started.port}`;
  });
  afterAll(async () => {
    server?.kill();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('uploads every file of web/dist and nothing else, and index.html points only at uploaded assets', async () => {
    const client = s3rverClient(endpoint);
    const files = buildFiles();
    expect(files).toContain('index.html');
    expect(files.some((f) => f.startsWith('assets/') && f.endsWith('.js'))).toBe(true);

    const report = await collectStatic({ client, bucket: BUCKET, sourceDir: DIST });
    expect(report.uploaded).toEqual(files);
    expect(report.deleted).toEqual([]);

    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(files);

    const index = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'index.html' }));
    const html = await index.Body!.transformToString();
    expect(html).toBe(readFileSync(path.join(DIST, 'index.html'), 'utf8'));
    expect(index.CacheControl).toBe('no-cache');
    const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(referenced.length).toBeGreaterThan(0);
    for (const key of referenced) expect(files).toContain(key);

    const entryScript = referenced.find((k) => k.endsWith('.js'))!;
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: entryScript }));
    expect(head.ContentType).toBe('text/javascript; charset=utf-8');
    expect(head.CacheControl).toBe('public, max-age=31536000, immutable');
  });
});
