import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
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

/** A run-time import of Zod (`zod`, `@hono/zod-openapi`), or of `z` from one of our files that re-exports it. */
export const ZOD_IMPORT =
  /^import (?!type )[^;]*from '(?:zod|@hono\/zod-openapi)';|^import \{[^}]*\bz\b[^}]*\} from '/m;

/**
 * `@hono/zod-openapi` adds `.openapi()` to Zod's schemas when it is evaluated, and with code splitting
 * esbuild does not keep that order across chunks (a chunk that takes only `z` from it imports Zod's
 * chunk, not `@hono/zod-openapi`'s), so a schema built at the top of a chunk could run before the
 * extension and fail. Every one of our files that imports Zod therefore imports `@hono/zod-openapi`
 * first. Only those: a cold start, whose files import no Zod (the manifests import their schemas on
 * first use, the environment is read without it), loads neither (docs/adr/0026). This replaces an
 * esbuild `inject`, which adds the import to every file, the entry included.
 */
const zodOpenApiFirst: Plugin = {
  name: 'zod-openapi-first',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!ZOD_IMPORT.test(source)) return undefined; // esbuild loads it as usual
      return { contents: `import '@hono/zod-openapi';\n${source}`, loader: 'ts' };
    });
  },
};

/**
 * Injected into an API function's bundle: its files' `Response` is the light Response
 * (src/functions/light-response.ts) without replacing the process global, whose first read would load
 * undici at import (~20–35 ms of a cold start, docs/adr/0026).
 */
const LIGHT_RESPONSE = path.join(import.meta.dirname, 'light-response-inject.ts');

/**
 * Zod's locales (its messages in 40-odd languages, 264 kB of the minified bundle, more than half of
 * Zod) are kept whole by `import { z } from 'zod'`, since `z` is a namespace holding `z.locales`, and
 * a cold start compiles them. MOMS answers in English (`en`, which Zod configures itself), so the
 * locales' index keeps only `en` (issue #19: about 25 ms less CPU at a cold start).
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * The esbuild options of a Lambda zip bundle, shared by the CDK app (infra/constructs/functions.ts,
 * through `zipBuildOptions`) and the benchmarks (bench/lib/bundle.ts): ESM split into chunks, so the
 * entry `index.mjs` and the chunks it imports statically are all a cold start reads, and each lazily
 * imported file (a module's routes, a job, a PDF renderer, a heavy library) is a chunk of its own, read
 * on first use (issue #19, docs/adr/0006). The handler is `index.handler`.
 */
export function lambdaBuildOptions(options: {
  entry: string;
  outdir: string;
  external: string[];
  /** The code uses `@hono/zod-openapi` (its files that import Zod import it first: `zodOpenApiFirst`). */
  zodOpenApi: boolean;
  /** An API function (`toApiHandler`): its `Response` is the light one (LIGHT_RESPONSE). */
  lightResponse?: boolean;
  /** Linked `.map` files (Node reads one only when a stack trace is printed with --enable-source-maps). */
  sourcemap?: boolean;
}) {
  return {
    entryPoints: [{ in: options.entry, out: 'index' }],
    bundle: true,
    platform: 'node',
    target: LAMBDA_BUNDLE.target,
    format: LAMBDA_BUNDLE.format,
    minify: LAMBDA_BUNDLE.minify,
    // A package's ES module build where it ships one (what NodejsFunction was given).
    mainFields: ['module', 'main'],
    banner: { js: LAMBDA_BUNDLE.banner },
    external: options.external,
    splitting: true,
    outdir: options.outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    inject: options.lightResponse ? [LIGHT_RESPONSE] : [],
    // Plugins: build with esbuild's async API (`infra/build-zip.ts` for the CDK app).
    plugins: [zodEnglishOnly, ...(options.zodOpenApi ? [zodOpenApiFirst] : [])],
    sourcemap: options.sourcemap ?? true,
    logLevel: 'warning',
  } satisfies BuildOptions;
}

/** The zip functions `src/functions/<file>.ts`. */
export type ZipFunction = 'standard-api' | 'authorizer' | 'migrations' | 'collectstatic';

/** The zip functions whose code reaches `@hono/zod-openapi` (infra/bundling.test.ts checks the list). */
export const ZOD_OPENAPI_FUNCTIONS: readonly ZipFunction[] = ['standard-api', 'migrations'];

/** The zip functions that answer API Gateway through `toApiHandler` (src/functions/api-handler.ts). */
export const API_FUNCTIONS: readonly ZipFunction[] = ['standard-api'];

/** How the zip function `src/functions/<fn>.ts` is bundled into `outdir` (as deployed). */
export function zipBuildOptions(fn: ZipFunction, outdir: string) {
  return lambdaBuildOptions({
    entry: path.join(import.meta.dirname, '../src/functions', `${fn}.ts`),
    outdir,
    external: externalsFor(fn),
    zodOpenApi: ZOD_OPENAPI_FUNCTIONS.includes(fn),
    lightResponse: API_FUNCTIONS.includes(fn),
  });
}

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
