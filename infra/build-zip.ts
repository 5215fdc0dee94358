// Bundles one zip function into a folder: `node --import tsx infra/build-zip.ts <function> <outdir>`.
// The CDK app runs it from `MomsFunctions.zip()` (infra/constructs/functions.ts): the options hold an
// esbuild plugin, which only esbuild's async API runs, and CDK's local bundling is synchronous.
import { build } from 'esbuild';
import { zipBuildOptions, type ZipFunction } from './bundling.js';

const ZIP_FUNCTIONS: readonly ZipFunction[] = ['standard-api', 'authorizer', 'migrations', 'collectstatic'];
const [fn, outdir] = process.argv.slice(2);
if (!ZIP_FUNCTIONS.includes(fn as ZipFunction) || !outdir)
  throw new Error('usage: build-zip.ts <standard-api|authorizer|migrations|collectstatic> <outdir>');
await build(zipBuildOptions(fn as ZipFunction, outdir));
