import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATED_TEST_FILES } from '../../vitest.config.js';

const root = path.resolve(import.meta.dirname, '../..');
const folders = ['src', 'test', 'infra', 'web/src', 'web/e2e'];

function testFiles(): string[] {
  return folders.flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts') && !f.split(path.sep).includes('node_modules'))
      .map((f) => path.posix.join(folder, f.split(path.sep).join('/'))),
  );
}

/**
 * What a test file shares with the files after it in its worker (vitest.config.ts runs them with
 * `isolate: false`): a replaced module (`vi.mock`, `vi.doMock`), a reset module registry, or another
 * test file imported (whose tests register only on its first import in a process).
 */
const needsFreshModules = /\bvi\.(mock|doMock|resetModules)\(|import\([^)]*\.test\.js['"]\)|from '[^']*\.test\.js'/;
/** Process-wide state a file must put back itself (a global, the timers). */
const stubsGlobals = /\bvi\.stubGlobal\(/;
const fakesTimers = /\bvi\.useFakeTimers\(/;

describe('test isolation (ADR 0023)', () => {
  const files = testFiles();
  const source = (f: string) => readFileSync(path.join(root, f), 'utf8');

  it('a file that replaces modules or imports other test files runs in the isolated project, and that list names real files', () => {
    expect(files.length).toBeGreaterThan(100);
    const needing = files.filter((f) => f !== 'test/lint/isolation.test.ts' && needsFreshModules.test(source(f)));
    expect(needing.filter((f) => !ISOLATED_TEST_FILES.includes(f))).toEqual([]);
    expect(ISOLATED_TEST_FILES.filter((f) => !files.includes(f))).toEqual([]);
  });

  it('a shared file that stubs a global or fakes the timers puts them back', () => {
    const shared = files.filter((f) => !ISOLATED_TEST_FILES.includes(f) && f !== 'test/lint/isolation.test.ts');
    const leaking = shared.filter((f) => {
      const text = source(f);
      return (
        (stubsGlobals.test(text) && !/vi\.unstubAllGlobals\(/.test(text)) ||
        (fakesTimers.test(text) && !/vi\.useRealTimers\(/.test(text))
      );
    });
    expect(leaking).toEqual([]);
  });
});
