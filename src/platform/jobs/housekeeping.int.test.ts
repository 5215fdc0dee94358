import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import { workRegistry } from '../../app/jobs.js';
import type { DatabaseHandle } from '../db/create-database.js';
import type { Db } from '../db/database.js';
import { LocalFileStore, localFilesKey } from '../files/local-file-store.js';
import { HOUSEKEEPING_DEFAULTS, jobsHousekeepingSchedule } from './housekeeping.js';
import { provideJobFileStore } from './job-files.js';
import { drainJobs } from './local-worker.js';
import { fireSchedule } from './schedules.js';

let handle: DatabaseHandle;
let db: Db;
let root: string;
let store: LocalFileStore;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  root = mkdtempSync(path.join(tmpdir(), 'moms-housekeeping-'));
  store = new LocalFileStore(root, localFilesKey(Buffer.from('a-test-signing-secret-of-32-bytes!!')));
  provideJobFileStore(async () => store);
});
afterAll(async () => {
  await handle?.close();
  rmSync(root, { recursive: true, force: true });
});

const ago = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;
const ids = async (table: 'platform.outbox' | 'platform.jobs') =>
  (await db.selectFrom(table).select('id').execute()).map((r) => r.id).sort();

describe('the nightly async-work housekeeping (a module schedule)', () => {
  it('prunes only what is older than its retention: relayed events, processed events, finished jobs and their files, schedule slots', async () => {
    const old = HOUSEKEEPING_DEFAULTS.jobDays + 1;
    const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    // Outbox: relayed long ago (goes), relayed recently and never relayed though old (stay).
    await sql`insert into platform.outbox (id, event_type, payload, occurred_at, relayed_at) values
      (${u(1)}, 'test.e', '{}', ${ago(40)}, ${ago(HOUSEKEEPING_DEFAULTS.outboxDays + 1)}),
      (${u(2)}, 'test.e', '{}', ${ago(2)}, ${ago(1)}),
      (${u(3)}, 'test.e', '{}', ${ago(40)}, null)`.execute(db);
    await sql`insert into platform.processed_events (event_id, subscriber, processed_at) values
      (${u(1)}, 'test.s', ${ago(HOUSEKEEPING_DEFAULTS.processedEventDays + 1)}),
      (${u(2)}, 'test.s', ${ago(1)})`.execute(db);
    // Jobs: finished long ago with a result file (goes, with the file); finished recently, and
    // queued long ago but never finished (stay).
    const oldFile = await store.write('results/2026/01/old-export', 'a,b\r\n1,2\r\n');
    const newFile = await store.write('results/2026/12/new-export', 'a,b\r\n');
    const result = (key: string) => JSON.stringify({ file: { key, name: 'x.csv', contentType: 'text/csv' } });
    await sql`insert into platform.jobs (id, type, payload, status, max_attempts, created_at, finished_at, result) values
      (${u(11)}, 'test.x', '{}', 'succeeded', 1, ${ago(old + 1)}, ${ago(old)}, ${result(oldFile.key)}::jsonb),
      (${u(12)}, 'test.x', '{}', 'failed', 1, ${ago(old + 1)}, ${ago(old)}, null),
      (${u(13)}, 'test.x', '{}', 'succeeded', 1, ${ago(2)}, ${ago(1)}, ${result(newFile.key)}::jsonb),
      (${u(14)}, 'test.x', '{}', 'queued', 1, ${ago(old + 5)}, null, null)`.execute(db);
    await sql`insert into platform.schedule_runs (schedule, slot, created_at) values
      ('test.s', ${ago(HOUSEKEEPING_DEFAULTS.scheduleRunDays + 1)}, ${ago(HOUSEKEEPING_DEFAULTS.scheduleRunDays + 1)})`.execute(
      db,
    );

    // The installation's own registry: the schedule is declared by the jobs module's manifest.
    const fired = await fireSchedule(db, workRegistry, jobsHousekeepingSchedule.name, new Date());
    expect(fired.fired).toBe(true);
    const runs = (await drainJobs(db, workRegistry)).filter((r) => r.jobId === fired.jobId);
    expect(runs.map((r) => r.outcome)).toEqual(['succeeded']);
    const done = await db
      .selectFrom('platform.jobs')
      .select('result')
      .where('id', '=', fired.jobId!)
      .executeTakeFirstOrThrow();
    expect(done.result).toEqual({ outbox: 1, processedEvents: 1, jobs: 2, resultFiles: 1, scheduleRuns: 1 });

    expect(await ids('platform.outbox')).toEqual([u(2), u(3)]);
    const processed = await db.selectFrom('platform.processed_events').select('event_id').execute();
    expect(processed.map((r) => r.event_id)).toEqual([u(2)]);
    const jobs = await ids('platform.jobs');
    expect(jobs).toEqual(expect.arrayContaining([u(13), u(14), fired.jobId!]));
    expect(jobs).not.toContain(u(11));
    expect(jobs).not.toContain(u(12));
    expect(await store.stat(oldFile.key)).toBeNull();
    expect(await store.stat(newFile.key)).not.toBeNull();
    const slots = await db.selectFrom('platform.schedule_runs').select('schedule').execute();
    expect(slots.map((s) => s.schedule)).toEqual([jobsHousekeepingSchedule.name]);
  });
});
