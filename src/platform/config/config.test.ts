import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

/**
 * The environment is read with Zod's "mini" build (a cold start does not load the full `zod`,
 * docs/adr/0026): the same defaults, coercions and messages as the schema it replaced.
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
    expect(config.DATABASE_URL).toBeUndefined();
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
      DATABASE_URL: 'postgres://moms@localhost:5432/moms',
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
      DATABASE_URL: 'postgres://moms@localhost:5432/moms',
      dataDir: '/tmp/moms-data',
    });
  });

  it('stops with every bad variable named and what is wrong with it', () => {
    expect(() =>
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'nope',
        MOMS_ADMIN_EMAIL: 'x',
        JWT_SECRET: 'short',
        FILES_PREFIX: 'Bad',
        MAIL_FROM: 'a\nb',
        LOG_LEVEL: 'loud',
      }),
    ).toThrow(
      [
        'Invalid configuration:',
        '  PORT: Invalid input: expected number, received NaN',
        '  DATABASE_URL: Invalid URL',
        '  MOMS_ADMIN_EMAIL: Invalid email address',
        '  JWT_SECRET: Too small: expected string to have >=32 characters',
        '  FILES_PREFIX: A key prefix such as "" or "moms/" (lowercase, ends with /).',
        '  MAIL_FROM: One line.',
        '  LOG_LEVEL: Invalid option: expected one of "debug"|"info"|"warn"|"error"|"silent"',
      ].join('\n'),
    );
    expect(() => loadConfig({ PORT: '1.5' })).toThrow('PORT: Invalid input: expected int, received number');
    expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT: Too big: expected number to be <=65535');
    expect(() => loadConfig({ DB_POOL_MAX: '0' })).toThrow('DB_POOL_MAX: Too small: expected number to be >=1');
    expect(() => loadConfig({ MAIL_IDENTITY_ARN: 'identity' })).toThrow('MAIL_IDENTITY_ARN: Invalid string');
    expect(() => loadConfig({ MAIL_FROM: 'x'.repeat(321) })).toThrow('MAIL_FROM: Too big');
  });
});
