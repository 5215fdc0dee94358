import path from 'node:path';
import * as z from 'zod/mini';

// Zod's "mini" build (the same core as \`zod\`, functions instead of methods): a cold start reads the
// environment before anything else, and the full \`zod\` costs ~20 ms to load there; a module loads it
// with its first request (docs/adr/0026). Mini has no default locale: the messages are Zod's English.
z.config(z.locales.en());

/** An integer in [min, max], from the variable's text. */
const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max));

const EnvSchema = z.object({
  PORT: z._default(int(0, 65535), 3000),
  HOST: z._default(z.string(), '127.0.0.1'),
  DATABASE_URL: z.optional(z.url()),
  /** ARN of a Secrets Manager secret with {host, port, username, password, dbname} (the RDS format). */
  DB_SECRET_ARN: z.optional(z.string()),
  DB_POOL_MAX: z._default(int(1, 100), 1),
  DB_STATEMENT_TIMEOUT_MS: z._default(int(100), 25_000),
  /** How long to keep retrying a connection while Aurora Serverless v2 resumes from auto-pause. */
  DB_CONNECT_RETRY_MS: z._default(int(0), 25_000),
  MOMS_DATA_DIR: z.optional(z.string()),
  MOMS_ADMIN_EMAIL: z.optional(z.email()),
  MOMS_ADMIN_PASSWORD: z.optional(z.string().check(z.minLength(12))),
  /** ARN of the Secrets Manager secret holding the JWT signing key (on AWS). */
  JWT_SECRET_ARN: z.optional(z.string()),
  JWT_SECRET: z.optional(z.string().check(z.minLength(32))),
  ACCESS_TOKEN_TTL_SECONDS: z._default(int(30, 86_400), 900),
  REFRESH_TOKEN_TTL_SECONDS: z._default(int(300), 30 * 86_400),
  /**
   * How long an API function trusts the access-token revocations it loaded (docs/adr/0010): a user
   * deactivated, or a password changed, in another process stops that user's tokens within this.
   * 0 reads them on every authenticated request.
   */
  TOKEN_REVOCATION_CACHE_SECONDS: z._default(int(0, 60), 5),
  /**
   * With CloudFront in front of the API: the value CloudFront sends as the `x-origin-verify` origin
   * header. A request carrying it came through CloudFront, and sign-in throttling then uses the
   * viewer's address from `x-moms-viewer-address` instead of the edge server's (docs/security.md).
   */
  ORIGIN_VERIFY_SECRET: z.optional(z.string().check(z.minLength(32))),
  /** On AWS: the Secrets Manager secret holding the origin-verify value (read on the first sign-in, not at start). */
  ORIGIN_VERIFY_SECRET_ARN: z.optional(z.string()),
  /**
   * Files and attachments (docs/files.md). On AWS: the private bucket (and key prefix) of the file
   * store; unset, files live in `<MOMS_DATA_DIR>/files` with signed URLs served by the local server.
   */
  FILES_BUCKET: z.optional(z.string().check(z.minLength(3))),
  FILES_PREFIX: z._default(
    z
      .string()
      .check(z.regex(/^([a-z0-9][a-z0-9._-]*\/)*$/, 'A key prefix such as "" or "moms/" (lowercase, ends with /).')),
    '',
  ),
  /** An S3-compatible endpoint instead of AWS's (a local test server); path-style addressing. */
  FILES_S3_ENDPOINT: z.optional(z.url()),
  /** Largest attachment, in bytes (default 25 MiB). */
  FILES_MAX_BYTES: z._default(int(1, 5 * 1024 ** 3), 25 * 1024 * 1024),
  /** Comma-separated content types attachments may have (default: documents, images, CSV, ZIP). */
  FILES_ALLOWED_TYPES: z.optional(z.string()),
  /** How long a signed download URL is valid (seconds). */
  FILES_DOWNLOAD_URL_SECONDS: z._default(int(10, 3600), 300),
  /** How long a signed upload URL is valid (seconds). */
  FILES_UPLOAD_URL_SECONDS: z._default(int(10, 3600), 900),
  /** The job queue (SQS) the relay sends committed jobs to, on AWS (docs/adr/0012). */
  JOB_QUEUE_URL: z.optional(z.url()),
  /**
   * Outbound mail (docs/mail.md): `local` writes `<MOMS_DATA_DIR>/mail/*.eml`, `ses` sends with SES.
   * Default: `ses` on AWS Lambda, `local` elsewhere.
   */
  MAIL_TRANSPORT: z.optional(z.enum(['local', 'ses'])),
  /** The sender, `Name <address>` or `address`. On SES, unset means sending is disabled (jobs fail saying so). */
  MAIL_FROM: z.optional(z.string().check(z.maxLength(320), z.regex(/^[^\r\n]*$/, 'One line.'))),
  /** The SES identity ARN MAIL_FROM's address belongs to (sent as FromEmailAddressIdentityArn). */
  MAIL_IDENTITY_ARN: z.optional(z.string().check(z.startsWith('arn:'))),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
  WEB_DIST_DIR: z.optional(z.string()),
});

export type Env = z.output<typeof EnvSchema>;

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
