/**
 * CRM at size: 100,000 contacts (10,000 organizations, 10,000 leads) and 50,000 opportunities on PostgreSQL,
 * seeded with INSERT … SELECT generate_series. Measures, through the real app in-process (Hono route
 * → service → PostgreSQL, signed-in tokens), contact search (`q`, a few typical terms), the global
 * search, the board and the forecast, as an admin (sees all) and as a sales manager (sees a team's),
 * each against the bare SQL statement it is built on, timed in the same run, alternating.
 * Run: npm run bench:crm
 * Env: BENCH_CONTACTS (100000), BENCH_OPPORTUNITIES (50000), BENCH_RUNS (15), BENCH_TERMS (more search
 * terms, comma-separated; default mar,jo: common short prefixes), BENCH_KEEP=1 (keep the database to explore it), BENCH_PG_URL.
 */
import './lib/quiet.js';
import { faker } from '@faker-js/faker';
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

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 50_000);
const ORGANIZATIONS = Math.max(10, Math.round(CONTACTS / 10));
const LEADS = Math.max(10, Math.round(CONTACTS / 10));
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 15));
const OWNERS = 40;
const TEAM = 10;
const SEARCH_AIM_MS = 50;
const PASSWORD = 'bench-password-0123456789';

setTimeout(() => {
  console.error('crm bench: gave up (time limit)');
  process.exit(2);
}, 15 * 60_000).unref();

// ---- seed ----------------------------------------------------------------------------------------

faker.seed(2026);
const unique = (make: () => string, n: number) => {
  const set = new Set<string>();
  for (let i = 0; set.size < n && i < n * 50; i++) set.add(make());
  return [...set];
};
const FIRST = unique(() => faker.person.firstName(), 400);
const LAST = unique(() => faker.person.lastName(), 1500);
const COMPANIES = unique(() => faker.company.name(), 3000);
const INDUSTRIES = unique(() => faker.commerce.department(), 15);
const TITLES = unique(() => faker.person.jobTitle(), 200);
const PRODUCTS = unique(() => faker.commerce.productName(), 300);

/** A pseudo-random index 1…n from g and a salt (stable across runs). */
const pick = (salt: number, n: number) => sql`1 + abs(hashint4(g + ${salt}) % ${n})`;

