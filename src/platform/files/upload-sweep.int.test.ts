import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import { workRegistry } from '../../app/jobs.js';
import type { DatabaseHandle } from '../db/create-database.js';
import type { Db } from '../db/database.js';
import { provideJobFileStore } from '../jobs/job-files.js';
import { drainJobs } from '../jobs/local-worker.js';
import { fireSchedule } from '../jobs/schedules.js';
import { LocalFileStore, localFilesKey } from './local-file-store.js';
import { ABANDONED_UPLOAD_HOURS, uploadSweepSchedule } from './upload-sweep.js';

let handle: DatabaseHandle;
let db: Db;
let root: string;
let store: LocalFileStore;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  root = mkdtempSync(path.join(tmpdir(), 'moms-upload-sweep-'));
  store = new LocalFileStore(root, localFilesKey(Buffer.from('a-test-signing-secret-of-32-bytes!!')));
  provideJobFileStore(async () => store);
});
afterAll(async () => {
  await handle?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the abandoned-upload sweep (a module schedule)', () => {
  it('removes uploads pending for over a day with their bytes, and leaves recent and completed ones', async () => {
    const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const user = u(99);
    const hoursAgo = (h: number) => sql<Date>`now() - make_interval(hours => ${h})`;
    const keys = ['attachments/2026/11/abandoned', 'attachments/2026/12/recent', 'attachments/2026/11/completed'];
    // Bytes the browser PUT for each (the abandoned one never called `complete`).
    for (const key of keys) await store.write(key, 'some bytes');
    const old = ABANDONED_UPLOAD_HOURS + 1;
    await sql`insert into platform.file_uploads
        (id, object_key, record_type, record_id, file_name, content_type, size, status, created_by, created_at, expires_at)
      values
        (${u(1)}, ${keys[0]}, 'test.thing', ${u(50)}, 'a.pdf', 'application/pdf', 10, 'pending', ${user}, ${hoursAgo(old)}, ${hoursAgo(old - 1)}),
        (${u(2)}, ${keys[1]}, 'test.thing', ${u(50)}, 'b.pdf', 'application/pdf', 10, 'pending', ${user}, ${hoursAgo(1)}, ${hoursAgo(0)}),
        (${u(3)}, ${keys[2]}, 'test.thing', ${u(50)}, 'c.pdf', 'application/pdf', 10, 'completed', ${user}, ${hoursAgo(old)}, ${hoursAgo(old - 1)})`.execute(
      db,
    );

    const fired = await fireSchedule(db, workRegistry, uploadSweepSchedule.name, new Date());
    expect(fired.fired).toBe(true);
    const runs = (await drainJobs(db, workRegistry)).filter((r) => r.jobId === fired.jobId);
    expect(runs.map((r) => r.outcome)).toEqual(['succeeded']);
    const job = await db
      .selectFrom('platform.jobs')
      .select('result')
      .where('id', '=', fired.jobId!)
      .executeTakeFirstOrThrow();
    expect(job.result).toEqual({ uploads: 1 });

    const left = await db.selectFrom('platform.file_uploads').select('id').orderBy('id').execute();
    expect(left.map((r) => r.id)).toEqual([u(2), u(3)]);
    expect(await store.stat(keys[0]!)).toBeNull();
    expect(await store.stat(keys[1]!)).not.toBeNull();
    expect(await store.stat(keys[2]!)).not.toBeNull();
  });
});
