import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataApiServer, type DataApiServer } from '../../../../test/harness/data-api-server.js';
import { createTestDatabase, onPostgres } from '../../../../test/harness/test-db.js';
import { createDatabase, type DatabaseHandle } from '../create-database.js';
import { dataApiTargetFromEnv } from './target.js';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { adminUrl, withDatabase } from '../../../../test/harness/pg-admin.js';
import { migrate } from '../../../app/migrations.js';
import { grantAppRole } from '../app-role.js';

/**
 * The Data API dialect against a local Data API-compatible server (test/harness/data-api-server.ts)
 * over a real PostgreSQL, compared with the same statements through `pg` on the same database: what
 * the application reads must be identical (docs/adr/0005).
 */
describe.runIf(onPostgres)('the Data API dialect (local Data API server over PostgreSQL)', () => {
  let pgHandle: DatabaseHandle & { url?: string };
  let server: DataApiServer;
  let handle: DatabaseHandle;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- scratch tables outside the app's schema
  let db: Kysely<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same, through pg
  let viaPg: Kysely<any>;
  let client: RDSDataClient;

  beforeAll(async () => {
    pgHandle = await createTestDatabase({ poolMax: 3 });
    server = await startDataApiServer(pgHandle.url!, { transactionIdleMs: 1_500 });
    client = new RDSDataClient({
      endpoint: server.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    handle = await createDatabase({
      kind: 'data-api',
      options: {
        resourceArn: server.resourceArn,
        secretArn: server.secretArn,
        database: 'moms',
        resumeRetryMs: 0,
        client,
      },
    });
    db = handle.db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    viaPg = pgHandle.db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    await sql`create table scratch_values (
      id uuid primary key default gen_random_uuid(),
      n int4, big int8, amount numeric(18, 4), ratio float8, flag boolean, note text, day date,
      at timestamptz, local_at timestamp, tags text[], counts int4[], bigs int8[], amounts numeric[],
      doc jsonb, raw bytea, version int4 not null default 1)`.execute(viaPg);
  });
  afterAll(async () => {
    await handle?.close();
    client?.destroy();
    await server?.close();
    await pgHandle?.close();
  });

  const sample = {
    n: -42,
    big: '9007199254740993', // beyond 2^53: exact only as a string
    amount: '12345678901234.5678',
    ratio: 0.1,
    flag: true,
    note: `it's a "quote", a \\ backslash, $1, :name, $$dollar$$ -- not a comment /* nor this */ ✓`,
    day: '2026-02-28',
    at: new Date('2026-12-04T10:11:12.345Z'),
    local_at: new Date(2026, 11, 4, 10, 11, 12, 345),
    tags: ['a', 'b c', 'd,"e"', '', 'NULL'],
    counts: [1, 2, 3],
    bigs: ['9007199254740993', '-1'],
    amounts: ['0.10', '99999999.9999'],
    doc: { a: 1, nested: { list: [true, null, 'x'] }, amount: '1.10' },
    raw: Buffer.from([0, 1, 2, 254, 255]),
  };

  it('reads back every type exactly as pg does (numeric, int8, timestamptz, arrays, jsonb, bytea, null)', async () => {
    const inserted = await db
      .insertInto('scratch_values')
      .values({ ...sample, doc: JSON.stringify(sample.doc) })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await db.insertInto('scratch_values').values({ n: null, note: null }).execute();
    const rowsData = await db.selectFrom('scratch_values').selectAll().orderBy('n', 'asc').execute();
    const rowsPg = await viaPg.selectFrom('scratch_values').selectAll().orderBy('n', 'asc').execute();
    // One deliberate difference: pg parses numeric[] into floats; the Data API dialect keeps them exact.
    expect(rowsData.map((r) => ({ ...r, amounts: r.amounts?.map(Number) ?? null }))).toEqual(rowsPg);
    expect(rowsPg[0]!.amounts).toEqual([0.1, 99999999.9999]);
    const row = rowsData.find((r) => r.id === inserted.id)!;
    expect(row).toMatchObject({ ...sample, version: 1 });
    expect(typeof row.big).toBe('string');
    expect(row.at).toBeInstanceOf(Date);
    expect(rowsData.find((r) => r.id !== inserted.id)).toMatchObject({ n: null, note: null, tags: null, doc: null });
  });

  it('binds parameters where PostgreSQL infers their type (uuid, jsonb, numeric, any(array), limit)', async () => {
    const { id } = await db
      .insertInto('scratch_values')
      .values({ n: 7, amount: '1.5', doc: JSON.stringify({ k: 'v' }), tags: ['x'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const found = await sql<{ id: string; total: string; k: string }>`
      select id, amount + ${'0.25'} as total, doc->>'k' as k from scratch_values
      where id = ${id} and id = any(${[id]}) and doc @> ${JSON.stringify({ k: 'v' })} and ${'x'} = any(tags)
      limit ${1}`.execute(db);
    expect(found.rows).toEqual([{ id, total: '1.7500', k: 'v' }]);
    // A typed Data API string parameter is `character varying`: this is why the dialect sends literals.
    await expect(
      client.send(
        new ExecuteStatementCommand({
          resourceArn: server.resourceArn,
          secretArn: server.secretArn,
          sql: 'select 1 from scratch_values where id = :id',
          parameters: [{ name: 'id', value: { stringValue: id } }],
        }),
      ),
    ).rejects.toThrow(/uuid = character varying/);
  });

  it('reports affected rows of updates and deletes, as the optimistic-concurrency checks need', async () => {
    const { id } = await db.insertInto('scratch_values').values({ n: 1 }).returning('id').executeTakeFirstOrThrow();
    const stale = await db
      .updateTable('scratch_values')
      .set({ n: 2 })
      .where('id', '=', id)
      .where('version', '=', 9)
      .executeTakeFirst();
    expect(stale.numUpdatedRows).toBe(0n);
    const fresh = await db
      .updateTable('scratch_values')
      .set({ n: 2, version: 2 })
      .where('id', '=', id)
      .where('version', '=', 1)
      .executeTakeFirst();
    expect(fresh.numUpdatedRows).toBe(1n);
    const gone = await db.deleteFrom('scratch_values').where('id', '=', id).executeTakeFirst();
    expect(gone.numDeletedRows).toBe(1n);
  });

  it('commits a transaction as one unit, and rolls back everything when it throws', async () => {
    const before = server.calls['/BeginTransaction'] ?? 0;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('scratch_values').values({ note: 'tx-commit-1' }).execute();
      await trx.insertInto('scratch_values').values({ note: 'tx-commit-2' }).execute();
      // Inside the transaction the uncommitted rows are visible; outside (pg) they are not.
      expect(
        (await trx.selectFrom('scratch_values').select('id').where('note', 'like', 'tx-commit-%').execute()).length,
      ).toBe(2);
      expect(
        (await viaPg.selectFrom('scratch_values').select('id').where('note', 'like', 'tx-commit-%').execute()).length,
      ).toBe(0);
    });
    expect(
      (await viaPg.selectFrom('scratch_values').select('id').where('note', 'like', 'tx-commit-%').execute()).length,
    ).toBe(2);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('scratch_values').values({ note: 'tx-rollback' }).execute();
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await viaPg.selectFrom('scratch_values').select('id').where('note', '=', 'tx-rollback').execute()).toEqual(
      [],
    );
    expect(server.calls['/BeginTransaction']).toBe(before + 2);
    expect(server.calls['/CommitTransaction']).toBeGreaterThanOrEqual(1);
    expect(server.calls['/RollbackTransaction']).toBeGreaterThanOrEqual(1);
  });

  it('a statement error inside a transaction rolls it all back and surfaces pg-shaped errors (code, constraint)', async () => {
    await sql`create unique index scratch_values_note_unique on scratch_values (note) where note like 'uniq-%'`.execute(
      viaPg,
    );
    await db.insertInto('scratch_values').values({ note: 'uniq-1' }).execute();
    const error = await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('scratch_values').values({ note: 'uniq-2' }).execute();
        await trx.insertInto('scratch_values').values({ note: 'uniq-1' }).execute();
      })
      .catch((e: unknown) => e as { code?: string; constraint?: string });
    expect(error).toMatchObject({ code: '23505', constraint: 'scratch_values_note_unique' });
    expect(await viaPg.selectFrom('scratch_values').select('id').where('note', '=', 'uniq-2').execute()).toEqual([]);
  });

  it('holds transaction-scoped advisory locks for the whole transaction, and serializes two writers', async () => {
    await db.insertInto('scratch_values').values({ note: 'counter', n: 0 }).execute();
    const bump = () =>
      db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext('scratch.counter'))`.execute(trx);
        const { n } = await trx
          .selectFrom('scratch_values')
          .select('n')
          .where('note', '=', 'counter')
          .executeTakeFirstOrThrow();
        await new Promise((r) => setTimeout(r, 30));
        await trx
          .updateTable('scratch_values')
          .set({ n: n + 1 })
          .where('note', '=', 'counter')
          .execute();
      });
    await Promise.all([bump(), bump(), bump()]);
    const { n } = await viaPg
      .selectFrom('scratch_values')
      .select('n')
      .where('note', '=', 'counter')
      .executeTakeFirstOrThrow();
    expect(n).toBe(3);
    // Outside a transaction each statement is its own session: a session-level lock would outlive the
    // request and could never be released by the same session — the reason MOMS uses xact locks only.
    const held = await sql<{
      locks: string;
    }>`select count(*)::text as locks from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`.execute(
      viaPg,
    );
    expect(held.rows[0]!.locks).toBe('0');
  });

  it('refuses a response over 1 MiB (the Data API limit) with a clear error; a paged read gets everything', async () => {
    await sql`insert into scratch_values (note) select repeat('x', 1000) || g from generate_series(1, 1500) g`.execute(
      viaPg,
    );
    await expect(
      db.selectFrom('scratch_values').select('note').where('note', 'like', 'xxx%').execute(),
    ).rejects.toThrow(/size limit/);
    let seen = 0;
    for (let offset = 0; ; offset += 500) {
      const page = await db
        .selectFrom('scratch_values')
        .select('note')
        .where('note', 'like', 'xxx%')
        .orderBy('note')
        .limit(500)
        .offset(offset)
        .execute();
      seen += page.length;
      if (page.length < 500) break;
    }
    expect(seen).toBe(1500);
  });

  it('an idle transaction expires after the Data API timeout and cannot be committed', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('scratch_values').values({ note: 'expired' }).execute();
        await new Promise((r) => setTimeout(r, 1_800)); // the server's idle timeout is 1.5 s here (3 min on AWS)
      }),
    ).rejects.toThrow(/Transaction .* is not found/);
    expect(await viaPg.selectFrom('scratch_values').select('id').where('note', '=', 'expired').execute()).toEqual([]);
  });

  it('runs every migration, the first administrator and the app role grants on an empty database (the migrations function)', async () => {
    const url = process.env.DATABASE_URL!;
    const name = `moms_da_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`create database ${name} template template0`);
    const fresh = await startDataApiServer(withDatabase(url, name));
    const freshClient = new RDSDataClient({
      endpoint: fresh.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    let role: { username: string; password: string } | undefined;
    const target = await createDatabase({
      kind: 'data-api',
      options: { resourceArn: fresh.resourceArn, secretArn: fresh.secretArn, resumeRetryMs: 0, client: freshClient },
    });
    try {
      const first = await migrate(target.db, {
        administrator: { email: 'admin@example.com', password: 'a long enough password' },
      });
      expect(first.applied.length).toBeGreaterThan(5);
      expect((await migrate(target.db)).applied).toEqual([]); // idempotent, under Kysely's xact advisory lock
      role = { username: `moms_app_${randomBytes(3).toString('hex')}`, password: randomBytes(12).toString('hex') };
      const granted = await grantAppRole(target.db, role);
      expect(granted.schemas).toEqual(expect.arrayContaining(['platform', 'finance']));
      // Every DDL statement went through ExecuteStatement, one statement per call, inside transactions.
      expect(fresh.calls['/BeginTransaction']).toBeGreaterThanOrEqual(3);
    } finally {
      await target.close();
      freshClient.destroy();
      await fresh.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      if (role) await admin.query(`drop role if exists ${role.username}`);
      await admin.end();
    }
  });

  it('is chosen from the environment the CDK app sets (DB_ACCESS=data-api)', () => {
    expect(dataApiTargetFromEnv({})).toBeUndefined();
    expect(() => dataApiTargetFromEnv({ DB_ACCESS: 'data-api' })).toThrow(/DB_CLUSTER_ARN/);
    expect(
      dataApiTargetFromEnv({
        DB_ACCESS: 'data-api',
        DB_CLUSTER_ARN: server.resourceArn,
        DB_SECRET_ARN: server.secretArn,
        DB_STATEMENT_TIMEOUT_MS: '10000',
      }),
    ).toMatchObject({
      kind: 'data-api',
      options: {
        resourceArn: server.resourceArn,
        secretArn: server.secretArn,
        database: 'moms',
        requestTimeoutMs: 15_000,
      },
    });
  });
});
