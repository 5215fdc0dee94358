import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { collectStatic } from '../platform/static-assets/collect-static.js';

const USAGE =
  'usage: npm run collectstatic -- --bucket NAME [--prefix P] [--dir web/dist] [--dry-run] [--endpoint URL]';

/** `npm run collectstatic`: uploads the web build to S3 (or any S3-compatible endpoint) and prints the report. */
let args;
try {
  args = parseArgs({
    options: {
      bucket: { type: 'string' },
      prefix: { type: 'string' },
      dir: { type: 'string', default: 'web/dist' },
      'dry-run': { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help || !args.bucket) {
  console.error(args.help ? USAGE : `--bucket is required\n${USAGE}`);
  process.exit(args.help ? 0 : 2);
}

// A custom endpoint (MinIO, s3rver, LocalStack) usually wants path-style URLs and may have no region set.
const client = new S3Client(
  args.endpoint
    ? {
        endpoint: args.endpoint,
        forcePathStyle: true,
        region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      }
    : {},
);
try {
  const report = await collectStatic({
    client,
    bucket: args.bucket,
    prefix: args.prefix,
    sourceDir: args.dir,
    dryRun: args['dry-run'],
  });
  console.log(JSON.stringify({ dryRun: args['dry-run'], ...report }, null, 2));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  client.destroy();
}
