import net, { type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { adminUrl, withDatabase } from '../../../test/harness/pg-admin.js';
import { onPostgres } from '../../../test/harness/test-db.js';
import { createDatabase, type DatabaseHandle } from './create-database.js';
import type { PgPoolOptions } from './pg-pool.js';

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Proxy {
  /** Client connections accepted so far. */
  connections: number;
  /** performance.now() when it started listening. */
  listeningAt: number;
  close: () => Promise<void>;
}

/**
 * A TCP proxy on `port` to the PostgreSQL server, standing in for an Aurora cluster that is resuming.
 * With `drop`, it accepts each connection and closes it at once (a server that is not ready).
 */
async function startProxy(port: number, mode: 'forward' | 'drop' = 'forward'): Promise<Proxy> {
  const target = new URL(process.env.DATABASE_URL!);
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const proxy = { connections: 0, listeningAt: 0, close: async () => {} };
  const server = net.createServer((client) => {
    proxy.connections += 1;
    track(client);
    if (mode === 'drop') {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    track(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  proxy.listeningAt = performance.now();
  proxy.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return proxy;
}

/** The server's maintenance database, reached through 127.0.0.1:`port`. */
function viaPort(port: number): string {
  const u = new URL(adminUrl(process.env.DATABASE_URL!));
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function open(pool: Partial<PgPoolOptions> & { connectionString: string }): Promise<DatabaseHandle> {
  const handle = await createDatabase({
    kind: 'postgres',
    pool: { max: 1, idleTimeoutMillis: 1_000, statementTimeoutMs: 5_000, connectRetryMs: 10_000, ...pool },
  });
  cleanups.push(() => handle.close());
  return handle;
}

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error & { code?: string },
  );
}

describe.runIf(onPostgres)('the pg pool on a real PostgreSQL server', () => {
  it('waits for a server that starts late (Aurora resuming) and then answers', async () => {
    const port = await freePort();
    const delay = 1_500;
    const started = performance.now();
    let proxy: Promise<Proxy> | undefined;
    const timer = setTimeout(() => (proxy = startProxy(port)), delay);
    cleanups.push(async () => {
      clearTimeout(timer);
      await (await proxy)?.close();
    });
    const { db } = await open({ connectionString: viaPort(port), connectRetryMs: 10_000 });

    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    const answeredAt = performance.now();

    expect(rows).toEqual([{ one: 1 }]);
    const listening = await proxy!;
    expect(answeredAt).toBeGreaterThan(listening.listeningAt);
    expect(answeredAt - started).toBeGreaterThanOrEqual(delay - 5);
    // Backoff is capped at 2 s, so the first retry after the server is up comes soon after.
    expect(answeredAt - started).toBeLessThan(delay + 3_000);
    expect(listening.connections).toBe(1);
  });

  it('gives up with the connection error once its retry budget is spent', async () => {
    const port = await freePort(); // and nothing ever listens there
    const { db } = await open({ connectionString: viaPort(port), connectRetryMs: 300 });

    const started = performance.now();
    const error = await failure(sql`select 1`.execute(db));
    const elapsed = performance.now() - started;

    expect(error.code).toBe('ECONNREFUSED');
    expect(elapsed).toBeGreaterThanOrEqual(250); // it did keep trying for its budget…
    expect(elapsed).toBeLessThan(1_500); // …and not much longer
  });

  it('retries a server that accepts and drops connections, then reports the last error', async () => {
    const port = await freePort();
    const dropper = await startProxy(port, 'drop');
    cleanups.push(() => dropper.close());
    const { db } = await open({ connectionString: viaPort(port), connectRetryMs: 800 });

    const started = performance.now();
    const error = await failure(sql`select 1`.execute(db));
    const elapsed = performance.now() - started;

    expect(error.message).toMatch(/Connection terminated/);
    expect(dropper.connections).toBeGreaterThanOrEqual(3);
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('fails at once, without retrying, on an error that waiting cannot fix (no such database)', async () => {
    const port = await freePort();
    const proxy = await startProxy(port);
    cleanups.push(() => proxy.close());
    const { db } = await open({
      connectionString: withDatabase(viaPort(port), 'moms_no_such_database'),
      connectRetryMs: 10_000,
    });

    const started = performance.now();
    const error = await failure(sql`select 1`.execute(db));
    const elapsed = performance.now() - started;

    expect(error.code).toBe('3D000');
    expect(proxy.connections).toBe(1);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('applies statement_timeout to every connection', async () => {
    const { db } = await open({ connectionString: adminUrl(process.env.DATABASE_URL!), statementTimeoutMs: 200 });

    const shown = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db);
    expect(shown.rows[0]!.statement_timeout).toBe('200ms');

    const started = performance.now();
    const error = await failure(sql`select pg_sleep(2)`.execute(db));
    const elapsed = performance.now() - started;

    expect(error.code).toBe('57014');
    expect(elapsed).toBeLessThan(1_500);
    // The connection stays usable after a cancelled statement.
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
  });
});
