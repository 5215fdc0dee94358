import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { logger } from '../platform/observability/logger.js';
import { collectStatic, type CollectStaticReport } from '../platform/static-assets/collect-static.js';

export interface CollectStaticDeps {
  client: S3Client;
  env: NodeJS.ProcessEnv;
}

/** The web build is bundled beside the function's code, in a `web` folder. */
const bundledWebDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web');

/**
 * `collectstatic`: uploads the bundled web build to `STATIC_BUCKET` (under `STATIC_PREFIX`), with the
 * same Content-Type and Cache-Control the local emulator serves, and removes files no longer in it.
 * Run on each deploy; `{ "dryRun": true }` reports without changing anything.
 */
export function createCollectStaticHandler({ client, env }: CollectStaticDeps) {
  return async (event?: { dryRun?: boolean } | null): Promise<CollectStaticReport> => {
    const bucket = env.STATIC_BUCKET;
    if (!bucket) throw new Error('collectstatic: STATIC_BUCKET is not set');
    const report = await collectStatic({
      client,
      bucket,
      prefix: env.STATIC_PREFIX,
      sourceDir: env.WEB_DIST_DIR || bundledWebDir,
      dryRun: event?.dryRun === true,
    });
    logger.info('collectstatic done', {
      bucket,
      uploaded: report.uploaded.length,
      unchanged: report.unchanged.length,
      deleted: report.deleted.length,
    });
    return report;
  };
}

/** One S3 client per container; region and credentials come from the Lambda environment. */
export const handler = createCollectStaticHandler({ client: new S3Client({}), env: process.env });
