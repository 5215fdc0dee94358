import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  /** ARN of a Secrets Manager secret with {host, port, username, password, dbname} (the RDS format). */
  DB_SECRET_ARN: z.string().optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(1),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(25_000),
  /** How long to keep retrying a connection while Aurora Serverless v2 resumes from auto-pause. */
  DB_CONNECT_RETRY_MS: z.coerce.number().int().min(0).default(25_000),
  MOMS_DATA_DIR: z.string().optional(),
  MOMS_ADMIN_EMAIL: z.string().email().optional(),
  MOMS_ADMIN_PASSWORD: z.string().min(12).optional(),
  /** ARN of the Secrets Manager secret holding the JWT signing key (on AWS). */
  JWT_SECRET_ARN: z.string().optional(),
  JWT_SECRET: z.string().min(32).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 86_400),
  /**
   * How long an API function trusts the access-token revocations it loaded (docs/adr/0010): a user
   * deactivated, or a password changed, in another process stops that user's tokens within this.
   * 0 reads them on every authenticated request.
   */
  TOKEN_REVOCATION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /**
   * With CloudFront in front of the API: the value CloudFront sends as the `x-origin-verify` origin
   * header. A request carrying it came through CloudFront, and sign-in throttling then uses the
   * viewer's address from `x-moms-viewer-address` instead of the edge server's (docs/security.md).
   */
  ORIGIN_VERIFY_SECRET: z.string().min(32).optional(),
  /** On AWS: the Secrets Manager secret holding the origin-verify value (read on the first sign-in, not at start). */
  ORIGIN_VERIFY_SECRET_ARN: z.string().optional(),
  /**
   * Files and attachments (docs/files.md). On AWS: the private bucket (and key prefix) of the file
   * store; unset, files live in `<MOMS_DATA_DIR>/files` with signed URLs served by the local server.
   */
  FILES_BUCKET: z.string().min(3).optional(),
  FILES_PREFIX: z
    .string()
    .regex(/^([a-z0-9][a-z0-9._-]*\/)*$/, 'A key prefix such as "" or "moms/" (lowercase, ends with /).')
    .default(''),
  /** An S3-compatible endpoint instead of AWS's (a local test server); path-style addressing. */
  FILES_S3_ENDPOINT: z.string().url().optional(),
  /** Largest attachment, in bytes (default 25 MiB). */
  FILES_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * 1024 ** 3)
    .default(25 * 1024 * 1024),
  /** Comma-separated content types attachments may have (default: documents, images, CSV, ZIP). */
  FILES_ALLOWED_TYPES: z.string().optional(),
  /** How long a signed download URL is valid (seconds). */
  FILES_DOWNLOAD_URL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** How long a signed upload URL is valid (seconds). */
  FILES_UPLOAD_URL_SECONDS: z.coerce.number().int().min(10).max(3600).default(900),
  /** The job queue (SQS) the relay sends committed jobs to, on AWS (docs/adr/0012). */
  JOB_QUEUE_URL: z.string().url().optional(),
  /**
   * Outbound mail (docs/mail.md): `local` writes `<MOMS_DATA_DIR>/mail/*.eml`, `ses` sends with SES.
   * Default: `ses` on AWS Lambda, `local` elsewhere.
   */
  MAIL_TRANSPORT: z.enum(['local', 'ses']).optional(),
  /** The sender, `Name <address>` or `address`. On SES, unset means sending is disabled (jobs fail saying so). */
  MAIL_FROM: z
    .string()
    .max(320)
    .regex(/^[^\r\n]*$/, 'One line.')
    .optional(),
  /** The SES identity ARN MAIL_FROM's address belongs to (sent as FromEmailAddressIdentityArn). */
  MAIL_IDENTITY_ARN: z.string().startsWith('arn:').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  /** The folder that holds local state: the embedded database, generated secrets. */
  dataDir: string;
  /** MAIL_TRANSPORT, or its default for where this runs (`ses` on Lambda, else `local`). */
  mailTransport: 'local' | 'ses';
}

/** Reads and validates the environment once; a bad value stops start-up with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const dataDir = path.resolve(parsed.data.MOMS_DATA_DIR ?? '.moms');
  const mailTransport = parsed.data.MAIL_TRANSPORT ?? (env.AWS_LAMBDA_FUNCTION_NAME ? 'ses' : 'local');
  return { ...parsed.data, dataDir, mailTransport };
}
