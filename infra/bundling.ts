import { readFileSync } from 'node:fs';
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
 * the API, and in `standardApi` the routes and the background code (`./<name>.work.js`, which the worker
 * runs) of the modules `containerizedApi` serves, so a containerized module's heavy libraries never reach
 * the zip. Each pattern is the import path as the manifests write it.
 */
/** The container-image functions, `src/functions/<file>.ts`, built by infra/docker/Dockerfile. */
export type ContainerFunction = 'containerized-api' | 'worker';

export type BundledFunction = ZipFunction | ContainerFunction;

export function externalsFor(fn: BundledFunction): string[] {
  const demo = '*.demo.js';
  const migrations = './migrations/index.js';
  // Record visibility checks for attachments (`*.attachments.js`, docs/files.md): only the API functions run them.
  const attachments = '*.attachments.js';
  const routesOf = (fns: string[]) =>
    modules.filter((m) => fns.includes(m.function)).map((m) => `./${m.name}.routes.js`);
  switch (fn) {
    case 'standard-api':
      return [
        ...LAMBDA_BUNDLE.external,
        demo,
        migrations,
        ...routesOf(['containerizedApi']),
        // A containerized module's background code (its jobs and subscribers run on the worker).
        ...modules.filter((m) => m.function === 'containerizedApi').map((m) => `./${m.name}.work.js`),
      ];
    case 'containerized-api':
      return [...LAMBDA_BUNDLE.external, demo, migrations, ...routesOf(['standardApi'])];
    case 'migrations':
      return [...LAMBDA_BUNDLE.external, demo, attachments, ...routesOf(['standardApi', 'containerizedApi'])];
    default:
      return [
        ...LAMBDA_BUNDLE.external,
        demo,
        migrations,
        attachments,
        ...routesOf(['standardApi', 'containerizedApi']),
      ];
  }
}

/**
 * The esbuild options of a container-image function, as JSON for infra/docker/bundle.mjs: the Docker
 * build gets them as a build argument, so the image is bundled exactly as a zip function is — one
 * source for target, format, banner and externals (issue #20: the Dockerfile repeated them by hand).
 */
export function containerBuildOptions(fn: ContainerFunction): string {
  return JSON.stringify({
    entryPoints: [`src/functions/${fn}.ts`],
    bundle: true,
    platform: 'node',
    target: LAMBDA_BUNDLE.target,
    format: LAMBDA_BUNDLE.format,
    minify: LAMBDA_BUNDLE.minify,
    sourcemap: true,
    banner: { js: LAMBDA_BUNDLE.banner },
    external: externalsFor(fn),
    outExtension: { '.js': '.mjs' },
    outdir: 'dist',
    logLevel: 'warning',
  });
}

/** The esbuild version the repository locks (the Docker build installs the same one). */
export function esbuildVersion(): string {
  const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const version = lock.packages['node_modules/esbuild']?.version;
  if (!version) throw new Error('package-lock.json has no esbuild');
  return version;
}
