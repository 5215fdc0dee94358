import path from 'node:path';
import type { Config } from '../platform/config/config.js';
import { createDatabase, type DatabaseHandle } from '../platform/db/create-database.js';
import { databaseUrlFromSecret } from '../platform/db/db-secret.js';
import { dataApiTargetFromEnv } from '../platform/db/data-api/target.js';

/**
 * The database this configuration points at: PostgreSQL through DATABASE_URL (or, on AWS, the
 * Secrets Manager secret in DB_SECRET_ARN), otherwise the embedded PGlite under the data dir.
 */
export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  // Stages on the RDS Data API (DB_ACCESS=data-api; infra/config/stages.ts, docs/adr/0005).
  const dataApi = dataApiTargetFromEnv();
  if (dataApi) return createDatabase(dataApi);
  const connectionString =
    config.DATABASE_URL ?? (config.DB_SECRET_ARN ? await databaseUrlFromSecret(config.DB_SECRET_ARN) : undefined);
  if (connectionString) {
    return createDatabase({
      kind: 'postgres',
      pool: {
        connectionString,
        max: config.DB_POOL_MAX,
        idleTimeoutMillis: 10_000,
        statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
        connectRetryMs: config.DB_CONNECT_RETRY_MS,
      },
    });
  }
  return createDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'db') });
}

/** Where the data lives, for messages (never with a password). */
export function describeDatabase(config: Config): string {
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  if (process.env.DB_ACCESS === 'data-api') return 'Aurora PostgreSQL through the RDS Data API';
  if (config.DB_SECRET_ARN) return 'PostgreSQL (credentials from Secrets Manager)';
  return `embedded PostgreSQL (PGlite) in ${path.join(config.dataDir, 'db')}`;
}
