import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { httpApiEvent } from '../bench/lib/lambda-event.js';
import { bundleLambda } from '../bench/lib/bundle.js';
import { modules } from '../src/app/modules.js';
import {
  API_FUNCTIONS,
  containerBuildOptions,
  externalsFor,
  lambdaBuildOptions,
  ZOD_IMPORT,
  ZOD_OPENAPI_FUNCTIONS,
  type BundledFunction,
  type ZipFunction,
} from './bundling.js';
import { stages } from './config/stages.js';
import { MomsFunctions } from './constructs/functions.js';
import { Network } from './constructs/network.js';

const out = mkdtempSync(path.join(tmpdir(), 'moms-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** A function's bundle as the CDK app builds it (split into chunks), without source maps. */
const bundleOf = (fn: BundledFunction) =>
  bundleLambda(`src/functions/${fn}.ts`, out, {
    external: externalsFor(fn),
    zodOpenApi: fn === 'worker' || fn === 'containerized-api' || ZOD_OPENAPI_FUNCTIONS.includes(fn),
    lightResponse: (API_FUNCTIONS as readonly BundledFunction[]).includes(fn),
  });

describe('the standardApi zip bundle (as deployed: infra/bundling.ts)', () => {
  it('leaves out demo data, faker, migrations and containerized routes, and still answers', async () => {
    const bundle = await bundleOf('standard-api');
    const inputs = bundle.inputs;
    expect(inputs.filter((i) => /\.demo\.ts$|\/migrations\/|@faker-js/.test(i))).toEqual([]);
    for (const m of modules.filter((x) => x.function === 'containerizedApi'))
      // Its manifest, and the schemas the manifest imports on first use (a job or event other modules may use).
      expect(
        inputs.filter(
          (i) => i.includes(`/modules/${m.name}/`) && !new RegExp(`${m.name}\\.module(\\.schemas)?\\.ts$`).test(i),
        ),
      ).toEqual([]);
    // Every standard module's routes are in it.
    for (const m of modules.filter((x) => x.function === 'standardApi' && x.routes))
      expect(
        inputs.some((i) => /\.routes\.ts$/.test(i) && i.includes(`/${m.name}/`)),
        m.name,
      ).toBe(true);

    // Code splitting (docs/adr/0006): a cold start reads the entry and its static imports, which hold
    // no module's routes and none of the heavy libraries a route loads on first use.
    expect(bundle.files).toBeGreaterThan(10);
    expect(
      bundle.startup.inputs.filter((i) => /\.routes\.ts$|pdf-lib|exceljs|jsonata|fast-xml-parser/.test(i)),
    ).toEqual([]);
    expect(bundle.startup.bytes).toBeLessThan(bundle.bytes / 2);
    // Nor Zod (beyond `zod/mini`, which reads the environment) or the OpenAPI router (docs/adr/0026):
    // the manifests import their schemas on first use. A file listed here imports Zod at run time.
    expect(
      bundle.startup.inputs.filter((i) => !i.includes('node_modules') && ZOD_IMPORT.test(readFileSync(i, 'utf8'))),
    ).toEqual([]);
    expect(
      bundle.startup.inputs.filter((i) =>
        /node_modules\/(zod\/v4\/classic|@hono\/zod-openapi|@asteasolutions)\//.test(i),
      ),
    ).toEqual([]);
    // Zod's messages in English only (infra/bundling.ts, zodEnglishOnly).
    const locales = inputs.filter((i) => i.includes('node_modules/zod/v4/locales/'));
    expect(locales.map((i) => i.split('/').at(-1)).sort()).toEqual(['en.js', 'index.js']);

    // A fresh Node process imports the bundle and answers health and the API document.
    const driver = path.join(out, 'drive.mjs');
    writeFileSync(
      driver,
      `const { handler } = await import(${JSON.stringify(bundle.file)});
       const events = JSON.parse(process.argv[2]);
       const answers = [];
       for (const e of events) {
         const r = await handler(e);
         const undici = process.moduleLoadList.some((m) => m.includes('undici'));
         answers.push([r.statusCode, Object.keys(JSON.parse(r.body).paths ?? {}).length > 0, undici]);
       }
       console.log(JSON.stringify(answers));`,
    );
    const events = [
      httpApiEvent('GET', '/api/health', { routeKey: 'GET /api/health' }),
      httpApiEvent('GET', '/api/openapi.json', { routeKey: 'GET /api/openapi.json' }),
    ];
    const answer = execFileSync(process.execPath, [driver, JSON.stringify(events)], {
      env: {
        ...process.env,
        MOMS_DATA_DIR: out,
        JWT_SECRET: 'bundle-test-secret-bundle-test-secret-0123',
        LOG_LEVEL: 'silent',
      },
      encoding: 'utf8',
    });
    // The OpenAPI document loads every module's routes (and needs no database). Neither answer loads
    // undici: the bundle's `Response` is the light one, injected (docs/adr/0026).
    expect(JSON.parse(answer.trim().split('\n').at(-1)!)).toEqual([
      [200, false, false],
      [200, true, false],
    ]);
  }, 60_000);

  it('the worker carries the job runner but no routes, migrations or demo data, and answers an SQS event', async () => {
    const bundle = await bundleOf('worker');
    expect(bundle.inputs.filter((i) => /\.routes\.ts$|\.demo\.ts$|\/migrations\/|@faker-js/.test(i))).toEqual([]);
    expect(bundle.inputs.some((i) => i.endsWith('src/platform/jobs/job-runner.ts'))).toBe(true);
    const driver = path.join(out, 'drive-worker.mjs');
    writeFileSync(
      driver,
      `const { handler } = await import(${JSON.stringify(bundle.file)});
       const event = { Records: [{ messageId: 'm1', receiptHandle: 'r', body: 'not a job', attributes: {},
         messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:eu-west-1:1:q', awsRegion: 'eu-west-1' }] };
       console.log(JSON.stringify(await handler(event, { getRemainingTimeInMillis: () => 900000 })));`,
    );
    const answer = execFileSync(process.execPath, [driver], {
      env: { ...process.env, MOMS_DATA_DIR: out, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(JSON.parse(answer.trim().split('\n').at(-1)!)).toEqual({ batchItemFailures: [] });
  }, 60_000);

  it('the migrations function carries every migration, and neither routes nor demo data', async () => {
    const bundle = await bundleOf('migrations');
    const migrationFiles = bundle.inputs.filter((i) => /\/migrations\/\d{4}-.*\.ts$/.test(i));
    expect(migrationFiles.length).toBeGreaterThan(10);
    expect(bundle.inputs.filter((i) => /\.routes\.ts$|\.demo\.ts$|@faker-js/.test(i))).toEqual([]);
  }, 60_000);

  it('builds each container image with the deployed options, from runtime dependencies only (issue #20)', () => {
    // package-lock.json marks `dev` what only the devDependencies need: `npm ci --omit=dev` leaves it out.
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    for (const fn of ['containerized-api', 'worker'] as const) {
      const options = JSON.parse(containerBuildOptions(fn)) as { external: string[] };
      expect(options.external).toEqual(externalsFor(fn));
      // What the Docker build runs, with these options (outdir moved here).
      const outdir = path.join(out, `image-${fn}`);
      const metafile = path.join(out, `image-${fn}.json`);
      execFileSync(process.execPath, ['infra/docker/bundle.mjs'], {
        env: { ...process.env, BUILD_OPTIONS: JSON.stringify({ ...options, outdir }), METAFILE: metafile },
      });
      expect(existsSync(path.join(outdir, `${fn}.mjs`))).toBe(true);
      const inputs = Object.keys((JSON.parse(readFileSync(metafile, 'utf8')) as { inputs: object }).inputs);
      const devOnly = [
        ...new Set(inputs.map((i) => i.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)/)?.[1]).filter((p) => !!p)),
      ].filter((p) => lock.packages[p!]?.dev === true);
      expect(devOnly, fn).toEqual([]);
      expect(inputs.some((i) => i.endsWith(`src/functions/${fn}.ts`))).toBe(true);
      // The image serves its modules: each containerizedApi module's routes are in it (analytics, …).
      if (fn === 'containerized-api')
        for (const m of modules.filter((x) => x.function === 'containerizedApi' && x.routes))
          expect(
            inputs.some((i) => i.endsWith(`/modules/${m.name}/${m.name}.routes.ts`)),
            m.name,
          ).toBe(true);
    }
  }, 120_000);
  it('injects @hono/zod-openapi into exactly the zip functions whose code reaches it', async () => {
    const zips: ZipFunction[] = ['standard-api', 'authorizer', 'migrations', 'collectstatic'];
    const reaching: ZipFunction[] = [];
    for (const fn of zips) {
      const options = lambdaBuildOptions({
        entry: `src/functions/${fn}.ts`,
        outdir: path.join(out, `probe-${fn}`),
        external: externalsFor(fn),
        zodOpenApi: false,
      });
      const { metafile } = await build({ ...options, minify: false, write: false, metafile: true });
      if (Object.keys(metafile.inputs).some((i) => i.includes('node_modules/@hono/zod-openapi/'))) reaching.push(fn);
    }
    expect(reaching).toEqual([...ZOD_OPENAPI_FUNCTIONS]);
  }, 60_000);

  it('the CDK app ships the standardApi zip as the entry index.mjs and its chunks', () => {
    const app = new App({ outdir: path.join(out, 'cdk.out') });
    const stack = new Stack(app, 'ZipOnly');
    const stage = stages.dev;
    const fns = new MomsFunctions(stack, 'Functions', { stage, network: new Network(stack, 'Network', { stage }) });
    fns.zip('standardApi', 'standard-api', { description: 'test', timeout: Duration.seconds(29), inVpc: false });
    const assembly = app.synth();
    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')) as {
      Properties: { Handler: string; Runtime: string; Code: { S3Key: string } };
    }[];
    expect(fn!.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs24.x' });
    const asset = path.join(assembly.directory, `asset.${fn!.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const files = readdirSync(asset, { recursive: true, encoding: 'utf8' });
    expect(files).toContain('index.mjs');
    expect(files).toContain('index.mjs.map');
    expect(files.filter((f) => /^chunks\/.+\.mjs$/.test(f)).length).toBeGreaterThan(10);
  }, 120_000);
});
