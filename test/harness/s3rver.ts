import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * s3rver runs in a child process, because it signs ListObjectsV2 continuation tokens with DES-CBC,
 * which OpenSSL 3 (Node >= 17) only offers through its legacy provider: in the test's own process
 * every truncated listing (pagination) fails with a 500 InternalError.
 */
const S3RVER_BIN = createRequire(import.meta.url).resolve('s3rver/bin/s3rver.js');

export async function startS3rver(
  directory: string,
  buckets: string[],
): Promise<{ child: ChildProcess; port: number }> {
  const flags = ['--directory', directory, '--address', '127.0.0.1', '--port', '0', '--silent'];
  const bucketFlags = buckets.flatMap((name) => ['--configure-bucket', name]);
  const child = spawn(process.execPath, ['--openssl-legacy-provider', S3RVER_BIN, ...flags, ...bucketFlags], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (listening) resolve({ child, port: Number(listening[1]) });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before listening:\n${output}`)));
  });
}

/** An S3 client for s3rver's one built-in account (key pair S3RVER/S3RVER). */
export function s3rverClient(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}
