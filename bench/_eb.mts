import { build } from 'esbuild';
for (const external of [
  [],
  ['./migrations/index.js', '*.demo.js'],
  ['./migrations/index.js', './auth.demo.js', './crm.demo.js', './hr.demo.js', './finance.demo.js'],
]) {
  const r = await build({
    entryPoints: ['src/functions/standard-api.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    outfile: '/tmp/eb/out.mjs',
    metafile: true,
    external: ['@aws-sdk/*', '@electric-sql/pglite', ...external],
    logLevel: 'error',
  });
  const inputs = Object.keys(r.metafile.inputs);
  const out = Object.values(r.metafile.outputs)[0]!;
  console.log(
    JSON.stringify(external),
    'bytes',
    out.bytes,
    'migr',
    inputs.filter((i) => i.includes('/migrations/')).length,
    'demo',
    inputs.filter((i) => i.includes('demo')).length,
    'faker',
    inputs.filter((i) => i.includes('faker')).length,
  );
}
