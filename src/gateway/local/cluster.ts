import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { migrate } from '../../app/migrations.js';
import { workRegistry } from '../../app/jobs.js';
import { createRuntime } from '../../app/runtime.js';
import type { Config } from '../../platform/config/config.js';
import type { Dispatcher, JobMessage } from '../../platform/jobs/dispatch.js';
import { startLocalWorker } from '../../platform/jobs/local-worker.js';
import type { AdministratorResult } from '../../platform/modules/module.js';

/**
 * `npm start` on all cores (issue #19, docs/adr/0026): on PostgreSQL the primary process applies the
 * migrations, creates the first administrator and runs the background work (job worker and
 * schedules: in one process only), then forks MOMS_WORKERS HTTP workers (node:cluster) that share the
 * port and serve requests. A worker hands the jobs its requests commit to the primary over IPC, as the
 * single-process server hands them to its in-process worker. PGlite is one process (one embedded database).
 */

/** Per-process pool on PostgreSQL when DB_POOL_MAX is not set: 10, fewer when many workers share the server. */
export function localPoolMax(workers: number): number {
  return Math.max(2, Math.min(10, Math.floor(60 / workers)));
}

/** MOMS_WORKERS (default: the number of cores); an error message for anything but a whole number 1–256. */
export function workerCount(value: string | undefined): number | { error: string } {
  if (value === undefined || value.trim() === '') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    return { error: `MOMS_WORKERS must be a whole number from 1 to 256, not "${value}"` };
  return n;
}

interface DispatchMessage {
  type: 'moms:dispatch';
  messages: { message: JobMessage; delaySeconds: number }[];
}
interface ReadyMessage {
  type: 'moms:ready';
  url: string;
}

/** A cluster worker's dispatcher: the primary's job worker gets the messages. */
export function primaryDispatcher(): Dispatcher {
  return {
    dispatch: (messages) =>
      new Promise<void>((resolve, reject) => {
        if (!process.send) return reject(new Error('not a cluster worker'));
        const note: DispatchMessage = { type: 'moms:dispatch', messages: [...messages] };
        process.send(note, undefined, {}, (error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Tells the primary this worker is listening. */
export function reportReady(url: string): void {
  const note: ReadyMessage = { type: 'moms:ready', url };
  process.send?.(note);
}

export interface Primary {
  url: string;
  admin: AdministratorResult | null;
  close: () => Promise<void>;
}

/** The primary: migrations, the administrator, background work, then `workers` HTTP workers. */
export async function startPrimary(config: Config, workers: number): Promise<Primary> {
  const runtime = createRuntime(config);
  const db = await runtime.getDb();
  const { administrator } = await migrate(db, {
    administrator: { email: config.MOMS_ADMIN_EMAIL, password: config.MOMS_ADMIN_PASSWORD },
  });
  const jobs = startLocalWorker({ getDb: runtime.getDb, registry: workRegistry });
  let stopping = false;
  let started = false;
  const onMessage = (from: Worker, message: unknown) => {
    const note = message as DispatchMessage | ReadyMessage | undefined;
    if (note?.type !== 'moms:dispatch') return;
    jobs.dispatcher.dispatch(note.messages).catch((error: unknown) => {
      console.error(`MOMS: worker ${from.id}'s jobs wait for the sweeper: ${(error as Error).message}`);
    });
  };
  cluster.on('message', onMessage);

  const fork = () => cluster.fork({ MOMS_CLUSTER_WORKER: '1' });
  const url = await new Promise<string>((resolve, reject) => {
    let ready = 0;
    cluster.on('message', (_worker, message: unknown) => {
      const note = message as ReadyMessage | undefined;
      if (note?.type === 'moms:ready' && ++ready === workers) {
        started = true;
        resolve(note.url);
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      // Exit 0: a worker that shut down on a signal (Ctrl-C reaches every process of the group).
      if (stopping || code === 0) return;
      if (!started) return reject(new Error(`a worker could not start (exit ${code ?? signal})`));
      console.error(`MOMS: worker ${worker.id} exited (${code ?? signal}); starting another`);
      fork();
    });
    for (let i = 0; i < workers; i++) fork();
  }).catch(async (error: unknown) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    await jobs.stop();
    await runtime.close();
    throw error;
  });

  return {
    url,
    admin: administrator ?? null,
    close: async () => {
      stopping = true;
      const exits = Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (!worker || worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      );
      await Promise.all(exits);
      cluster.off('message', onMessage);
      await jobs.stop();
      await runtime.close();
    },
  };
}
