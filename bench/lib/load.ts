import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Options, Result } from 'autocannon';

export interface LoadGenerator {
  /** Runs autocannon in the load process and resolves with its result. */
  run: (options: Options) => Promise<Result>;
  close: () => void;
}

/**
 * Starts the load generator process (`load-child.ts`, through tsx's loader): autocannon runs there,
 * not in the process that serves the requests (issue #19: measured in one process, autocannon's CPU
 * was counted against the server).
 */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'load-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('message', () => resolve());
  });
  child.on('message', (message: { id?: number; result?: Result; error?: string }) => {
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(`load generator: ${message.error}`));
    else waiter?.resolve(message.result!);
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`load generator exited (${code})`));
    pending.clear();
  });
  return {
    run: (options) =>
      new Promise<Result>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        child.send({ id, options });
      }),
    close: () => {
      child.disconnect();
      child.kill();
    },
  };
}
