// Bundles one container-image function inside the Docker build with the options the CDK app passes
// (BUILD_OPTIONS, from infra/bundling.ts `containerBuildOptions`): no TypeScript runner and no copy of
// the flags here. esbuild comes from its own prefix (ESBUILD), apart from the runtime dependencies.
// METAFILE (tests) writes esbuild's metafile there.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const { build } = await import(process.env.ESBUILD ?? 'esbuild');
const metafile = process.env.METAFILE;
const result = await build({ ...JSON.parse(process.env.BUILD_OPTIONS ?? ''), metafile: Boolean(metafile) });
if (metafile) writeFileSync(metafile, JSON.stringify(result.metafile));
