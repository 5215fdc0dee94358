import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const WEB_DIR = path.resolve(import.meta.dirname, '..');
export const DIST_INDEX = path.join(WEB_DIR, 'dist/index.html');

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when web/dist is missing or older than the sources (web/src, index.html, vite.config.ts). */
export function webBuildIsStale(): boolean {
  if (!existsSync(DIST_INDEX)) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => newestMtime(path.join(WEB_DIR, p)));
  return Math.max(...sources) > built;
}
