import { statSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLE } from '../../infra/bundling.js';

/** The esbuild options a Lambda bundle gets here (ESM, with `require` for the CommonJS dependencies). */
export const LAMBDA_BUILD = {
  platform: 'node',
  target: LAMBDA_BUNDLE.target,
  format: LAMBDA_BUNDLE.format,
  bundle: true,
  minify: LAMBDA_BUNDLE.minify,
  banner: { js: LAMBDA_BUNDLE.banner },
  logLevel: 'warning',
  metafile: true,
} as const;

export interface Bundle {
  file: string;
  bytes: number;
  external: string[];
  /** The source files in it (paths relative to the repository). */
  inputs: string[];
  /** Bytes in the output per npm package (or `src`/`bench`), largest first. */
  composition: { name: string; bytes: number }[];
}

export async function bundleLambda(entry: string, outDir: string, external: string[] = []): Promise<Bundle> {
  const file = path.join(outDir, `${path.basename(entry).replace(/\.ts$/, '')}.mjs`);
  const { metafile } = await build({ ...LAMBDA_BUILD, entryPoints: [entry], outfile: file, external });
  return {
    file,
    bytes: statSync(file).size,
    external,
    inputs: Object.keys(metafile.inputs),
    composition: composition(metafile),
  };
}

function composition(metafile: Metafile): Bundle['composition'] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const name = match?.[1] ?? input.split('/')[0] ?? input;
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
