/** Builds the web app when web/dist is missing or older than web/src (run by `npm start` and the e2e tests). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { WEB_DIR, webBuildIsStale } from './build-state.js';

export function ensureWebBuild(): void {
  if (!webBuildIsStale()) return;
  console.log('MOMS: building the web app (web/dist is missing or older than web/src) …');
  const vite = path.resolve(WEB_DIR, '../node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', path.join(WEB_DIR, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error(`the web build failed (exit ${result.status})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) ensureWebBuild();
