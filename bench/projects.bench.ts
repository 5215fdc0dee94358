/**
 * Projects at size: one project with 20,000 tasks (200 phases of 99 tasks, 40 people, ~5,000 dependencies)
 * and 200,000 time entries, next to 50 small projects, on PostgreSQL, seeded with INSERT … SELECT
 * generate_series. Measures, through the real app in-process (Hono route → service → PostgreSQL, a
 * signed-in project manager), the board, the Gantt data (a month, a quarter, the whole project), the portfolio and
 * the project roll-up, each against the bare SQL statements it stands on, timed in the same run, alternating.
 * Run: npm run bench:projects
 * Env: BENCH_TASKS (20000), BENCH_ENTRIES (200000), BENCH_RUNS (15), BENCH_KEEP=1 (keep the database), BENCH_PG_URL.
 */
import './lib/quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrate } from '../src/app/migrations.js';
import { createRuntime } from '../src/app/runtime.js';
import { createStandardApp } from '../src/app/standard-app.js';
import { createUser } from '../src/modules/auth/index.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase } from '../src/platform/db/create-database.js';
import type { Db } from '../src/platform/db/database.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { median, ms, printTable, ratio } from './lib/stats.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 20_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 200_000);
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 15));
const PHASES = Math.max(1, Math.round(TASKS / 100));
const PER_PHASE = Math.floor((TASKS - PHASES) / PHASES);
const PEOPLE = 40;
const SMALL_PROJECTS = 50;
const AIM_MS = 100;
const PASSWORD = 'bench-password-0123456789';
const START = '2026-01-05';

setTimeout(() => {
  console.error('projects bench: gave up (time limit)');
  process.exit(2);
}, 15 * 60_000).unref();

const pick = (salt: number, n: number) => sql`1 + abs(hashint4(g + ${salt}) % ${n})`;

