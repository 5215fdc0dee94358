import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');
/** The compiled local server `npm start` runs (scripts/build-server.ts builds it). */
export const SERVER_BUNDLE = path.join(REPO, 'dist/server/main.mjs');

export interface ServerProcess {
  url: string;
  /** Lines the server printed (its start banner). */
  output: string[];
  close: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Runs the compiled local server (`node dist/server/main.mjs`, as `npm start` does) in a process of its
 * own with `env`, and resolves once it prints that it is running.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run scripts/build-server.ts first`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [SERVER_BUNDLE], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output.join('\n')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (output.some((l) => l.includes('MOMS is running at'))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${output.join('\n')}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
