/**
 * Supply at size: 1,000,000 stock moves over 10,000 items (one warehouse of 20 locations) on
 * PostgreSQL, seeded with INSERT … SELECT generate_series, with their balances, item costs and FIFO
 * layers. Measures, through the real app in-process (Hono route → service → PostgreSQL, signed-in
 * token), stock on hand for one item and for the warehouse, an item's ledger page, the valuation as of
 * a date (from the month-end snapshot before it plus the moves since), and a delivery's reservation + issue + posting (two requests: reserve, then deliver the
 * reservation, which moves the stock, consumes FIFO layers and posts COGS against inventory through
 * Finance) — each against the bare SQL it is built on, timed in the same run, alternating.
 * Run: npm run bench:supply
 * Env: BENCH_MOVES (1000000), BENCH_ITEMS (10000), BENCH_RUNS (15), BENCH_KEEP=1, BENCH_PG_URL.
 */
import './lib/quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { migrate } from '../src/app/migrations.js';
import { createRuntime } from '../src/app/runtime.js';
import { createStandardApp } from '../src/app/standard-app.js';
import { createUser } from '../src/modules/auth/index.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase } from '../src/platform/db/create-database.js';
import type { Db } from '../src/platform/db/database.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { median, ms, printTable, ratio } from './lib/stats.js';

const MOVES = Number(process.env.BENCH_MOVES ?? 1_000_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const LOCATIONS = 20;
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 15));
const READ_AIM_MS = 100;
const DELIVERY_AIM_MS = 50;
const PASSWORD = 'bench-password-0123456789';

setTimeout(() => {
  console.error('supply bench: gave up (time limit)');
  process.exit(2);
}, 20 * 60_000).unref();

