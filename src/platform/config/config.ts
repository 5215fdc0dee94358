import path from 'node:path';
import { email, integer, oneOf, readEnv, text, url, type EnvValues } from './env-fields.js';

/**
 * The environment MOMS reads, with each variable's shape. Read without a validation library: this is
 * the first thing a cold start does, and Zod costs ~20 ms to load there (docs/adr/0026).
 */
const ENV = {
  PORT: integer({ min: 0, max: 65535, default: 3000 }),
  HOST: text({ default: '127.0.0.1' }),
  DATABASE_URL: url(),
  /** ARN of a Secrets Manager secret with {host, port, username, password, dbname} (the RDS format). */
  DB_SECRET_ARN: text(),
  DB_POOL_MAX: integer({ min: 1, max: 100, default: 1 }),
  DB_STATEMENT_TIMEOUT_MS: integer({ min: 100, default: 25_000 }),
  /** How long to keep retrying a connection while Aurora Serverless v2 resumes from auto-pause. */
  DB_CONNECT_RETRY_MS: integer({ min: 0, default: 25_000 }),
  MOMS_DATA_DIR: text(),
  MOMS_ADMIN_EMAIL: email(),
  MOMS_ADMIN_PASSWORD: text({ minLength: 12 }),
  /** ARN of the Secrets Manager secret holding the JWT signing key (on AWS). */
  JWT_SECRET_ARN: text(),
  JWT_SECRET: text({ minLength: 32 }),
  ACCESS_TOKEN_TTL_SECONDS: integer({ min: 30, max: 86_400, default: 900 }),
  REFRESH_TOKEN_TTL_SECONDS: integer({ min: 300, default: 30 * 86_400 }),
  /**
   * How long an API function trusts the access-token revocations it loaded (docs/adr/0010): a user
   * deactivated, or a password changed, in another process stops that user's tokens within this.
   * 0 reads them on every authenticated request.
   */
  TOKEN_REVOCATION_CACHE_SECONDS: integer({ min: 0, max: 60, default: 5 }),
  /**
   * With CloudFront in front of the API: the value CloudFront sends as the `x-origin-verify` origin
   * header. A request carrying it came through CloudFront, and sign-in throttling then uses the
   * viewer's address from `x-moms-viewer-address` instead of the edge server's (docs/security.md).
   */
  ORIGIN_VERIFY_SECRET: text({ minLength: 32 }),
  /** On AWS: the Secrets Manager secret holding the origin-verify value (read on the first sign-in, not at start). */
  ORIGIN_VERIFY_SECRET_ARN: text(),
  /**
   * Files and attachments (docs/files.md). On AWS: the private bucket (and key prefix) of the file
   * store; unset, files live in `<MOMS_DATA_DIR>/files` with signed URLs served by the local server.
   */
  FILES_BUCKET: text({ minLength: 3 }),
  FILES_PREFIX: text({
    pattern: {
      regex: /^([a-z0-9][a-z0-9._-]*\/)*$/,
      message: 'A key prefix such as "" or "moms/" (lowercase, ends with /).',
    },
    default: '',
  }),
  /** An S3-compatible endpoint instead of AWS's (a local test server); path-style addressing. */
  FILES_S3_ENDPOINT: url(),
  /** Largest attachment, in bytes (default 25 MiB). */
  FILES_MAX_BYTES: integer({ min: 1, max: 5 * 1024 ** 3, default: 25 * 1024 * 1024 }),
  /** Comma-separated content types attachments may have (default: documents, images, CSV, ZIP). */
  FILES_ALLOWED_TYPES: text(),
  /** How long a signed download URL is valid (seconds). */
  FILES_DOWNLOAD_URL_SECONDS: integer({ min: 10, max: 3600, default: 300 }),
  /** How long a signed upload URL is valid (seconds). */
  FILES_UPLOAD_URL_SECONDS: integer({ min: 10, max: 3600, default: 900 }),
  /** The job queue (SQS) the relay sends committed jobs to, on AWS (docs/adr/0012). */
  JOB_QUEUE_URL: url(),
  /**
   * Outbound mail (docs/mail.md): `local` writes `<MOMS_DATA_DIR>/mail/*.eml`, `ses` sends with SES.
   * Default: `ses` on AWS Lambda, `local` elsewhere.
   */
  MAIL_TRANSPORT: oneOf(['local', 'ses']),
  /** The sender, `Name <address>` or `address`. On SES, unset means sending is disabled (jobs fail saying so). */
  MAIL_FROM: text({ maxLength: 320, pattern: { regex: /^[^\r\n]*$/, message: 'One line.' } }),
  /** The SES identity ARN MAIL_FROM's address belongs to (sent as FromEmailAddressIdentityArn). */
  MAIL_IDENTITY_ARN: text({ pattern: { regex: /^arn:/, message: 'An ARN (arn:…).' } }),
  LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error', 'silent'], { default: 'info' }),
  WEB_DIST_DIR: text(),
};

export type Env = EnvValues<typeof ENV>;

export interface Config extends Env {
  /** The folder that holds local state: the embedded database, generated secrets. */
  dataDir: string;
  /** MAIL_TRANSPORT, or its default for where this runs (`ses` on Lambda, else `local`). */
  mailTransport: 'local' | 'ses';
}

/** Reads and validates the environment once; a bad value stops start-up with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values = readEnv(ENV, env);
  const dataDir = path.resolve(values.MOMS_DATA_DIR ?? '.moms');
  const mailTransport = values.MAIL_TRANSPORT ?? (env.AWS_LAMBDA_FUNCTION_NAME ? 'ses' : 'local');
  return { ...values, dataDir, mailTransport };
}
