/**
 * `npm run web:size`: the gzipped JavaScript the first page loads — the entry chunk of index.html and
 * every chunk it imports statically (lazy imports excluded), read from web/dist/.vite/manifest.json.
 * Fails above the budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

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

const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
let total = 0;
for (const file of seen) {
  const size = gz(file);
  total += size;
  console.log(`  ${(size / 1024).toFixed(1).padStart(7)} kB  ${file}`);
}
const css = [...new Set([...seen].flatMap((f) => Object.values(manifest).find((c) => c.file === f)?.css ?? []))];
const cssTotal = css.reduce((n, f) => n + gz(f), 0);
const kb = total / 1024;
console.log(
  `First page: ${kb.toFixed(1)} kB of gzipped JavaScript (budget ${BUDGET_KB} kB), ${(cssTotal / 1024).toFixed(1)} kB of CSS.`,
);
if (kb > BUDGET_KB) {
  console.error(`Over budget by ${(kb - BUDGET_KB).toFixed(1)} kB: move screens behind lazy imports.`);
  process.exit(1);
}
