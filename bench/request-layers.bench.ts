/**
 * Where a list request's CPU goes, layer by layer, in one process (no HTTP, no load generator):
 * the bare SQL function the throughput baseline serves (`users-page.ts`, `contacts-page.ts`), the
 * module's service function (Kysely, visibility, names, DTOs, the signed cursor), and the standardApi
 * handler invoked with the API Gateway event and the authorizer's verdict (adapter, Hono, the
 * platform's middleware, validation, the answer cut to its schema, JSON). What `npm run
 * bench:throughput` adds on top is the HTTP server and the emulator.
 *
 * Each variant runs N operations 10 at a time, in several passes; the figure is the process's CPU time
 * (user + system, all threads, so garbage collection too) per operation in the best pass after the
 * first: CPU time is steadier than wall time on a shared machine, and the minimum the least disturbed.
 * Run: npm run bench:layers   (env BENCH_N, default 1000; BENCH_PASSES, default 5; BENCH_CONTACTS,
 * default 20000; BENCH_PG_URL)
 */
import './lib/quiet.js';
import pg from 'pg';
import { createRuntime } from '../src/app/runtime.js';
import { createStandardApiHandler } from '../src/functions/standard-api.js';
// The services behind the two lists, below their modules' public surface: the layer this bench measures.
// eslint-disable-next-line no-restricted-imports -- see above
import { listContacts } from '../src/modules/crm/contacts/contacts.service.js';
// eslint-disable-next-line no-restricted-imports -- see above
import { listUsers } from '../src/modules/auth/users.service.js';
import { fromAuthorizerContext } from '../src/platform/auth/authorizer-context.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { seedContacts } from './lib/contacts-seed.js';
import { contactsPage } from './lib/contacts-page.js';
import { listEvent, prepareUsersEvent, type UsersEvent } from './lib/users-event.js';
import { usersPage } from './lib/users-page.js';
import { printTable, ratio } from './lib/stats.js';

const N = Math.max(100, Number(process.env.BENCH_N ?? 1000));
const PASSES = Math.max(2, Number(process.env.BENCH_PASSES ?? 5));
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 20_000);
const CONCURRENCY = 10;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

setTimeout(() => {
  console.error('request-layers bench: gave up after 15 minutes');
  process.exit(2);
}, 900_000).unref();

async function cpuPerOp(run: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  let started = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started++ < N) await run();
    }),
  );
  const used = process.cpuUsage(start);
  return (used.user + used.system) / N;
}

async function main() {
  const database = await createBenchDatabase('moms_bench_layers');
  const pool = new pg.Pool({ connectionString: database.url, max: CONCURRENCY });
  pool.on('error', () => undefined);
  try {
    const usersEvent = await prepareUsersEvent(database.url, JWT_SECRET);
    const runtime = createRuntime(
      loadConfig({ DATABASE_URL: database.url, JWT_SECRET, LOG_LEVEL: 'silent', DB_POOL_MAX: String(CONCURRENCY) }),
    );
    const handler = createStandardApiHandler(runtime);
    const db = await runtime.getDb();
    await seedContacts(db, CONTACTS);
    const verdict = fromAuthorizerContext(
      usersEvent.requestContext.authorizer.lambda as unknown as Record<string, unknown>,
    );
    if (!('actor' in verdict)) throw new Error('the bench token has no actor');
    const ctx = { actor: verdict.actor, requestId: 'bench' };
    const contactsEvent = listEvent(
      usersEvent,
      '/api/v1/crm/contacts',
      { limit: '50', sort: '-createdAt' },
      'ANY /api/v1/crm/{proxy+}',
    );
    const viaHandler = (event: UsersEvent) => async () => {
      const result = await handler(event);
      if (result.statusCode !== 200) throw new Error(`${event.rawPath}: ${result.statusCode} ${result.body}`);
      return result;
    };
    const lists = {
      'users (20)': {
        'bare SQL function (baseline)': () => usersPage(pool, 20),
        'module service': () => listUsers(db, { limit: 20, sort: 'email' }),
        'standardApi handler(event)': viaHandler(usersEvent),
      },
      'contacts (50)': {
        'bare SQL function (baseline)': () => contactsPage(pool, 50),
        'module service': () => listContacts(db, ctx, { limit: 50, sort: '-createdAt' }),
        'standardApi handler(event)': viaHandler(contactsEvent),
      },
    };

    const best = new Map<string, number>();
    for (let pass = 0; pass < PASSES; pass++) {
      for (const [list, variants] of Object.entries(lists)) {
        for (const [name, run] of Object.entries(variants)) {
          await run();
          const us = await cpuPerOp(run);
          const key = `${list}|${name}`;
          if (pass > 0) best.set(key, Math.min(best.get(key) ?? Infinity, us));
        }
      }
    }

    console.log(
      `\nCPU per operation by layer, one process on PostgreSQL (${database.name}); ${N} operations ${CONCURRENCY} at a ` +
        `time, best of ${PASSES - 1} passes after a first; node ${process.versions.node}.\n`,
    );
    const table = [['list', 'layer', 'CPU/op', '× baseline', 'added by the layer']];
    for (const [list, variants] of Object.entries(lists)) {
      const names = Object.keys(variants);
      const base = best.get(`${list}|${names[0]}`)!;
      names.forEach((name, i) => {
        const us = best.get(`${list}|${name}`)!;
        const below = i === 0 ? 0 : best.get(`${list}|${names[i - 1]}`)!;
        table.push([
          list,
          name,
          `${us.toFixed(0)} µs`,
          ratio(us, base),
          i === 0 ? '' : `${(us - below).toFixed(0)} µs`,
        ]);
      });
    }
    printTable(table);
    await runtime.close();
  } finally {
    await pool.end();
    await database.drop();
  }
}

await main();
