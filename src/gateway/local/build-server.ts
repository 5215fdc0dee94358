/**
 * Builds the local server `npm start` runs: src/gateway/local/main.ts bundled by esbuild (as the Lambda
 * functions are, infra/bundling.ts) into dist/server/main.mjs, so the started server is plain compiled
 * JavaScript — no TypeScript loader at run time (issue #19, docs/adr/0026). Dependencies stay in
 * node_modules (`packages: 'external'`: PGlite's WebAssembly and data files load from their own
 * folder); each lazily loaded module (docs/adr/0006) becomes a chunk of its own, read on first use.
 *
 * Rebuilds only when the bundle is missing or older than a source (src/, package.json,
 * package-lock.json, this file). Runs on Node 24 as it is (type stripping: no imports of our own files).
 * Usage: node src/gateway/local/build-server.ts [--force]
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SERVER_DIR = path.join(ROOT, 'dist/server');
const ENTRY = path.join(SERVER_DIR, 'main.mjs');
/** Written last: a build that failed half way leaves no stamp and is redone. */
const STAMP = path.join(SERVER_DIR, '.built');

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when dist/server is missing or older than what it is built from. */
export function serverBuildIsStale(): boolean {
  if (!existsSync(STAMP) || !existsSync(ENTRY)) return true;
  const built = statSync(STAMP).mtimeMs;
  const sources = ['src', 'package.json', 'package-lock.json'].map((p) => newestMtime(path.join(ROOT, p)));
  return Math.max(...sources, statSync(import.meta.filename).mtimeMs) > built;
}

export async function buildServer(): Promise<void> {
  const started = performance.now();
  // Built beside, then swapped in: a failed build leaves the previous one as it was.
  const next = `${SERVER_DIR}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  await build({
    entryPoints: { main: path.join(ROOT, 'src/gateway/local/main.ts') },
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    packages: 'external',
    splitting: true,
    outdir: next,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
  }).catch((error: unknown) => {
    rmSync(next, { recursive: true, force: true });
    throw error;
  });
  writeFileSync(path.join(next, path.basename(STAMP)), `${new Date().toISOString()}\n`);
  rmSync(SERVER_DIR, { recursive: true, force: true });
  renameSync(next, SERVER_DIR);
  console.log(`MOMS: built the local server into dist/server in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  if (process.argv.includes('--force') || serverBuildIsStale()) await buildServer();
}
