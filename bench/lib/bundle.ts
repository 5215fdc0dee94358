import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { lambdaBuildOptions } from '../../infra/bundling.js';

export interface Bundle {
  /** The entry, `<dir>/index.mjs` (what the handler `index.handler` names). */
  file: string;
  /** Every output file (the entry and its chunks, no source maps): what the zip ships. */
  bytes: number;
  files: number;
  /**
   * The entry and the chunks it imports statically, transitively: what a cold start reads, parses and
   * evaluates before the first event (chunks imported with `import()` are read on first use).
   */
  startup: { bytes: number; files: number; inputs: string[]; composition: { name: string; bytes: number }[] };
  external: string[];
  /** The source files in it (paths relative to the repository). */
  inputs: string[];
  /** Bytes in the output per npm package (or `src`/`bench`), largest first. */
  composition: { name: string; bytes: number }[];
}

/**
 * Bundles a Lambda entry as the CDK app does (infra/bundling.ts `lambdaBuildOptions`: ESM split into
 * chunks), into a folder of its own under `outDir`, without source maps (Node does not read them at
 * start). `zodOpenApi`, `lightResponse`: as `ZOD_OPENAPI_FUNCTIONS` and `API_FUNCTIONS` say for the function.
 */
export async function bundleLambda(
  entry: string,
  outDir: string,
  options: { external?: string[]; zodOpenApi?: boolean; lightResponse?: boolean } = {},
): Promise<Bundle> {
  const external = options.external ?? [];
  const dir = path.join(outDir, path.basename(entry).replace(/\.ts$/, ''));
  const { metafile } = await build({
    ...lambdaBuildOptions({
      entry,
      outdir: dir,
      external,
      zodOpenApi: options.zodOpenApi ?? false,
      lightResponse: options.lightResponse ?? false,
      sourcemap: false,
    }),
    metafile: true,
  });
  const outputs = Object.entries(metafile.outputs);
  const file = path.resolve(dir, 'index.mjs');
  const [entryOutput] = outputs.find(([output]) => path.resolve(output) === file) ?? [];
  if (!entryOutput) throw new Error(`esbuild wrote no ${file}`);
  const startup = staticClosure(metafile, entryOutput);
  return {
    file,
    bytes: outputs.reduce((n, [, o]) => n + o.bytes, 0),
    files: outputs.length,
    startup: {
      bytes: [...startup].reduce((n, o) => n + metafile.outputs[o]!.bytes, 0),
      files: startup.size,
      inputs: [...startup].flatMap((o) => Object.keys(metafile.outputs[o]!.inputs)),
      composition: composition(metafile, startup),
    },
    external,
    inputs: Object.keys(metafile.inputs),
    composition: composition(metafile, new Set(Object.keys(metafile.outputs))),
  };
}

/** The output files `entry` imports with static `import` statements, transitively (and itself). */
function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of metafile.outputs[file]?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) pending.push(i.path);
  }
  return seen;
}

function composition(metafile: Metafile, outputs: Set<string>): Bundle['composition'] {
  const totals = new Map<string, number>();
  for (const output of outputs) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[output]!.inputs)) {
      const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const name = match?.[1] ?? input.split('/')[0] ?? input;
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