async function seed(db: Db, owners: string[], pipelineId: string) {
  const started = performance.now();
  const step = async (label: string, query: RawBuilder<unknown>) => {
    const t0 = performance.now();
    await query.execute(db);
    return `${label} ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  };
  const steps = [
    await step(
      'organizations',
      sql`insert into crm.organizations (name, domain, industry, owner_id, created_at, updated_at)
        select c.name, lower(regexp_replace(c.name, '[^a-zA-Z0-9]+', '', 'g')) || g || '.example',
               (${INDUSTRIES}::text[])[${pick(1, INDUSTRIES.length)}], (${owners}::uuid[])[${pick(2, owners.length)}],
               now() - g * interval '37 minutes', now() - g * interval '37 minutes'
        from generate_series(1, ${ORGANIZATIONS}) g,
             lateral (select (${COMPANIES}::text[])[1 + g % ${COMPANIES.length}] as name) c`,
    ),
    await step(
      'contacts',
      sql`with o as (select id, domain, row_number() over (order by id) n from crm.organizations)
        insert into crm.contacts (first_name, last_name, emails, phones, title, organization_id, owner_id,
                                  created_at, updated_at)
        select x.f, x.l, array[lower(regexp_replace(x.f || '.' || x.l, '[^a-zA-Z.]', '', 'g')) || (g % 100) || '@' || o.domain],
               array['+1 ' || (200 + g % 800) || ' 555 ' || lpad((g % 10000)::text, 4, '0')],
               (${TITLES}::text[])[${pick(3, TITLES.length)}], o.id, (${owners}::uuid[])[${pick(4, owners.length)}],
               now() - g * interval '5 minutes', now() - g * interval '5 minutes'
        from generate_series(1, ${CONTACTS}) g
        join o on o.n = 1 + g % ${ORGANIZATIONS}
        cross join lateral (select (${FIRST}::text[])[${pick(5, FIRST.length)}] as f,
                                   (${LAST}::text[])[${pick(6, LAST.length)}] as l) x`,
    ),
    await step(
      'opportunities',
      sql`with s as (select id, position, probability, is_won, is_lost from crm.stages where pipeline_id = ${pipelineId}),
             o as (select id, name, row_number() over (order by id) n from crm.organizations),
             x as (select g, k, case when k < 20 then 0 when k < 40 then 1 when k < 60 then 2 when k < 85 then 3
                                     when k < 95 then 4 else 5 end as stage_position,
                          now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute' as created
                   from (select g, abs(hashint4(g + 7) % 100) k from generate_series(1, ${OPPORTUNITIES}) g) t)
        insert into crm.opportunities (name, organization_id, pipeline_id, stage_id, position, amount, currency,
          expected_close_date, probability, status, closed_at, owner_id, created_at, updated_at)
        select o.name || ': ' || (${PRODUCTS}::text[])[${pick(8, PRODUCTS.length)}], o.id, ${pipelineId}, s.id,
               row_number() over (partition by s.id order by x.g) - 1,
               (500 + abs(hashint4(g + 9) % 200000))::numeric + (g % 100) / 100.0,
               (array['EUR', 'USD', 'GBP'])[1 + g % 3], current_date - 90 + g % 540, s.probability,
               case when s.is_won then 'won' when s.is_lost then 'lost' else 'open' end,
               case when s.is_won or s.is_lost then x.created + (1 + g % 120) * interval '1 day' end,
               (${owners}::uuid[])[${pick(10, owners.length)}], x.created, x.created
        from x join s on s.position = x.stage_position join o on o.n = 1 + x.g % ${ORGANIZATIONS}`,
    ),
    await step(
      'leads',
      sql`insert into crm.leads (name, email, company, source, status, score, owner_id, created_at, updated_at)
        select f || ' ' || l, lower(regexp_replace(f || '.' || l, '[^a-zA-Z.]', '', 'g')) || g || '@lead.example',
               (${COMPANIES}::text[])[${pick(11, COMPANIES.length)}], 'web',
               (array['new', 'contacted', 'qualified'])[1 + g % 3], g % 101,
               (${owners}::uuid[])[${pick(12, owners.length)}], now() - g * interval '50 minutes', now() - g * interval '50 minutes'
        from generate_series(1, ${LEADS}) g,
             lateral (select (${FIRST}::text[])[${pick(13, FIRST.length)}] as f, (${LAST}::text[])[${pick(14, LAST.length)}] as l) x`,
    ),
    await step('vacuum analyze', sql`vacuum analyze`),
  ];
  return { seconds: (performance.now() - started) / 1000, steps };
}

// ---- measure -------------------------------------------------------------------------------------

interface Case {
  name: string;
  url: string;
  token: string;
  bare: () => Promise<unknown>;
  aim?: number;
}

const relevance = (vector: RawBuilder<unknown>, q: string) =>
  sql`round(((${vector} @@ crm.search_query(${q}, false))::int + ts_rank(${vector}, crm.search_query(${q}, true), 1))::numeric, 6)`;
const matches = (vector: RawBuilder<unknown>, q: string) => sql`${vector} @@ crm.search_query(${q}, true)`;
const visibleTo = (managerId: string | null, column: string) =>
  managerId
    ? sql`(${sql.ref(column)} = ${managerId} or ${sql.ref(column)} in (select m.user_id from crm.team_members m
          join crm.team_members mgr on mgr.team_id = m.team_id where mgr.user_id = ${managerId} and mgr.is_manager))`
    : sql`true`;

/** The statement a contacts search runs: matches, ranked, the first page of 50 (+1). */
const bareSearch = (q: string, managerId: string | null = null) =>
  sql`select c.*, ${relevance(sql`c.search_vector`, q)} as relevance from crm.contacts c
      where ${matches(sql`c.search_vector`, q)} and ${visibleTo(managerId, 'c.owner_id')}
      order by relevance desc, c.id desc limit 51`;
/** The global search's four statements: the best 10 of each kind (no team visibility: an admin). */
async function bareGlobal(db: Db, q: string) {
  for (const [table, vector] of [
    ['organizations', sql`t.search_vector`],
    ['contacts', sql`t.search_vector`],
    ['leads', sql`t.search_vector`],
    ['opportunities', sql`crm.search_document(t.name)`],
  ] as const) {
    await sql`select t.id, ${relevance(vector, q)} as relevance from ${sql.table(`crm.${table}`)} t
      where ${matches(vector, q)} order by relevance desc, t.id limit 10`.execute(db);
  }
}

/**
 * The board's two statements: the first 100 opportunities of each stage in position order, and the
 * count and amount per stage and currency (one grouped scan of the pipeline).
 */
async function bareBoard(db: Db, pipelineId: string, managerId: string | null = null) {
  await sql`select o.* from crm.stages s cross join lateral (select o.* from crm.opportunities o
      where o.stage_id = s.id and ${visibleTo(managerId, 'o.owner_id')} order by o.position, o.id limit 100) o
    where s.pipeline_id = ${pipelineId} order by s.position, o.position, o.id`.execute(db);
  await sql`select o.stage_id, o.currency, count(*), sum(o.amount)::text from crm.opportunities o
      where o.pipeline_id = ${pipelineId} and ${visibleTo(managerId, 'o.owner_id')}
      group by o.stage_id, o.currency order by o.stage_id, o.currency`.execute(db);
}
/** The forecast's statement: the open pipeline by close month and by owner, per currency (grouping sets). */
const bareForecast = (pipelineId: string, managerId: string | null = null) =>
  sql`select to_char(o.expected_close_date, 'YYYY-MM') as month, o.owner_id, o.currency, grouping(o.owner_id),
             count(*), sum(o.amount), round(sum(o.amount * o.probability / 100), 4)
      from crm.opportunities o where o.pipeline_id = ${pipelineId} and o.status = 'open'
        and ${visibleTo(managerId, 'o.owner_id')}
      group by grouping sets ((to_char(o.expected_close_date, 'YYYY-MM'), o.currency), (o.owner_id, o.currency))
      order by month nulls last, o.owner_id, o.currency`;

async function main() {
  const database = await createBenchDatabase('moms_bench_crm');
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
    const call = async (url: string, token: string, init: RequestInit = {}) => {
      const res = await app.request(url, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${text}`);
      return text;
    };
    const system = { actor: null, requestId: 'bench' };
    const signIn = async (email: string, roles: string[]) => {
      const user = await createUser(db, system, { email, name: email, password: PASSWORD, roles });
      const res = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      return { id: user.id, token: ((await res.json()) as { accessToken: string }).accessToken };
    };
    const admin = await signIn('admin@bench.moms.local', ['admin']);
    const manager = await signIn('manager@bench.moms.local', ['sales-manager']);
    const owners: string[] = [];
    for (let i = 1; i <= OWNERS; i++) {
      const rep = await createUser(db, system, {
        email: `rep${i}@bench.moms.local`,
        name: `Rep ${i}`,
        roles: ['sales-rep'],
        passwordHash: 'bench$no-login',
      });
      owners.push(rep.id);
    }
    await call('/api/v1/crm/teams', admin.token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Bench team',
        members: [
          { userId: manager.id, isManager: true },
          ...owners.slice(0, TEAM).map((userId) => ({ userId, isManager: false })),
        ],
      }),
    });
    const pipelines = JSON.parse(await call('/api/v1/crm/pipelines', admin.token)) as {
      items: { id: string; isDefault: boolean }[];
    };
    const pipelineId = pipelines.items.find((p) => p.isDefault)!.id;

    const seeded = await seed(db, owners, pipelineId);
    console.log(
      `\nseeded ${ORGANIZATIONS.toLocaleString('en-US')} organizations, ${CONTACTS.toLocaleString('en-US')} contacts, ` +
        `${LEADS.toLocaleString('en-US')} leads, ${OPPORTUNITIES.toLocaleString('en-US')} opportunities in ${seeded.seconds.toFixed(1)} s (${seeded.steps.join(', ')})`,
    );

    // Typical terms, from a contact of the manager's team: a surname, a first name, its first three letters (a
    // search box while typing: thousands of matches to rank), a full name, an email fragment, a phone fragment.
    const sample = (
      await sql<{ first_name: string; last_name: string; email: string; phone: string }>`
        select first_name, last_name, emails[1] as email, phones[1] as phone from crm.contacts
        where owner_id = ${owners[0]!} order by created_at, id limit 1`.execute(db)
    ).rows[0]!;
    const terms: [label: string, term: string][] = [
      ['surname', sample.last_name.toLowerCase()],
      ['first name', sample.first_name.toLowerCase()],
      ['3 letters being typed', sample.first_name.slice(0, 3).toLowerCase()],
      ['full name', `${sample.first_name} ${sample.last_name}`],
      ['email fragment', sample.email.split('@')[1]!.split('.')[0]!],
      ['phone fragment', sample.phone.slice(-8)],
    ];
    const surname = terms[0]![1];
    for (const extra of (process.env.BENCH_TERMS ?? 'mar,jo').split(',').filter(Boolean)) terms.push(['prefix', extra]);
    const q = (s: string) => encodeURIComponent(s);
    const cases: Case[] = [
      ...terms.map(([label, term]) => ({
        name: `search contacts: ${label} "${term}"`,
        url: `/api/v1/crm/contacts?q=${q(term)}`,
        token: admin.token,
        bare: () => bareSearch(term).execute(db),
        aim: SEARCH_AIM_MS,
      })),
      {
        name: `search contacts as manager: surname`,
        url: `/api/v1/crm/contacts?q=${q(surname)}`,
        token: manager.token,
        bare: () => bareSearch(surname, manager.id).execute(db),
        aim: SEARCH_AIM_MS,
      },
      {
        name: 'global search (4 kinds, 10 hits): surname',
        url: `/api/v1/crm/search?q=${q(surname)}`,
        token: admin.token,
        bare: () => bareGlobal(db, surname),
        aim: SEARCH_AIM_MS,
      },
      {
        name: 'board (100 per stage)',
        url: `/api/v1/crm/pipelines/${pipelineId}/board`,
        token: admin.token,
        bare: () => bareBoard(db, pipelineId),
      },
      {
        name: 'board as manager',
        url: `/api/v1/crm/pipelines/${pipelineId}/board`,
        token: manager.token,
        bare: () => bareBoard(db, pipelineId, manager.id),
      },
      {
        name: 'forecast',
        url: `/api/v1/crm/pipelines/${pipelineId}/forecast`,
        token: admin.token,
        bare: () => bareForecast(pipelineId).execute(db),
      },
      {
        name: 'forecast as manager',
        url: `/api/v1/crm/pipelines/${pipelineId}/forecast`,
        token: manager.token,
        bare: () => bareForecast(pipelineId, manager.id).execute(db),
      },
    ];

    const rows: string[][] = [['case', 'hits', 'bare SQL (median)', 'app (median)', 'ratio', `< ${SEARCH_AIM_MS} ms`]];
    let met = true;
    for (const c of cases) {
      const time = async (work: () => Promise<unknown>) => {
        const t0 = performance.now();
        await work();
        return performance.now() - t0;
      };
      const first = JSON.parse(await call(c.url, c.token)) as {
        items?: unknown[];
        stages?: { opportunities: unknown[] }[];
      };
      await c.bare();
      const bares: number[] = [];
      const apps: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        bares.push(await time(c.bare));
        apps.push(await time(() => call(c.url, c.token)));
      }
      const [bare, appMs] = [median(bares), median(apps)];
      const hits = first.items?.length ?? first.stages?.reduce((n, s) => n + s.opportunities.length, 0) ?? 0;
      if (c.aim !== undefined && appMs >= c.aim) met = false;
      rows.push([
        c.name,
        String(hits),
        ms(bare),
        ms(appMs),
        ratio(appMs, bare),
        c.aim === undefined ? '—' : appMs < c.aim ? 'yes' : 'NO',
      ]);
    }
    console.log(`\nmedian of ${RUNS} runs each (alternating bare SQL / app), PostgreSQL, in-process app`);
    printTable(rows);
    console.log(
      `\naim (every search < ${SEARCH_AIM_MS} ms at ${CONTACTS.toLocaleString('en-US')} contacts): ${met ? 'met' : 'NOT met'}`,
    );
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP) console.log(`kept the database: ${database.url}`);
    else await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
