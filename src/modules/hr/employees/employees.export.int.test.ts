import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { EXPORT_MAX_ROWS } from '../../../platform/http/csv-export.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { HR, hrWorld, type HrWorld } from './employees.test-support.js';

type Job = {
  id: string;
  status: string;
  progress: number;
  error: string | null;
  result: { file: { key: string; name: string }; size: number; rows: number } | null;
  download: { url: string } | null;
};

let t: TestApp;
let w: HrWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await hrWorld(t);
});
afterAll(async () => {
  delete process.env.MOMS_HR_EXPORT_PAGE;
  await t?.close();
});

async function fileOf(job: Job): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await (await t.runtime.getFileStore()).read(job.result!.file.key))
    chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

async function runExport(token: string, filter: Record<string, string>) {
  const started = await t.request<{ jobId: string; location: string }>('POST', `${HR}/exports`, {
    token,
    body: { list: 'employees', filter },
  });
  expect(started.status).toBe(202);
  expect(started.headers.get('location')).toBe(`/api/v1/jobs/${started.body.jobId}`);
  const runs = (await drainJobs(t.db, workRegistry)).filter((r) => r.jobId === started.body.jobId);
  const job = (await t.request<Job>('GET', `/api/v1/jobs/${started.body.jobId}`, { token })).body;
  expect(
    runs.map((r) => r.outcome),
    job.error ?? '',
  ).toEqual(['succeeded']);
  expect(job).toMatchObject({ status: 'succeeded', progress: 100 });
  expect(job.result!.file.name).toBe('employees.csv');
  expect(job.download!.url).toBeTruthy();
  const file = await fileOf(job);
  expect(job.result!.size).toBe(Buffer.byteLength(file));
  return { job, file };
}

describe('POST /hr/exports (the directory exported in the background)', () => {
  it('writes the same CSV as GET /employees/export.csv for each viewer and sort, page by page', async () => {
    process.env.MOMS_HR_EXPORT_PAGE = '2';
    const plain = await t.userWithRoles(['employee']);
    for (const token of [w.mgr.token, w.admin.token, plain.token])
      for (const filter of [
        { sort: 'lastName' },
        { sort: '-createdAt' },
        { sort: '-employeeNumber', status: 'all' },
      ] as Record<string, string>[]) {
        const { job, file } = await runExport(token, filter);
        const sync = await t.request<string>('GET', `${HR}/employees/export.csv?${new URLSearchParams(filter)}`, {
          token,
        });
        expect(sync.status).toBe(200);
        expect(file, JSON.stringify(filter)).toBe(sync.body);
        expect(job.result!.rows).toBe(file.trim().split('\r\n').length - 1);
      }
    // A manager sees their line in full, and nobody else's; never a salary.
    const { file } = await runExport(w.mgr.token, { sort: 'lastName' });
    expect(file.split('\r\n')[0]).toContain('birth_date');
    expect(file).not.toMatch(/salary/i);
  });

  it('has no row cap: more employees than EXPORT_MAX_ROWS export as a job (the synchronous route says 422)', async () => {
    delete process.env.MOMS_HR_EXPORT_PAGE;
    await sql`insert into hr.employees (first_name, last_name, work_email, start_date)
              select 'Bulk', 'Person ' || lpad(g::text, 6, '0'), 'bulk' || g || '@work.example', date '2026-01-01'
                from generate_series(1, ${EXPORT_MAX_ROWS}::int) g`.execute(t.db);
    const sync = await t.request<{ detail: string }>('GET', `${HR}/employees/export.csv`, { token: w.admin.token });
    expect(sync.status).toBe(422);
    expect(sync.body.detail).toContain('POST /api/v1/hr/exports');
    const { job, file } = await runExport(w.admin.token, {});
    expect(job.result!.rows).toBeGreaterThan(EXPORT_MAX_ROWS);
    expect(file.split('\r\n').filter((l) => l.includes(',Bulk,Person '))).toHaveLength(EXPORT_MAX_ROWS);
  }, 300_000);

  it('refuses a bad filter, paging (422) and callers without hr:read (403/401)', async () => {
    const bad = await t.request('POST', `${HR}/exports`, {
      token: w.admin.token,
      body: { list: 'employees', filter: { sort: 'salary' } },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('filter.sort');
    const paging = await t.request('POST', `${HR}/exports`, {
      token: w.admin.token,
      body: { list: 'employees', filter: { cursor: 'x' } },
    });
    expect(paging.status).toBe(422);
    const body = { list: 'employees' };
    expect((await t.request('POST', `${HR}/exports`, { token: w.outsider.token, body })).status).toBe(403);
    expect((await t.request('POST', `${HR}/exports`, { body })).status).toBe(401);
  });
});
