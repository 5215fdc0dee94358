import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import { migrate } from '../../app/migrations.js';
import { workRegistry } from '../../app/jobs.js';
import { createRuntime, type Runtime } from '../../app/runtime.js';
import { createAuthorizer } from '../../functions/authorizer.js';
import { createContainerizedApiHandler } from '../../functions/containerized-api.js';
import { createStandardApiHandler } from '../../functions/standard-api.js';
import type { Config } from '../../platform/config/config.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import type { Dispatcher } from '../../platform/jobs/dispatch.js';
import { startLocalWorker, type LocalWorker } from '../../platform/jobs/local-worker.js';
import type { AdministratorResult } from '../../platform/modules/module.js';
import { createEmulator, type EmulatorOptions } from './emulator.js';
import { createLocalFileServer } from './local-files.js';

/** The checkout: found upwards, as this file runs from src/gateway/local (tsx, tests) or dist/server (npm start). */
function repoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(import.meta.dirname, '../../..');
  }
}
const REPO_ROOT = repoRoot(import.meta.dirname);

export interface LocalStack {
  server: Server;
  url: string;
  runtime: Runtime;
  admin: AdministratorResult | null;
  /** The in-process job worker and scheduler (absent with `worker: false`). */
  worker: LocalWorker | null;
  close: () => Promise<void>;
}

/**
 * Everything `npm start` runs: migrations, the first administrator, and the API Gateway emulator in
 * front of the same Lambda handlers that run on AWS.
 */
export async function startLocalStack(
  config: Config,
  options: {
    database?: DatabaseHandle;
    limits?: EmulatorOptions['limits'];
    /** Run the in-process job worker and scheduler (default true; docs/adr/0012). */
    worker?: boolean | { pollMs?: number; sliceMs?: number };
    /**
     * Apply pending migrations and create the first administrator (default true). A worker of the
     * multi-process server leaves this to its primary, which did it before forking (docs/adr/0026).
     */
    migrate?: boolean;
    /** Where committed jobs go when this process runs no worker (a cluster worker: to its primary). */
    dispatcher?: Dispatcher;
  } = {},
): Promise<LocalStack> {
  const runtime = createRuntime(config, options.database);
  const db = await runtime.getDb();
  let admin: AdministratorResult | null = null;
  if (options.migrate ?? true) {
    const { administrator } = await migrate(db, {
      administrator: { email: config.MOMS_ADMIN_EMAIL, password: config.MOMS_ADMIN_PASSWORD },
    });
    admin = administrator ?? null;
  }

  // Jobs and events run here, in-process: the same claim-and-run code as the Lambda worker, woken by
  // the relay after each commit instead of SQS (docs/adr/0012).
  const workerOptions = options.worker ?? true;
  const worker = workerOptions
    ? startLocalWorker({
        getDb: runtime.getDb,
        registry: workRegistry,
        ...(typeof workerOptions === 'object' ? workerOptions : {}),
      })
    : null;
  if (worker) runtime.dispatcher = worker.dispatcher;
  else if (options.dispatcher) runtime.dispatcher = options.dispatcher;

  // The web build; until there is one, the same placeholder page a deploy publishes.
  const built = config.WEB_DIST_DIR ?? path.join(REPO_ROOT, 'web/dist');
  const webDir = existsSync(path.join(built, 'index.html')) ? built : path.join(REPO_ROOT, 'infra/placeholder-web');
  const server = createEmulator({
    functions: {
      standardApi: createStandardApiHandler(runtime),
      containerizedApi: createContainerizedApiHandler(runtime),
    },
    authorizer: createAuthorizer(runtime),
    files: createLocalFileServer(runtime.getFileStore),
    webDir: existsSync(webDir) ? webDir : undefined,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  }).catch(async (error: unknown) => {
    await worker?.stop(); // the port is taken: leave nothing running
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`,
    runtime,
    admin,
    worker,
    close: async () => {
      await worker?.stop();
      // close() waits for every open connection to end; a client's keep-alive connection busy with a
      // request would hold it forever, so in-flight requests get a few seconds, then every connection goes.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(force);
      await runtime.close();
    },
  };
}
