/**
 * `npm run web:size`: what the first page transfers as served — the entry chunk of index.html and
 * every chunk it imports statically (lazy imports excluded), read from web/dist/.vite/manifest.json,
 * each fetched from the local server's static handler (the one `npm start` uses) with the
 * `Accept-Encoding` a browser sends, so the bytes counted are the compressed bytes on the wire.
 * Fails above the budget, or when a file is served uncompressed.
 */
import { readFileSync, statSync } from 'node:fs';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createEmulator } from '../../src/gateway/local/emulator.js';

const BUDGET_KB = 300;
const dist = path.resolve(import.meta.dirname, '../dist');

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
let manifest: Record<string, Chunk>;
try {
  manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
} catch {
  console.error('No web/dist/.vite/manifest.json: run `npm run web:build` first.');
  process.exit(1);
}

const entry = manifest['index.html'] ?? Object.values(manifest).find((c) => c.isEntry);
if (!entry) throw new Error('no entry chunk in the manifest');
const seen = new Set<string>();
const visit = (key: string | undefined, chunk: Chunk | undefined) => {
  if (!chunk || seen.has(chunk.file)) return;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported, manifest[imported]);
};
visit('index.html', entry);

const server: Server = createEmulator({
  routes: [],
  webDir: dist,
  authorizer: () => Promise.resolve({ isAuthorized: false }),
  functions: {
    standardApi: () => Promise.resolve({ statusCode: 404 }),
    containerizedApi: () => Promise.resolve({ statusCode: 404 }),
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** Bytes on the wire for one file, and how it was encoded. */
function served(file: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    get(`${base}/${file}`, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'none') }));
    }).on('error', reject);
  });
}

const uncompressed: string[] = [];
async function measure(files: Iterable<string>): Promise<number> {
  let total = 0;
  for (const file of files) {
    const { bytes, encoding } = await served(file);
    const raw = statSync(path.join(dist, file)).size;
    if (encoding === 'none' && raw >= 1_000) uncompressed.push(file);
    total += bytes;
    console.log(
      `  ${(bytes / 1024).toFixed(1).padStart(7)} kB ${encoding.padEnd(4)} (${(raw / 1024).toFixed(1)} kB raw)  ${file}`,
    );
  }
  return total;
}

const total = await measure(seen);
const css = [...new Set([...seen].flatMap((f) => Object.values(manifest).find((c) => c.file === f)?.css ?? []))];
const cssTotal = await measure(css);
const htmlTotal = await measure(['index.html']);
server.close();
const kb = total / 1024;
console.log(
  `First page as served: ${kb.toFixed(1)} kB of JavaScript (budget ${BUDGET_KB} kB), ${(cssTotal / 1024).toFixed(1)} kB of CSS, ${(htmlTotal / 1024).toFixed(1)} kB of HTML.`,
);
if (uncompressed.length > 0) {
  console.error(`Served without compression: ${uncompressed.join(', ')}`);
  process.exit(1);
}
if (kb > BUDGET_KB) {
  console.error(`Over budget by ${(kb - BUDGET_KB).toFixed(1)} kB: move screens behind lazy imports.`);
  process.exit(1);
}
