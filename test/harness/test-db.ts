import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/platform/db/create-database.js';
import { adminUrl, withDatabase } from './pg-admin.js';

export const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A migrated database of its own for a test file: a clone of the template database on PostgreSQL,
 * or the migrated snapshot loaded into a fresh in-memory PGlite. `close()` drops it.
 */
export async function createTestDatabase(
  options: { poolMax?: number } = {},
): Promise<DatabaseHandle & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `moms_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
          break;
        } catch (error) {
          // Two files cloning the template at the same instant: PostgreSQL asks one to wait.
          if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
          await new Promise((r) => setTimeout(r, 100 * attempt));
        }
      }
    } finally {
      await admin.end();
    }
    const connectionString = withDatabase(url, name);
    const handle = await createDatabase({
      kind: 'postgres',
      pool: {
        connectionString,
        max: options.poolMax ?? 10,
        idleTimeoutMillis: 1_000,
        statementTimeoutMs: 30_000,
        connectRetryMs: 5_000,
      },
    });
    return {
      ...handle,
      url: connectionString,
      close: async () => {
        await handle.close();
        const dropper = new pg.Client({ connectionString: adminUrl(url) });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
  return createDatabase({ kind: 'pglite', loadDataDir: snapshot });
}
