import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, onPostgres } from '../../../test/harness/test-db.js';
import { TEST_JWT_SECRET } from '../../../test/harness/test-app.js';

/**
 * `npm start`'s process model (docs/adr/0026), through the real entry point (main.ts, as `npm run dev`
 * runs it): on PostgreSQL a primary and MOMS_WORKERS HTTP workers behind one port, the jobs requests
 * commit run by the primary, all of it gone after SIGTERM; on PGlite one process whatever MOMS_WORKERS says.
 */
const MAIN = path.join(import.meta.dirname, 'main.ts');
const ADMIN = { email: 'cluster-admin@moms.local', password: 'cluster-password-2026' };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function start(env: Record<string, string>) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'moms-cluster-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MOMS_DATA_DIR: dataDir,
      MOMS_ADMIN_EMAIL: ADMIN.email,
      MOMS_ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: TEST_JWT_SECRET,
      WEB_DIST_DIR: path.join(dataDir, 'no-web'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('MOMS is running at')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`exited (${code}): ${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

describe.skipIf(!onPostgres)('npm start on PostgreSQL', () => {
  it('serves from MOMS_WORKERS worker processes behind one port, runs committed jobs in the primary, and stops them all on SIGTERM', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    await database.db.destroy(); // the server connects by itself
    const server = await start({ DATABASE_URL: database.url!, MOMS_WORKERS: '2' });
    expect(server.output()).toContain('2 worker processes (node:cluster, MOMS_WORKERS)');

    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    // Requests land on different workers; each answers.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`${server.url}/api/v1/auth/me`, { headers: auth })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));

    // A job a worker's request commits is run (by the primary's job worker).
    const started = await fetch(`${server.url}/api/v1/crm/exports`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ list: 'contacts', filter: {} }),
    });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    let status = '';
    for (let i = 0; i < 100 && status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const job = await fetch(`${server.url}/api/v1/jobs/${jobId}`, { headers: auth });
      status = ((await job.json()) as { status: string }).status;
    }
    expect(status).toBe('succeeded');

    const pids = await workerPids(server.child.pid!);
    expect(pids).toHaveLength(2);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  }, 180_000);
});

describe.skipIf(onPostgres)('npm start on PGlite', () => {
  it('stays one process whatever MOMS_WORKERS says, and says so', async () => {
    const server = await start({ MOMS_WORKERS: '4' });
    expect(server.output()).toContain('one process: the embedded database (PGlite) lives in one process');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await workerPids(server.child.pid!)).toEqual([]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 180_000);
});

/** The child processes of `pid` running main.ts (Linux: /proc; tsx's esbuild service is a child too). */
async function workerPids(pid: number): Promise<number[]> {
  const { readFile, readdir } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (ppid === pid && command.includes(MAIN)) pids.push(Number(entry));
  }
  return pids;
}
