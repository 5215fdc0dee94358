import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'test/**/*.test.ts',
      'infra/**/*.test.ts',
      'web/src/**/*.test.ts',
      'web/e2e/**/*.e2e.test.ts',
    ],
    // The second one builds web/dist for the e2e tests when it is missing or older than web/src.
    globalSetup: ['test/harness/global-setup.ts', 'web/e2e/global-setup.ts'],
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
  },
});
