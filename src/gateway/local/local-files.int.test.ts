import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../test/harness/test-app.js';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { startLocalStack, type LocalStack } from './local-stack.js';

/**
 * The presigned-upload flow over HTTP against `npm start`'s server: the API hands out a signed URL,
 * the bytes (past API Gateway's 10 MB request limit) go straight to the local store through
 * `/api/local-files/put/…`, and come back through a signed download URL — what S3 does on AWS.
 */
const ADMIN = { email: 'files-root@example.com', password: 'an administrator password' };
const MiB = 1024 * 1024;
let database: DatabaseHandle;
let stack: LocalStack;
let token: string;
let orgId: string;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
  const res = await fetch(stack.url + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

interface Upload {
  id: string;
  upload: { url: string; method: string; headers: Record<string, string> };
}

beforeAll(async () => {
  database = await createTestDatabase();
  stack = await startLocalStack(testConfig({ MOMS_ADMIN_EMAIL: ADMIN.email, MOMS_ADMIN_PASSWORD: ADMIN.password }), {
    database,
  });
  const login = await fetch(`${stack.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  token = ((await login.json()) as { accessToken: string }).accessToken;
  const org = await api<{ id: string }>('POST', '/api/v1/crm/organizations', { name: 'Big Files Ltd' });
  expect(org.status).toBe(201);
  orgId = org.body.id;
}, 60_000);
afterAll(async () => {
  await stack.close();
  await database.close();
});
afterEach(() => vi.useRealTimers());

describe('presigned uploads through the local server', () => {
  it('takes a 12 MiB file (over the 10 MB API limit) by PUT to the signed URL, then downloads it intact', async () => {
    const bytes = randomBytes(12 * MiB);
    // Through the API itself the same bytes are refused by the gateway's 10 MB limit.
    const direct = await fetch(`${stack.url}/api/v1/files/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: bytes,
    });
    expect(direct.status).toBe(413);

    const declared = await api<Upload>('POST', '/api/v1/files/uploads', {
      recordType: 'crm.organization',
      recordId: orgId,
      fileName: 'scan.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha(bytes),
    });
    expect(declared.status).toBe(201);
    const { url, method, headers } = declared.body.upload;
    expect(url.startsWith(`${stack.url}/api/local-files/put/`)).toBe(true);

    const put = await fetch(url, { method, headers, body: bytes });
    expect(put.status).toBe(200);

    const done = await api<{ id: string; size: number; sha256: string }>(
      'POST',
      `/api/v1/files/uploads/${declared.body.id}/complete`,
    );
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ size: 12 * MiB, sha256: sha(bytes) });

    const link = await api<{ download: { url: string } }>('GET', `/api/v1/files/attachments/${done.body.id}/download`);
    expect(link.status).toBe(200);
    const got = await fetch(link.body.download.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="scan.pdf"; filename*=UTF-8''scan.pdf`);
    expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(sha(bytes));

    // Tampered: another file name, or another key.
    const renamed = new URL(link.body.download.url);
    renamed.searchParams.set('name', 'scan.exe');
    expect((await fetch(renamed)).status).toBe(403);
    const other = link.body.download.url.replace(/\/[0-9a-f-]{36}\?/, '/00000000-0000-4000-8000-000000000000?');
    expect((await fetch(other)).status).toBe(403);

    // Expired: the same URL after its lifetime.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000);
    const expired = await fetch(link.body.download.url);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toEqual({ message: 'The URL has expired.' });
  }, 60_000);

  it('refuses a PUT with another content type, another length, or to an expired URL, and keeps nothing', async () => {
    const declared = await api<Upload>('POST', '/api/v1/files/uploads', {
      recordType: 'crm.organization',
      recordId: orgId,
      fileName: 'notes.txt',
      contentType: 'text/plain',
      size: 5,
    });
    expect(declared.status).toBe(201);
    const { url } = declared.body.upload;
    expect((await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: 'hello' })).status).toBe(
      403,
    );
    expect(
      (await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'hello!' })).status,
    ).toBe(400);
    expect((await fetch(url, { method: 'GET' })).status).toBe(403);
    expect((await api('POST', `/api/v1/files/uploads/${declared.body.id}/complete`)).status).toBe(409);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 16 * 60 * 1000);
    expect((await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'hello' })).status).toBe(
      403,
    );
    vi.useRealTimers();
    expect((await api('POST', `/api/v1/files/uploads/${declared.body.id}/complete`)).status).toBe(409);
  });
});
