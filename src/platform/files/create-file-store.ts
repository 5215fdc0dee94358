import path from 'node:path';
import type { Config } from '../config/config.js';
import type { FileStore } from './file-store.js';
import { LocalFileStore, localFilesKey } from './local-file-store.js';

/**
 * The file store a process uses: S3 when `FILES_BUCKET` is set (on AWS, or against a test server
 * with `FILES_S3_ENDPOINT`), otherwise `<MOMS_DATA_DIR>/files` with URLs signed by a key derived from
 * the deployment's token-signing secret (so the local server, in the same process, can check them).
 */
export async function createFileStore(config: Config, getSigningKey: () => Promise<Uint8Array>): Promise<FileStore> {
  if (config.FILES_BUCKET) {
    const { createS3FileStore, createS3Client } = await import('./s3-file-store.js');
    return createS3FileStore({
      client: await createS3Client(config.FILES_S3_ENDPOINT),
      bucket: config.FILES_BUCKET,
      prefix: config.FILES_PREFIX,
    });
  }
  return new LocalFileStore(path.join(config.dataDir, 'files'), localFilesKey(await getSigningKey()));
}
