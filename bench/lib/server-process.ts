import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');
/** The compiled local server `npm start` runs (scripts/build-server.ts builds it). */
export const SERVER_BUNDLE = path.join(REPO, 'dist/server/main.mjs');

export interface ServerProcess {
  url: string;
  /** Lines the server printed (its start banner). */
  output: string[];
  /** CPU time (user + system, ms) the server's processes (it and its workers) have used so far. */
  cpuMs: () => number;
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
  // BENCH_SERVER_ARGS: node options for the server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, SERVER_BUNDLE], {
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
    cpuMs: () => processTreeCpuMs(child.pid!),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Linux clock ticks per second (`getconf CLK_TCK`: 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

/** User + system CPU ms of a process and, recursively, its children (from /proc; 0 where it is gone). */
function processTreeCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    return own + children.reduce((sum, child) => sum + processTreeCpuMs(child), 0);
  } catch {
    return 0;
  }
}
