import { modules } from '../src/app/modules.js';

/**
 * How a Lambda function is bundled, shared by the CDK app and the benchmarks so that both measure
 * and ship the same thing.
 */
export const LAMBDA_BUNDLE = {
  target: 'node24', // the nodejs24.x runtime
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

/** The zip functions `src/functions/<file>.ts`. */
export type ZipFunction = 'standard-api' | 'authorizer' | 'migrations' | 'collectstatic';

/**
 * What a function's bundle leaves out besides LAMBDA_BUNDLE.external: the module code it never runs,
 * which the module manifests reach only through lazy `import()`s (esbuild would otherwise bundle every
 * dynamically imported file): demo data (and faker) everywhere, migrations in the API, routes outside
 * the API, and in `standardApi` the routes of the modules `containerizedApi` serves, so a containerized
 * module's heavy libraries never reach the zip. Each pattern is the import path as the manifests write it.
 */
export function externalsFor(fn: ZipFunction): string[] {
  const demo = '*.demo.js';
  const migrations = './migrations/index.js';
  const routesOf = (fns: string[]) =>
    modules.filter((m) => fns.includes(m.function)).map((m) => `./${m.name}.routes.js`);
  switch (fn) {
    case 'standard-api':
      return [...LAMBDA_BUNDLE.external, demo, migrations, ...routesOf(['containerizedApi'])];
    case 'migrations':
      return [...LAMBDA_BUNDLE.external, demo, ...routesOf(['standardApi', 'containerizedApi'])];
    default:
      return [...LAMBDA_BUNDLE.external, demo, migrations, ...routesOf(['standardApi', 'containerizedApi'])];
  }
}
