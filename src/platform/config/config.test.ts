import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

/**
 * The environment is read without a validation library (env-fields.ts: a cold start does not load
 * Zod, docs/adr/0026), with the defaults, coercions and limits of the Zod schema it replaced.
 */
describe('loadConfig', () => {
  it('fills in the defaults of an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DB_POOL_MAX: 1,
      DB_STATEMENT_TIMEOUT_MS: 25_000,
      DB_CONNECT_RETRY_MS: 25_000,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 30 * 86_400,
      TOKEN_REVOCATION_CACHE_SECONDS: 5,
      FILES_PREFIX: '',
      FILES_MAX_BYTES: 25 * 1024 * 1024,
      FILES_DOWNLOAD_URL_SECONDS: 300,
      FILES_UPLOAD_URL_SECONDS: 900,
      LOG_LEVEL: 'info',
      mailTransport: 'local',
      dataDir: path.resolve('.moms'),
    });
    expect(config.JOB_QUEUE_URL).toBeUndefined();
    expect(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'api' }).mailTransport).toBe('ses');
  });

  it('turns numbers from text and keeps valid values', () => {
    const config = loadConfig({
      PORT: ' 8080 ',
      DB_POOL_MAX: '5',
      LOG_LEVEL: 'debug',
      FILES_PREFIX: 'moms/files/',
      MAIL_FROM: 'MOMS <moms@example.com>',
      MAIL_TRANSPORT: 'ses',
      MAIL_IDENTITY_ARN: 'arn:aws:ses:eu-west-1:1:identity/example.com',
      FILES_S3_ENDPOINT: 'http://127.0.0.1:9000',
      MOMS_ADMIN_EMAIL: 'admin@example.com',
      JWT_SECRET: 'x'.repeat(32),
      MOMS_DATA_DIR: '/tmp/moms-data',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DB_POOL_MAX: 5,
      LOG_LEVEL: 'debug',
      FILES_PREFIX: 'moms/files/',
      mailTransport: 'ses',
      FILES_S3_ENDPOINT: 'http://127.0.0.1:9000',
      dataDir: '/tmp/moms-data',
    });
  });

  it('stops with every bad variable named and what is wrong with it', () => {
    expect(() =>
      loadConfig({
        PORT: 'abc',
        FILES_S3_ENDPOINT: 'nope',
        MOMS_ADMIN_EMAIL: 'x',
        JWT_SECRET: 'short',
        FILES_PREFIX: 'Bad',
        MAIL_FROM: 'a\nb',
        LOG_LEVEL: 'loud',
      }),
    ).toThrow(
      [
        'Invalid configuration:',
        '  PORT: An integer from 0 to 65535.',
        '  MOMS_ADMIN_EMAIL: An e-mail address, such as admin@example.com.',
        '  JWT_SECRET: At least 32 characters.',
        '  FILES_PREFIX: A key prefix such as "" or "moms/" (lowercase, ends with /).',
        '  FILES_S3_ENDPOINT: An absolute URL, such as https://example.com/path.',
        '  MAIL_FROM: One line.',
        '  LOG_LEVEL: One of debug, info, warn, error, silent.',
      ].join('\n'),
    );
    for (const port of ['1.5', '70000', '-1', 'Infinity'])
      expect(() => loadConfig({ PORT: port }), port).toThrow('PORT: An integer from 0 to 65535.');
    expect(() => loadConfig({ DB_POOL_MAX: '0' })).toThrow('DB_POOL_MAX: An integer from 1 to 100.');
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '99' })).toThrow(
      'DB_STATEMENT_TIMEOUT_MS: An integer at least 100.',
    );
    expect(() => loadConfig({ MAIL_IDENTITY_ARN: 'identity' })).toThrow('MAIL_IDENTITY_ARN: An ARN (arn:…).');
    expect(() => loadConfig({ MAIL_FROM: 'x'.repeat(321) })).toThrow('MAIL_FROM: At most 320 characters.');
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp' })).toThrow('MAIL_TRANSPORT: One of local, ses.');
    for (const address of ['a..b@example.com', '.a@example.com', 'a@b', 'a@'])
      expect(() => loadConfig({ MOMS_ADMIN_EMAIL: address }), address).toThrow('MOMS_ADMIN_EMAIL: An e-mail address');
  });

  it('reads numbers and URLs as the Zod schema did, and never repeats a value in a message', () => {
    expect(loadConfig({ PORT: '1e3', FILES_MAX_BYTES: String(5 * 1024 ** 3) })).toMatchObject({
      PORT: 1000,
      FILES_MAX_BYTES: 5 * 1024 ** 3,
    });
    expect(() => loadConfig({ FILES_MAX_BYTES: String(5 * 1024 ** 3 + 1) })).toThrow('FILES_MAX_BYTES');
    expect(loadConfig({ JOB_QUEUE_URL: '  https://sqs.eu-west-1.amazonaws.com/1/q ' }).JOB_QUEUE_URL).toBe(
      'https://sqs.eu-west-1.amazonaws.com/1/q',
    );
    expect(loadConfig({ MOMS_ADMIN_EMAIL: "o'neil+ops@mail.example.org" }).MOMS_ADMIN_EMAIL).toBe(
      "o'neil+ops@mail.example.org",
    );
    const secret = 'a-secret-that-is-too-short';
    expect(() => loadConfig({ JWT_SECRET: secret })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });
});
