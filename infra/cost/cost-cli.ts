import { run } from './cli.js';

/** `npm run cost -- --stage prod --requests-per-month 2000000`: the monthly cost estimate (see cli.ts, estimate.ts). */
process.exitCode = run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
