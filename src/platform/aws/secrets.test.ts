import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { originVerifySecret } from '../auth/origin-verify.js';
import { loadSigningKey } from '../auth/signing-key.js';
import { getSecretString, resetSecretCache } from './secrets.js';
import { databaseUrlFromSecret } from '../db/db-secret.js';

/**
 * A local endpoint speaking Secrets Manager's JSON protocol (POST, X-Amz-Target:
 * secretsmanager.GetSecretValue), so the real SDK client is exercised, offline.
 */
const secrets = new Map<string, string>([
  [
    'arn:aws:secretsmanager:eu-west-1:1:secret:db',
    JSON.stringify({ host: 'db.cluster.local', port: 5432, username: 'moms', password: 'p@ss:w/rd', dbname: 'moms' }),
  ],
  ['arn:aws:secretsmanager:eu-west-1:1:secret:jwt', JSON.stringify({ key: 'k'.repeat(48) })],
  ['arn:aws:secretsmanager:eu-west-1:1:secret:origin', 'o'.repeat(48)],
]);
const calls: string[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      calls.push(`${String(target)} ${SecretId}`);
      const value = secrets.get(SecretId);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'secretsmanager.GetSecretValue' || !value) {
        res.statusCode = 400;
        res.end(
          JSON.stringify({
            __type: 'ResourceNotFoundException',
            message: "Secrets Manager can't find the specified secret.",
          }),
        );
        return;
      }
      res.end(JSON.stringify({ ARN: SecretId, Name: SecretId.split(':').pop(), SecretString: value, VersionId: 'v1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  calls.length = 0;
  resetSecretCache(
    new SecretsManagerClient({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    }),
  );
});

describe('credentials from Secrets Manager', () => {
  it('builds a TLS connection string from an RDS secret, escaping the password', async () => {
    const url = await databaseUrlFromSecret('arn:aws:secretsmanager:eu-west-1:1:secret:db');
    expect(url).toBe('postgres://moms:p%40ss%3Aw%2Frd@db.cluster.local:5432/moms?sslmode=verify-full');
    expect(decodeURIComponent(new URL(url).password)).toBe('p@ss:w/rd');
  });

  it('reads each secret once per container', async () => {
    await Promise.all([
      getSecretString('arn:aws:secretsmanager:eu-west-1:1:secret:db'),
      getSecretString('arn:aws:secretsmanager:eu-west-1:1:secret:db'),
    ]);
    await getSecretString('arn:aws:secretsmanager:eu-west-1:1:secret:db');
    expect(calls).toEqual(['secretsmanager.GetSecretValue arn:aws:secretsmanager:eu-west-1:1:secret:db']);
  });

  it('does not cache a failure: the next invocation tries again', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:1:secret:later';
    await expect(getSecretString(arn)).rejects.toThrow(/can't find/);
    secrets.set(arn, 'now-it-exists');
    await expect(getSecretString(arn)).resolves.toBe('now-it-exists');
    expect(calls).toHaveLength(2);
  });

  it('loads the JWT signing key from its secret', async () => {
    const key = await loadSigningKey({ secretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:jwt' });
    expect(new TextDecoder().decode(key)).toBe('k'.repeat(48));
  });

  it('reads the origin-verify secret when first asked, not when the app starts', async () => {
    const secret = originVerifySecret({ ORIGIN_VERIFY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:origin' });
    expect(calls).toEqual([]);
    expect(await secret()).toBe('o'.repeat(48));
    expect(await secret()).toBe('o'.repeat(48));
    expect(calls).toHaveLength(1);
    // A value in the environment wins (local runs); neither set: nothing is trusted.
    expect(await originVerifySecret({ ORIGIN_VERIFY_SECRET: 'x'.repeat(32) })()).toBe('x'.repeat(32));
    expect(await originVerifySecret({})()).toBeUndefined();
  });
});
