import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition, digest, FileNotFoundError, objectKey } from './file-store.js';
import { LocalFileStore, localFilesKey } from './local-file-store.js';

let root: string;
let clock = Date.parse('2026-12-04T10:00:00Z');
let store: LocalFileStore;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'moms-files-'));
  store = new LocalFileStore(root, localFilesKey(Buffer.from('a-test-signing-secret-of-32-bytes!!')), () => clock);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function* generated(chunks: number, chunkBytes: number) {
  for (let i = 0; i < chunks; i++) yield Buffer.alloc(chunkBytes, i % 251);
}

describe('LocalFileStore: write, read, stat, delete', () => {
  it('round-trips bytes, reporting size and SHA-256, with the content type', async () => {
    const bytes = randomBytes(70_000);
    const written = await store.write('results/2026/12/a', bytes, { contentType: 'text/csv' });
    expect(written).toEqual({ key: 'results/2026/12/a', size: 70_000, sha256: sha(bytes) });
    expect(await store.stat('results/2026/12/a')).toEqual({ size: 70_000, contentType: 'text/csv' });
    const read = await digest(await store.read('results/2026/12/a'));
    expect(read.sha256).toBe(sha(bytes));
    await store.delete('results/2026/12/a');
    expect(await store.stat('results/2026/12/a')).toBeNull();
    await expect(store.read('results/2026/12/a')).rejects.toBeInstanceOf(FileNotFoundError);
    await store.delete('results/2026/12/a'); // already gone: no error
  });

  it('streams a large body (an async generator of 64 KiB chunks, 32 MiB) without holding it', async () => {
    const written = await store.write('results/2026/12/big', generated(512, 64 * 1024), { contentType: 'text/csv' });
    expect(written.size).toBe(32 * 1024 * 1024);
    expect((await store.stat('results/2026/12/big'))?.size).toBe(32 * 1024 * 1024);
  });

  it('leaves nothing behind when the body fails midway, and keeps the previous object', async () => {
    await store.write('results/2026/12/keep', 'old');
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('partial');
        throw new Error('the database went away');
      })(),
    );
    await expect(store.write('results/2026/12/keep', failing)).rejects.toThrow('the database went away');
    expect((await digest(await store.read('results/2026/12/keep'))).size).toBe(3);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('refuses keys that could leave its folder or reach its internals', async () => {
    for (const key of ['../etc/passwd', 'a/../../b', '.tmp/x', '.meta/a', '/abs', 'A/B', 'a//b', 'a/', '', 'a\\b']) {
      await expect(store.write(key, 'x'), key).rejects.toThrow('Not a valid file key');
    }
    expect(existsSync(path.join(root, '..', 'etc'))).toBe(false);
  });

  it('makes dated keys per area', () => {
    expect(objectKey('attachments', 'ABC-def', new Date('2026-03-05T00:00:00Z'))).toBe('attachments/2026/03/abc-def');
  });

  it('names downloads safely in Content-Disposition (ASCII fallback and UTF-8)', () => {
    expect(contentDisposition('Résumé "final".pdf')).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
  });
});

describe('LocalFileStore: signed URLs', () => {
  it('grants a download until it expires, and refuses one whose signature or terms were changed', async () => {
    await store.write('attachments/2026/12/doc', 'hello', { contentType: 'text/plain' });
    const signed = await store.downloadUrl('attachments/2026/12/doc', {
      fileName: 'hello.txt',
      contentType: 'text/plain',
      expiresInSeconds: 60,
    });
    expect(signed.method).toBe('GET');
    expect(signed.url.startsWith('/api/local-files/get/attachments/2026/12/doc?')).toBe(true);
    const ok = store.verify('GET', signed.url);
    expect(ok).toMatchObject({ ok: true, grant: { key: 'attachments/2026/12/doc', fileName: 'hello.txt' } });

    const url = new URL(signed.url, 'http://x');
    const tampered = (edit: (u: URL) => void) => {
      const copy = new URL(url);
      edit(copy);
      return store.verify('GET', copy.pathname + copy.search);
    };
    expect(tampered((u) => u.searchParams.set('name', 'other.exe'))).toMatchObject({ ok: false, status: 403 });
    expect(tampered((u) => u.searchParams.set('ct', 'text/html'))).toMatchObject({ ok: false, status: 403 });
    expect(tampered((u) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600)))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(tampered((u) => (u.pathname = u.pathname.replace('/doc', '/other')))).toMatchObject({
      ok: false,
      status: 403,
    });
    const sig = url.searchParams.get('sig') ?? '';
    expect(tampered((u) => u.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(tampered((u) => u.searchParams.delete('sig'))).toMatchObject({ ok: false, status: 403 });
    expect(store.verify('PUT', signed.url)).toMatchObject({ ok: false, status: 403 });

    // Signed by another deployment's key.
    const other = new LocalFileStore(
      root,
      localFilesKey(Buffer.from('another-secret-another-secret-0123')),
      () => clock,
    );
    expect(other.verify('GET', signed.url)).toMatchObject({ ok: false, status: 403 });

    clock += 61_000;
    expect(store.verify('GET', signed.url)).toEqual({ ok: false, status: 403, reason: 'The URL has expired.' });
  });

  it('takes exactly the signed number of bytes on an upload, and keeps nothing otherwise', async () => {
    const signed = await store.uploadUrl('attachments/2026/12/up', {
      size: 10,
      contentType: 'text/plain',
      expiresInSeconds: 60,
    });
    expect(signed.headers).toEqual({ 'content-type': 'text/plain' });
    const check = store.verify('PUT', signed.url);
    if (!check.ok) throw new Error(check.reason);
    expect(await store.receive(check.grant, Readable.from([Buffer.from('0123456789ABC')]))).toBe('too-large');
    expect(await store.stat('attachments/2026/12/up')).toBeNull();
    expect(await store.receive(check.grant, Readable.from([Buffer.from('0123')]))).toBe('too-short');
    expect(await store.stat('attachments/2026/12/up')).toBeNull();
    expect(await store.receive(check.grant, Readable.from([Buffer.from('01234'), Buffer.from('56789')]))).toBe('ok');
    expect(await store.stat('attachments/2026/12/up')).toEqual({ size: 10, contentType: 'text/plain' });
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('refuses URLs for other paths or keys', () => {
    expect(store.verify('GET', '/api/local-files/get/../secrets.json?sig=x')).toMatchObject({ ok: false, status: 404 });
    expect(store.verify('GET', '/api/local-files/delete/a?sig=x')).toMatchObject({ ok: false, status: 404 });
    expect(store.verify('GET', '/api/v1/files/x')).toMatchObject({ ok: false, status: 404 });
  });
});
