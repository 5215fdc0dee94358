import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
  /** What the child wrote to stderr. */
  stderr: string;
}

const CHILD_TIMEOUT_MS = 30_000;

/**
 * Spawns `node [nodeArgs] <runner> <bundle>` with only the variant's env (plus PATH and `extraEnv`) and
 * returns its report.
 */
export function runColdChild(
  runner: string,
  variant: ColdVariant,
  cwd: string,
  options: { nodeArgs?: string[]; extraEnv?: Record<string, string> } = {},
): Promise<ColdSample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), runner, variant.bundle], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        ...variant.env,
        ...options.extraEnv,
        BENCH_EVENT: JSON.stringify(variant.event),
      },
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
        resolve({ ...report, wallMs, stderr });
      } catch (error) {
        reject(new Error(`${variant.name}: ${(error as Error).message}\nstdout: ${stdout.slice(0, 500)}`));
      }
    });
  });
}

/**
 * What one cold start of `variant` reads of its bundle: the files under the bundle's folder that Node
 * loads as modules before the child exits (recorded by `load-trace.mjs`), and their size. Run apart
 * from the timed samples (the hook slows loading).
 */
export async function bytesRead(
  runner: string,
  variant: ColdVariant,
  cwd: string,
): Promise<{ files: number; bytes: number }> {
  const trace = pathToFileURL(path.join(import.meta.dirname, 'load-trace.mjs')).href;
  const { stderr } = await runColdChild(runner, variant, cwd, {
    nodeArgs: ['--import', trace],
    extraEnv: { BENCH_TRACE_DIR: path.dirname(variant.bundle) },
  });
  const found = /BENCH_TRACE (\d+) (\d+)/.exec(stderr);
  if (!found) throw new Error(`${variant.name}: no trace\n${stderr.slice(0, 500)}`);
  return { files: Number(found[1]), bytes: Number(found[2]) };
}
