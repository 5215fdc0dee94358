/**
 * How a Lambda function is bundled, shared by the CDK app and the benchmarks so that both measure
 * and ship the same thing.
 */
export const LAMBDA_BUNDLE = {
  target: 'node22', // runs on the nodejs24.x runtime; node22 syntax keeps the bundle portable
  format: 'esm',
  minify: true,
  /** ESM output with `require` for the CommonJS dependencies. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  /**
   * The AWS SDK v3 ships with the Lambda runtime (and is imported lazily, on first use); PGlite is
   * for local use only and is never loaded on AWS.
   */
  external: ['@aws-sdk/*', '@electric-sql/pglite'],
} as const;
