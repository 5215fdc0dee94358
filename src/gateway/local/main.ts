import cluster from 'node:cluster';
import { describeDatabase } from '../../app/database.js';
import { loadConfig } from '../../platform/config/config.js';
import { localPoolMax, primaryDispatcher, reportReady, startPrimary, workerCount } from './cluster.js';
import { startLocalStack } from './local-stack.js';

/**
 * `npm start`: MOMS on http://localhost:3000 with an embedded database, no AWS account needed; on
 * PostgreSQL (DATABASE_URL), one HTTP worker per core (MOMS_WORKERS) behind one port (docs/adr/0026).
 * `npm start` runs this compiled (dist/server/main.mjs, built by build-server.ts).
 */
const embedded = !process.env.DATABASE_URL && !process.env.DB_SECRET_ARN && process.env.DB_ACCESS !== 'data-api';
const requested = workerCount(process.env.MOMS_WORKERS);
if (typeof requested === 'object') {
  console.error(`MOMS: ${requested.error}`);
  process.exit(1);
}
const workers = embedded ? 1 : requested;
// Lambda's pool is one connection; a local server process serves many requests at once.
const config = loadConfig({ ...process.env, DB_POOL_MAX: process.env.DB_POOL_MAX ?? String(localPoolMax(workers)) });

let close: () => Promise<void>;
if (cluster.isWorker) {
  // An HTTP worker of the primary below: requests only (the primary migrated and runs the background work).
  const stack = await startLocalStack(config, { migrate: false, worker: false, dispatcher: primaryDispatcher() });
  reportReady(stack.url);
  close = stack.close;
} else {
  console.log(`MOMS: starting with ${describeDatabase(config)} …`);
  const start = async () => {
    if (workers > 1) {
      const primary = await startPrimary(config, workers);
      return {
        ...primary,
        how: `${workers} worker processes (node:cluster, MOMS_WORKERS); background jobs and schedules in the primary`,
      };
    }
    const stack = await startLocalStack(config);
    const how = embedded
      ? 'one process: the embedded database (PGlite) lives in one process; MOMS_WORKERS applies on PostgreSQL (DATABASE_URL)'
      : 'one process (MOMS_WORKERS=1)';
    return { url: stack.url, admin: stack.admin, close: stack.close, how };
  };
  const running = await start();
  close = running.close;

  const lines = [
    `MOMS is running at ${running.url}`,
    `  Web app:   ${running.url}/   (sign in there)`,
    `  API docs:  ${running.url}/api/docs`,
    `  Health:    ${running.url}/api/health`,
    `  Serving:   ${running.how}`,
  ];
  if (running.admin) {
    lines.push('', 'First start: an administrator was created.', `  email:     ${running.admin.email}`);
    lines.push(
      running.admin.generatedPassword
        ? `  password:  ${running.admin.generatedPassword}   (shown once; change it after signing in)`
        : '  password:  the one in MOMS_ADMIN_PASSWORD',
    );
    lines.push(
      '',
      'Sign in:',
      `  curl -s ${running.url}/api/v1/auth/login -H 'content-type: application/json' \\`,
      `    -d '{"email":"${running.admin.email}","password":"…"}'`,
    );
  }
  console.log(lines.join('\n'));
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    if (cluster.isPrimary) console.log(`\nMOMS: ${signal}, shutting down …`);
    void close().then(() => process.exit(0));
  });
}
