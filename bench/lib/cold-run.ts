import { spawn } from 'node:child_process';
import type { ColdChildReport } from './cold-child.js';

export interface ColdVariant {
  name: string;
  bundle: string;
  event: unknown;
  env: Record<string, string>;
  /** Throws when the response is not the expected one (a fast wrong answer is no figure). */
  check: (report: ColdChildReport) => void;
}

export interface ColdSample extends ColdChildReport {
  /** Measured in the parent: spawn → the child's exit (includes process teardown). */
  wallMs: number;
}

const CHILD_TIMEOUT_MS = 30_000;

/** Spawns `node <runner> <bundle>` with only the given env (plus PATH) and returns its report. */
export function runColdChild(runner: string, variant: ColdVariant, cwd: string): Promise<ColdSample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [runner, variant.bundle], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...variant.env, BENCH_EVENT: JSON.stringify(variant.event) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      try {
        if (code !== 0) throw new Error(`exit code ${code}\n${stderr}`);
        const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ColdChildReport;
        variant.check(report);
        resolve({ ...report, wallMs });
      } catch (error) {
        reject(new Error(`${variant.name}: ${(error as Error).message}\nstdout: ${stdout.slice(0, 500)}`));
      }
    });
  });
}
