import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/app/migrations.js';
import { createDatabase } from '../../src/platform/db/create-database.js';
import { adminUrl, withDatabase } from './pg-admin.js';

/**
 * Migrates once per run, then every test file starts from a copy: on PostgreSQL (DATABASE_URL set) a
 * template database that each file clones; on PGlite a data-folder snapshot that each file loads.
 */
interface Prepared {
  key: 'pgTemplate' | 'pgliteSnapshot';
  value: string;
  teardown: () => Promise<void>;
}

/**
 * vitest calls a global setup once per project (and once for the root): the test projects share one
 * migrated copy, made by the first call and removed after the last one's teardown.
 */
const shared = globalThis as { momsTestDatabase?: { prepared: Promise<Prepared>; users: number } };

export default async function setup(project: TestProject) {
  shared.momsTestDatabase ??= { prepared: prepare(), users: 0 };
  const state = shared.momsTestDatabase;
  state.users++;
  const { key, value, teardown } = await state.prepared;
  project.provide(key, value);
  return async () => {
    if (--state.users > 0) return;
    delete shared.momsTestDatabase;
    await teardown();
  };
}

async function prepare(): Promise<Prepared> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `moms_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const handle = await createDatabase({
      kind: 'postgres',
      pool: {
        connectionString: withDatabase(url, template),
        max: 2,
        idleTimeoutMillis: 1000,
        statementTimeoutMs: 60_000,
        connectRetryMs: 5_000,
      },
    });
    await migrate(handle.db);
    await handle.close();
    return {
      key: 'pgTemplate',
      value: template,
      teardown: async () => {
        await admin.query(`drop database if exists ${template} with (force)`);
        await admin.end();
      },
    };
  }
  const handle = await createDatabase({ kind: 'pglite' });
  await migrate(handle.db);
  const snapshot = await handle.dump!();
  await handle.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'moms-test-'));
  const file = path.join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
  return {
    key: 'pgliteSnapshot',
    value: file,
    teardown: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteSnapshot: string;
  }
}
