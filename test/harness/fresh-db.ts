import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/platform/db/create-database.js';
import type { Db } from '../../src/platform/db/database.js';
import { adminUrl, withDatabase } from './pg-admin.js';

/**
 * A brand-new, EMPTY database (not the harness's migrated template). `connect()` opens another
 * handle on it: on PostgreSQL a separate pool (so two migrators are two real sessions); on PGlite,
 * which has one session, the same instance.
 */
export interface FreshDatabase {
  db: Db;
  connect: () => Promise<DatabaseHandle>;
  dispose: () => Promise<void>;
}

export const disposers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (disposers.length > 0) await disposers.pop()!();
});

export async function freshDatabase(): Promise<FreshDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await createDatabase({ kind: 'pglite' });
    const fresh = { db: handle.db, connect: async () => handle, dispose: () => handle.close() };
    disposers.push(fresh.dispose);
    return fresh;
  }
  const name = `moms_mig_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template template0`);
  } finally {
    await admin.end();
  }
  const handles: DatabaseHandle[] = [];
  const connect = async () => {
    const handle = await createDatabase({
      kind: 'postgres',
      pool: {
        connectionString: withDatabase(url, name),
        max: 2,
        idleTimeoutMillis: 1_000,
        statementTimeoutMs: 30_000,
        connectRetryMs: 5_000,
      },
    });
    handles.push(handle);
    return handle;
  };
  const first = await connect();
  const fresh = {
    db: first.db,
    connect,
    dispose: async () => {
      for (const handle of handles) await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl(url) });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
  disposers.push(fresh.dispose);
  return fresh;
}
