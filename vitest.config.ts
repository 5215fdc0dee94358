import { defineConfig } from 'vitest/config';

/**
 * Which browser tests run (ADR 0017). `all` (the default, what `npm test` runs on a laptop) or `smoke`:
 * the few that prove the web app starts and every page renders over this database. CI runs every browser
 * test once, on PostgreSQL, and only the smoke ones in its PGlite pass.
 */
const browserTests = process.env.MOMS_BROWSER_TESTS ?? 'all';
const BROWSER_SMOKE = ['web/e2e/shell.e2e.test.ts', 'web/e2e/accessibility.e2e.test.ts'];
if (browserTests !== 'all' && browserTests !== 'smoke') {
  throw new Error(`MOMS_BROWSER_TESTS must be "all" or "smoke", not "${browserTests}"`);
}

/**
 * Test files share their worker process (`isolate: false`): a file's imports are evaluated once per
 * worker instead of once per file, which halves the suite's time (ADR 0023). The few files that
 * replace a module (`vi.mock`), reset the module registry or import other test files need a fresh
 * module graph, so they run in their own project with isolation; test/lint/isolation.test.ts keeps
 * this list complete.
 */
export const ISOLATED_TEST_FILES = [
  'src/platform/jobs/dispatch.test.ts',
  'src/platform/observability/metrics.test.ts',
  'src/platform/db/data-api/finance-through-data-api.int.test.ts',
];

const include = [
  'src/**/*.test.ts',
  'test/**/*.test.ts',
  'infra/**/*.test.ts',
  'web/src/**/*.test.ts',
  ...(browserTests === 'smoke' ? BROWSER_SMOKE : ['web/e2e/**/*.e2e.test.ts']),
];

export default defineConfig({
  test: {
    // The second one builds web/dist for the e2e tests when it is missing or older than web/src.
    globalSetup: ['test/harness/global-setup.ts', 'web/e2e/global-setup.ts'],
    setupFiles: ['test/harness/light-response.setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      // Cheaper password hashing in tests (production uses 2^17); the hash records its own cost.
      AUTH_SCRYPT_LOG_N: '12',
    },
    projects: [
      { extends: true, test: { name: 'shared', include, exclude: ISOLATED_TEST_FILES, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED_TEST_FILES, isolate: true } },
    ],
  },
});
