import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type { Database } from './database.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { PgPoolOptions } from './pg-pool.js';
import type { DataApiOptions } from './data-api/dialect.js';

export type DatabaseTarget =
  | { kind: 'postgres'; pool: Omit<PgPoolOptions, 'connectionString'> & { connectionString: string } }
  /** dataDir undefined = in memory; `loadDataDir` restores a `dumpDataDir()` snapshot (tests). */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  /** Aurora through the RDS Data API (HTTPS, no VPC): src/platform/db/data-api/dialect.ts, docs/adr/0005. */
  | { kind: 'data-api'; options: DataApiOptions };

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  /** PGlite only: a snapshot of the data folder (used by the test harness). */
  dump?: () => Promise<Blob>;
  close: () => Promise<void>;
}

const pgPools = new WeakMap<Kysely<Database>, PostgresPool>();

/**
 * The pg pool under a database `createDatabase` opened on PostgreSQL over TCP (undefined on PGlite
 * and the Data API): for the little Kysely cannot do, a `COPY … TO STDOUT` stream (src/platform/jobs/pg-copy.ts).
 */
export const pgPoolOf = (db: Kysely<Database>): PostgresPool | undefined => pgPools.get(db);

export async function createDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    // Loaded on first use: `pg` (with tls) costs tens of milliseconds of a Lambda cold start.
    const { RetryingPgPool } = await import('./pg-pool.js');
    const pool = new RetryingPgPool(target.pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pgPools.set(db, pool);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (target.kind === 'data-api') {
    // Loaded on first use, like pg: only the stages that use the Data API pay for its SDK client.
    const { DataApiDialect } = await import('./data-api/dialect.js');
    const db = new Kysely<Database>({ dialect: new DataApiDialect(target.options) });
    return { db, kind: 'data-api', close: () => db.destroy() };
  }
  const { PGlite, types } = await import('@electric-sql/pglite');
  if (target.dataDir) mkdirSync(path.dirname(target.dataDir), { recursive: true });
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    // Behave like `pg`: int8 and dates stay strings (exact; no time-zone shifts).
    parsers: { [types.INT8]: (v: string) => v, [types.DATE]: (v: string) => v },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    dump: () => pglite.dumpDataDir('none') as Promise<Blob>,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