async function seed(db: Db, warehouseId: string) {
  const started = performance.now();
  const step = async (label: string, query: RawBuilder<unknown>) => {
    const t0 = performance.now();
    await query.execute(db);
    return `${label} ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  };
  // Two receipts of 10 for every delivery of 1–5: stock stays positive. Costs 1.00–50.99 per item.
  const steps = [
    await step(
      'locations',
      sql`insert into supply.locations (warehouse_id, code, name)
          select ${warehouseId}, 'L-' || lpad(g::text, 2, '0'), 'Bay ' || g from generate_series(2, ${LOCATIONS}) g`,
    ),
    await step(
      'items',
      sql`insert into supply.items (sku, name, type, uom, tracking, allow_negative)
          select 'SKU-' || lpad(g::text, 6, '0'), 'Item ' || g, 'stocked', 'pcs', 'none', false
          from generate_series(1, ${ITEMS}) g`,
    ),
    await step(
      'moves',
      sql`with i as (select id, row_number() over (order by sku) n, 1 + (row_number() over (order by sku)) % 50 as cost from supply.items),
               l as (select id, row_number() over (order by code) n from supply.locations where warehouse_id = ${warehouseId}),
               m as (select g, 1 + g % ${ITEMS} as item_n, 1 + (g / ${ITEMS}) % ${LOCATIONS} as loc_n,
                            g % 3 = 0 as out, case when g % 3 = 0 then 1 + g % 5 else 10 end as q,
                            current_date - 730 + (g * 730 / ${MOVES})::int as d
                     from generate_series(1, ${MOVES}) g)
          insert into supply.moves (kind, move_date, item_id, quantity, unit, unit_quantity, from_location_id,
                                    to_location_id, reason, value, source_type)
          select case when m.out then 'delivery' else 'receipt' end, m.d, i.id, m.q, 'pcs', m.q,
                 case when m.out then l.id end, case when m.out then null else l.id end,
                 case when m.out then 'sale' else 'purchase' end,
                 case when m.out then -m.q * i.cost else m.q * i.cost end, 'bench'
          from m join i on i.n = m.item_n join l on l.n = m.loc_n`,
    ),
    await step(
      'balances',
      sql`insert into supply.balances (item_id, location_id, lot_id, on_hand)
          select item_id, coalesce(to_location_id, from_location_id), null,
                 sum(case when to_location_id is not null then quantity else -quantity end)
          from supply.moves group by item_id, coalesce(to_location_id, from_location_id)`,
    ),
    await step(
      'item costs and layers',
      sql`with s as (select item_id, sum(case when to_location_id is not null then quantity else -quantity end) q,
                            sum(value) v, max(move_date) d, (array_agg(id order by seq))[1] as move_id
                     from supply.moves group by item_id)
          , c as (insert into supply.item_costs (item_id, quantity, value, last_unit_cost)
                  select item_id, q, v, v / q from s returning item_id)
          insert into supply.cost_layers (item_id, move_id, layer_date, quantity, remaining, unit_cost)
          select item_id, move_id, d, q, q, v / q from s`,
    ),
    await step('vacuum analyze', sql`vacuum analyze`),
  ];
  return { seconds: (performance.now() - started) / 1000, steps };
}

interface Case {
  name: string;
  run: () => Promise<unknown>;
  bare: () => Promise<unknown>;
  aim: number;
}

const bareOnHand = (filter: RawBuilder<unknown>) =>
  sql`select b.item_id, i.sku, b.location_id, l.warehouse_id, b.lot_id, t.code, t.expiry_date, b.on_hand, b.reserved
      from supply.balances b join supply.locations l on l.id = b.location_id join supply.items i on i.id = b.item_id
      left join supply.lots t on t.id = b.lot_id
      where (b.on_hand <> 0 or b.reserved <> 0) and ${filter}
      order by i.sku, l.code limit 5000`;

/** The valuation's statements: the latest snapshot on or before the date, then it plus the moves since. */
async function bareValuation(db: Db, asOf: string) {
  const from = (
    await sql<{
      d: string | null;
    }>`select max(as_of)::text as d from supply.valuation_snapshot_dates where as_of <= ${asOf}`.execute(db)
  ).rows[0]!.d;
  await sql`select x.item_id, i.sku, i.name, sum(x.q), sum(x.v) from (
      select item_id, quantity as q, value as v from supply.valuation_snapshots where as_of = ${from}::date
      union all
      select item_id, case when from_location_id is null then quantity when to_location_id is null then -quantity else 0 end, value
      from supply.moves where move_date <= ${asOf}::date and move_date > ${from}::date
    ) x join supply.items i on i.id = x.item_id group by x.item_id, i.sku, i.name order by i.sku`.execute(db);
}

async function main() {
  const database = await createBenchDatabase('moms_bench_supply');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'moms-bench-'));
  const handle = await createDatabase({
    kind: 'postgres',
    pool: {
      connectionString: database.url,
      max: 4,
      idleTimeoutMillis: 5_000,
      statementTimeoutMs: 600_000,
      connectRetryMs: 5_000,
    },
  });
  try {
    const db = handle.db;
    await migrate(db);
    const config = loadConfig({
      JWT_SECRET: 'bench-signing-key-that-is-long-enough-0123456789',
      MOMS_DATA_DIR: dataDir,
    });
    const app = createStandardApp(createRuntime(config, handle));
    const system = { actor: null, requestId: 'bench' };
    await createUser(db, system, {
      email: 'admin@bench.moms.local',
      name: 'Admin',
      password: PASSWORD,
      roles: ['admin'],
    });
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@bench.moms.local', password: PASSWORD }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const call = async (url: string, body?: unknown) => {
      const res = await app.request(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const warehouse = (await call('/api/v1/supply/warehouses', { code: 'MAIN', name: 'Main' })) as {
      id: string;
      locations: { id: string }[];
    };
    const seeded = await seed(db, warehouse.id);
    console.log(
      `\nseeded ${ITEMS.toLocaleString('en-US')} items, ${MOVES.toLocaleString('en-US')} moves in ${seeded.seconds.toFixed(1)} s (${seeded.steps.join(', ')})`,
    );
    const sample = (
      await sql<{ item_id: string; location_id: string }>`
        select item_id, location_id from supply.balances order by on_hand desc, item_id limit 1`.execute(db)
    ).rows[0]!;
    // Month-end valuation snapshots over the two years (what the monthly job records), each from the previous one.
    const t0 = performance.now();
    const monthEnds: string[] = [];
    for (let back = 24; back >= 1; back--) {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - back + 1);
      d.setUTCDate(0);
      monthEnds.push(d.toISOString().slice(0, 10));
    }
    for (const monthEnd of monthEnds) await call('/api/v1/supply/stock/valuation-snapshots', { asOf: monthEnd });
    console.log(
      `${monthEnds.length} month-end valuation snapshots in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const asOf = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    // A delivery needs the ledger's accounts: the first posting creates them (not timed).
    await call('/api/v1/supply/deliveries', {
      lines: [{ itemId: sample.item_id, locationId: sample.location_id, quantity: '1' }],
    });

    const cases: Case[] = [
      {
        name: 'on hand: one item',
        run: () => call(`/api/v1/supply/stock/on-hand?itemId=${sample.item_id}`),
        bare: () => bareOnHand(sql`b.item_id = ${sample.item_id}`).execute(db),
        aim: READ_AIM_MS,
      },
      {
        name: 'on hand: one location (10,000 items, first 5,000)',
        run: () => call(`/api/v1/supply/stock/on-hand?locationId=${sample.location_id}`),
        bare: () => bareOnHand(sql`b.location_id = ${sample.location_id}`).execute(db),
        aim: READ_AIM_MS,
      },
      {
        name: 'on hand: the warehouse (first 5,000 rows)',
        run: () => call(`/api/v1/supply/stock/on-hand?warehouseId=${warehouse.id}`),
        bare: () => bareOnHand(sql`l.warehouse_id = ${warehouse.id}`).execute(db),
        aim: READ_AIM_MS,
      },
      {
        name: 'ledger of one item (first page)',
        run: () => call(`/api/v1/supply/stock/ledger?itemId=${sample.item_id}`),
        bare: () =>
          sql`select m.*, sum(case when m.from_location_id is null then m.quantity when m.to_location_id is null then -m.quantity else 0 end) over (order by m.seq),
                     sum(m.value) over (order by m.seq) from supply.moves m where m.item_id = ${sample.item_id} order by m.seq limit 51`.execute(
            db,
          ),
        aim: READ_AIM_MS,
      },
      {
        name: `valuation as of ${asOf} (all items, snapshot + moves since)`,
        run: () => call(`/api/v1/supply/stock/valuation?asOf=${asOf}`),
        bare: () => bareValuation(db, asOf),
        aim: READ_AIM_MS,
      },
      {
        name: 'delivery: reserve + issue + post (2 requests)',
        run: async () => {
          const r = (await call('/api/v1/supply/reservations', {
            itemId: sample.item_id,
            locationId: sample.location_id,
            quantity: '1',
            reference: 'bench',
          })) as { sourceId: string };
          await call('/api/v1/supply/deliveries', { reservationSourceId: r.sourceId });
        },
        // The same row work without the app: reserve (lock, bump reserved), then issue (lock cost and
        // balance, move it, consume the layer, write the move) — no journal entry, audit or event.
        bare: () =>
          db.transaction().execute(async (trx) => {
            await sql`select * from supply.item_costs where item_id = ${sample.item_id} for update`.execute(trx);
            await sql`update supply.balances set on_hand = on_hand - 1 where item_id = ${sample.item_id}
                      and location_id = ${sample.location_id} and lot_id is null`.execute(trx);
            await sql`update supply.cost_layers set remaining = remaining - 1 where id =
                      (select id from supply.cost_layers where item_id = ${sample.item_id} and remaining > 0 order by seq limit 1)`.execute(
              trx,
            );
            await sql`update supply.item_costs set quantity = quantity - 1, value = value - 1 where item_id = ${sample.item_id}`.execute(
              trx,
            );
            await sql`insert into supply.moves (kind, move_date, item_id, quantity, unit, unit_quantity, from_location_id, reason, value)
                      values ('delivery', current_date, ${sample.item_id}, 1, 'pcs', 1, ${sample.location_id}, 'bench', -1)`.execute(
              trx,
            );
          }),
        aim: DELIVERY_AIM_MS,
      },
    ];

    const rows: string[][] = [['case', 'bare SQL (median)', 'app (median)', 'ratio', 'aim', 'met']];
    let met = true;
    const time = async (work: () => Promise<unknown>) => {
      const t0 = performance.now();
      await work();
      return performance.now() - t0;
    };
    for (const c of cases) {
      await c.bare();
      await c.run();
      const bares: number[] = [];
      const apps: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        bares.push(await time(c.bare));
        apps.push(await time(c.run));
      }
      const [bare, appMs] = [median(bares), median(apps)];
      if (appMs >= c.aim) met = false;
      rows.push([c.name, ms(bare), ms(appMs), ratio(appMs, bare), `< ${c.aim} ms`, appMs < c.aim ? 'yes' : 'NO']);
    }
    console.log(`\nmedian of ${RUNS} runs each (alternating bare SQL / app), PostgreSQL, in-process app`);
    printTable(rows);
    const check = (await call('/api/v1/supply/stock/check')) as { ok: boolean };
    console.log(`\nstock check after the run: ${check.ok ? 'ok' : 'MISMATCH'}; aims ${met ? 'met' : 'NOT all met'}`);
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP) console.log(`kept the database: ${database.url}`);
    else await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