async function seed(db: Db, projectId: string, smallIds: string[], people: string[]) {
  const started = performance.now();
  const step = async (label: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    return `${label} ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  };
  const status = (category: string) =>
    sql`(select id from projects.statuses where project_id = ${projectId} and category = ${category})`;
  const steps = [
    await step('members', () =>
      sql`insert into projects.members (project_id, user_id, role, cost_rate, billing_rate)
        select p, u, 'member', 60, 120 from unnest(${[projectId, ...smallIds]}::uuid[]) p, unnest(${people}::uuid[]) u
        on conflict do nothing`.execute(db),
    ),
    await step('phases', () =>
      sql`insert into projects.tasks (project_id, number, type, title, status_id, start_date, due_date, rank)
        select ${projectId}, g, 'phase', 'Phase ' || g, ${status('in_progress')},
          ${START}::date + (g - 1) * 2, ${START}::date + (g - 1) * 2 + 60, g
        from generate_series(1, ${PHASES}) g`.execute(db),
    ),
    await step('tasks', () =>
      sql`with ph as (select id, number, start_date from projects.tasks where project_id = ${projectId} and type = 'phase'),
             x as (select g, abs(hashint4(g + 3) % 100) as k from generate_series(1, ${PHASES * PER_PHASE}) g)
        insert into projects.tasks (project_id, number, parent_id, type, title, status_id, priority, start_date, due_date,
          estimate_hours, labels, rank, completed_at)
        select ${projectId}, ${PHASES} + x.g, ph.id, case when x.g % ${PER_PHASE} = 0 then 'milestone' else 'task' end,
          'Task ' || x.g,
          case when x.k < 40 then ${status('done')} when x.k < 60 then ${status('in_progress')} else ${status('todo')} end,
          (array['low', 'medium', 'high', 'urgent'])[1 + x.g % 4],
          ph.start_date + (x.g % 50), ph.start_date + (x.g % 50) + case when x.g % ${PER_PHASE} = 0 then 0 else 1 + x.g % 9 end,
          case when x.g % ${PER_PHASE} = 0 then null else 1 + x.g % 24 end,
          case when x.g % 3 = 0 then array['backend'] else '{}' end, x.g,
          case when x.k < 40 then now() end
        from x join ph on ph.number = 1 + (x.g - 1) / ${PER_PHASE}`.execute(db),
    ),
    await step('assignees', () =>
      sql`insert into projects.task_assignees (task_id, user_id)
        select t.id, (${people}::uuid[])[1 + abs(hashint4(t.number) % ${PEOPLE})] from projects.tasks t
        where t.project_id = ${projectId} and t.type <> 'phase'`.execute(db),
    ),
    await step('dependencies', () =>
      sql`insert into projects.dependencies (predecessor_id, successor_id, kind)
        select p.id, s.id, case when s.number % 8 = 0 then 'start_to_start' else 'finish_to_start' end
        from projects.tasks s join projects.tasks p on p.project_id = s.project_id and p.number = s.number - 1
        where s.project_id = ${projectId} and s.number % 4 = 0 and s.number > ${PHASES + 1} and p.parent_id = s.parent_id`.execute(
        db,
      ),
    ),
    await step('small projects', () =>
      sql`insert into projects.tasks (project_id, number, type, title, status_id, start_date, due_date, estimate_hours, rank)
        select p.id, g, case when g % 10 = 0 then 'milestone' else 'task' end, 'Small ' || g,
          (select s.id from projects.statuses s where s.project_id = p.id order by s.position offset (g % 3) limit 1),
          ${START}::date + g * 3, ${START}::date + g * 3 + 2, 1 + g % 8, g
        from unnest(${smallIds}::uuid[]) p(id), generate_series(1, 20) g`.execute(db),
    ),
    await step('time entries', () =>
      sql`with t as (select id, row_number() over (order by number) n from projects.tasks
                     where project_id = ${projectId} and type = 'task')
        insert into projects.time_entries (project_id, task_id, user_id, entry_date, hours, billable, cost_rate, billing_rate, currency)
        select ${projectId}, t.id, (${people}::uuid[])[${pick(5, PEOPLE)}], ${START}::date + abs(hashint4(g + 6) % 365),
          1 + abs(hashint4(g + 7) % 8), g % 5 <> 0, 60, 120, 'EUR'
        from generate_series(1, ${ENTRIES}) g
        join t on t.n = 1 + abs(hashint4(g + 4) % ${PHASES * PER_PHASE - PHASES})`.execute(db),
    ),
    await step('time totals', () =>
      sql`insert into projects.time_totals (project_id, hours, cost, billable_value)
        select project_id, sum(hours), coalesce(sum(hours * cost_rate), 0),
          coalesce(sum(hours * billing_rate) filter (where billable), 0)
        from projects.time_entries group by project_id
        on conflict (project_id) do update set hours = excluded.hours, cost = excluded.cost,
          billable_value = excluded.billable_value`.execute(db),
    ),
    await step('counter', () =>
      sql`update projects.projects p set next_task_number = 1 + (select max(number) from projects.tasks t where t.project_id = p.id)`.execute(
        db,
      ),
    ),
    await step('vacuum analyze', () => sql`vacuum analyze`.execute(db)),
  ];
  return { seconds: (performance.now() - started) / 1000, steps };
}

// ---- the bare statements each view stands on ------------------------------------------------------

const leafProgress = (where: ReturnType<typeof sql>) => sql`
  select t.project_id, count(*), count(*) filter (where s.category = 'done'), sum(t.estimate_hours),
    sum(t.estimate_hours) filter (where s.category = 'done'), count(t.estimate_hours)
  from projects.tasks t join projects.statuses s on s.id = t.status_id
  where ${where} and not exists (select 1 from projects.tasks k where k.parent_id = t.id)
  group by t.project_id`;

/** The board's statements, issued together as the app does (a pool of 4). */
async function bareBoard(db: Db, projectId: string) {
  await Promise.all([
    sql`select s.id, c.* from projects.statuses s cross join lateral (
      select t.id, t.number, t.title, t.type, t.priority, t.due_date, t.estimate_hours, t.labels, t.rank, t.version,
        coalesce((select array_agg(a.user_id order by a.user_id) from projects.task_assignees a where a.task_id = t.id), '{}'),
        exists (select 1 from projects.dependencies d join projects.tasks p on p.id = d.predecessor_id
          join projects.statuses ps on ps.id = p.status_id where d.successor_id = t.id
          and ((d.kind = 'finish_to_start' and ps.category <> 'done') or (d.kind = 'start_to_start' and ps.category = 'todo')))
      from projects.tasks t where t.project_id = ${projectId} and t.status_id = s.id order by t.rank, t.id limit 50) c
    where s.project_id = ${projectId} order by s.position, c.rank, c.id`.execute(db),
    sql`select status_id, count(*) from projects.tasks where project_id = ${projectId} group by status_id`.execute(db),
  ]);
}

async function bareGantt(db: Db, projectId: string, from?: string, to?: string) {
  const window =
    from && to
      ? sql`and coalesce(t.due_date, t.start_date) >= ${from} and coalesce(t.start_date, t.due_date) <= ${to}`
      : sql``;
  // Issued together, as the app does (a pool of 4).
  await Promise.all([
    sql`select t.id, t.number, t.title, t.type, t.parent_id, t.start_date, t.due_date, s.category, t.version
    from projects.tasks t join projects.statuses s on s.id = t.status_id
    where t.project_id = ${projectId} and (t.start_date is not null or t.due_date is not null) ${window}
    order by coalesce(t.start_date, t.due_date), t.number`.execute(db),
    sql`select d.id, d.predecessor_id, d.successor_id, d.kind, d.lag_days, p.project_id <> s.project_id
    from projects.dependencies d join projects.tasks p on p.id = d.predecessor_id join projects.tasks s on s.id = d.successor_id
    where p.project_id = ${projectId} or s.project_id = ${projectId}`.execute(db),
    // The condensed tree the parents' progress is rolled up from: parents, and their direct leaves' figures.
    await sql`select t.id, t.parent_id from projects.tasks t where t.project_id = ${projectId}
    and exists (select 1 from projects.tasks k where k.parent_id = t.id)`.execute(db),
    sql`select t.parent_id, count(*), count(*) filter (where s.category = 'done'), sum(t.estimate_hours),
      sum(t.estimate_hours) filter (where s.category = 'done'), count(t.estimate_hours)
    from projects.tasks t join projects.statuses s on s.id = t.status_id
    where t.project_id = ${projectId} and t.parent_id is not null
      and not exists (select 1 from projects.tasks k where k.parent_id = t.id)
    group by t.parent_id`.execute(db),
  ]);
}

async function barePortfolio(db: Db) {
  const { rows } = await sql<{ id: string }>`
    with p as (select p.* from projects.projects p where p.archived_at is null order by p.code limit 500),
    e as (select x.project_id, x.hours, x.cost from projects.time_totals x where x.project_id in (select id from p)),
    m as (select t.project_id, count(*) filter (where t.type = 'milestone' and t.due_date < current_date) as overdue,
        count(*) as open from projects.tasks t join projects.statuses s on s.id = t.status_id
      where t.project_id in (select id from p) and s.category <> 'done' group by t.project_id)
    select p.id, p.code, p.name, p.status, p.budget_hours, p.budget_amount, e.hours, e.cost, m.overdue, m.open
    from p left join e on e.project_id = p.id left join m on m.project_id = p.id order by p.code`.execute(db);
  await leafProgress(sql`t.project_id = any(${rows.map((r) => r.id)}::uuid[])`).execute(db);
}

async function main() {
  const database = await createBenchDatabase('moms_bench_projects');
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
    const email = 'pm@bench.moms.local';
    const pm = await createUser(db, system, {
      email,
      name: 'Bench PM',
      password: PASSWORD,
      roles: ['project-manager'],
    });
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const people: string[] = [];
    for (let i = 1; i <= PEOPLE; i++)
      people.push(
        (
          await createUser(db, system, {
            email: `dev${i}@bench.moms.local`,
            name: `Dev ${i}`,
            roles: ['team-member'],
            passwordHash: 'bench$no-login',
          })
        ).id,
      );
    const create = async (code: string, name: string) =>
      (
        JSON.parse(
          await call('/api/v1/projects/projects', token, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              code,
              name,
              status: 'active',
              budgetHours: '50000',
              budgetAmount: '3000000',
              currency: 'EUR',
            }),
          }),
        ) as { id: string }
      ).id;
    const projectId = await create('BIG', 'The big one');
    const smallIds: string[] = [];
    for (let i = 1; i <= SMALL_PROJECTS; i++) smallIds.push(await create(`S${i}`, `Small ${i}`));
    void pm;

    const seeded = await seed(db, projectId, smallIds, people);
    const [{ n: taskCount }] = (
      await sql<{ n: number }>`select count(*)::int as n from projects.tasks where project_id = ${projectId}`.execute(
        db,
      )
    ).rows as [{ n: number }];
    console.log(
      `\nseeded ${taskCount.toLocaleString('en-US')} tasks and ${ENTRIES.toLocaleString('en-US')} time entries in one project, ` +
        `${SMALL_PROJECTS} small projects, in ${seeded.seconds.toFixed(1)} s (${seeded.steps.join(', ')})`,
    );

    const base = `/api/v1/projects/projects/${projectId}`;
    const cases: { name: string; url: string; bare: () => Promise<unknown>; size: (body: unknown) => string }[] = [
      {
        name: 'board (50 cards per column)',
        url: `${base}/board`,
        bare: () => bareBoard(db, projectId),
        size: (b) =>
          `${(b as { columns: { cards: unknown[] }[] }).columns.reduce((n, c) => n + c.cards.length, 0)} cards`,
      },
      {
        name: 'Gantt data, a month',
        url: `${base}/gantt?from=2026-05-01&to=2026-05-31`,
        bare: () => bareGantt(db, projectId, '2026-05-01', '2026-05-31'),
        size: (b) => `${(b as { tasks: unknown[] }).tasks.length} tasks`,
      },
      {
        name: 'Gantt data, a quarter',
        url: `${base}/gantt?from=2026-04-01&to=2026-06-30`,
        bare: () => bareGantt(db, projectId, '2026-04-01', '2026-06-30'),
        size: (b) => `${(b as { tasks: unknown[] }).tasks.length} tasks`,
      },
      {
        name: 'Gantt data, whole project',
        url: `${base}/gantt`,
        bare: () => bareGantt(db, projectId),
        size: (b) => `${(b as { tasks: unknown[] }).tasks.length} tasks`,
      },
      {
        name: 'portfolio',
        url: '/api/v1/projects/portfolio',
        bare: () => barePortfolio(db),
        size: (b) => `${(b as { items: unknown[] }).items.length} projects`,
      },
      {
        name: 'project roll-up',
        url: `${base}/progress`,
        bare: () => leafProgress(sql`t.project_id = ${projectId}`).execute(db),
        size: (b) => `${(b as { progress: { total: number } }).progress.total} leaves`,
      },
    ];

    const rows: string[][] = [['case', 'answer', 'bare SQL (median)', 'app (median)', 'ratio', `< ${AIM_MS} ms`]];
    let met = true;
    const time = async (work: () => Promise<unknown>) => {
      const t0 = performance.now();
      await work();
      return performance.now() - t0;
    };
    for (const c of cases) {
      const first = JSON.parse(await call(c.url, token)) as unknown;
      await c.bare();
      const bares: number[] = [];
      const apps: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        bares.push(await time(c.bare));
        apps.push(await time(() => call(c.url, token)));
      }
      const [bare, appMs] = [median(bares), median(apps)];
      if (appMs >= AIM_MS) met = false;
      rows.push([c.name, c.size(first), ms(bare), ms(appMs), ratio(appMs, bare), appMs < AIM_MS ? 'yes' : 'NO']);
    }
    console.log(
      `\nmedian of ${RUNS} runs each (alternating bare SQL / app), PostgreSQL, in-process app, as the project manager`,
    );
    printTable(rows);
    console.log(
      `\naim (each < ${AIM_MS} ms at ${taskCount.toLocaleString('en-US')} tasks): ${met ? 'met' : 'NOT met'}`,
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
