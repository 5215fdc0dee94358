import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '../routes.js';
import { chooseEncoding } from './compression.js';
import { createEmulator } from './emulator.js';

/** The local server compresses what CloudFront would (issue #25): build files and API responses. */
const routes: Route[] = [{ method: 'GET', path: '/api/data/{proxy+}', function: 'standardApi', authorizer: false }];
const bigJson = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `Row ${i}` })) });
const script = `export const rows = [${Array.from({ length: 500 }, (_, i) => `"row ${i}"`).join(',')}];\n`;
const webDir = mkdtempSync(path.join(os.tmpdir(), 'moms-web-gz-'));
let server: Server;
let base: string;

beforeAll(async () => {
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>MOMS</title>');
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'assets', 'index-3f2a9c1b.js'), script);
  writeFileSync(path.join(webDir, 'assets', 'logo-3f2a9c1b.png'), Buffer.alloc(4096, 7));
  server = createEmulator({
    routes,
    webDir,
    authorizer: async () => ({ isAuthorized: true }),
    functions: {
      standardApi: async (event) =>
        event.rawPath.endsWith('/small')
          ? { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }
          : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: bigJson },
      containerizedApi: async () => ({ statusCode: 200 }),
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A raw request (fetch would decompress behind our back). */
function request(urlPath: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(`${base}${urlPath}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('compression on the local server', () => {
  it('serves a build file with Brotli when accepted, gzip otherwise, as is without Accept-Encoding', async () => {
    const br = await request('/assets/index-3f2a9c1b.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await request('/assets/index-3f2a9c1b.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await request('/assets/index-3f2a9c1b.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('leaves images and tiny files alone', async () => {
    const png = await request('/assets/logo-3f2a9c1b.png', 'br');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(4096);
    const index = await request('/', 'br');
    expect(index.headers['content-encoding']).toBeUndefined();
    expect(index.body.toString()).toContain('<title>MOMS</title>');
  });

  it('compresses API responses of 1 KB and more', async () => {
    const big = await request('/api/data/big', 'br;q=0, gzip');
    expect(big.status).toBe(200);
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(big.body).toString())).toEqual(JSON.parse(bigJson));
    const small = await request('/api/data/small', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('{"ok":true}');
  });
});

describe('chooseEncoding', () => {
  it('prefers br, honours q=0, wildcards and identity', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});
