// Preloaded (`node --import`) into a cold-start child by `bytesRead` (cold-run.ts): records every file
// Node loads as a module, and at exit writes to stderr how many of them lie under BENCH_TRACE_DIR (the
// bundle's folder) and their size in bytes: what that one cold start read of the bundle.
import { statSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(process.env.BENCH_TRACE_DIR ?? '.') + path.sep;
const seen = new Set();
registerHooks({
  load(url, context, next) {
    if (url.startsWith('file:')) seen.add(fileURLToPath(url));
    return next(url, context);
  },
});
process.on('exit', () => {
  const files = [...seen].filter((file) => file.startsWith(dir));
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  process.stderr.write(`BENCH_TRACE ${files.length} ${bytes}\n`);
});
