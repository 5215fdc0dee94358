import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { workRegistry } from '../../app/jobs.js';
import type { LocalFileStore } from '../../platform/files/local-file-store.js';
import { drainJobs } from '../../platform/jobs/local-worker.js';
import { CRM, crmPeople, type CrmPeople } from './crm.test-support.js';

type Report = {
  dryRun: boolean;
  rows: number;
  created: number;
  skipped: number;
  duplicates: { row: number; email: string; existingId: string | null }[];
  errors: { path: string; message: string; code?: string }[];
};
type Job = {
  id: string;
  status: string;
  progress: number;
  progressMessage: string | null;
  result: (Report & { kind: string; fileName: string }) | null;
};

let t: TestApp;
let p: CrmPeople;
let store: LocalFileStore;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
  store = (await t.runtime.getFileStore()) as LocalFileStore;
  process.env.MOMS_CRM_IMPORT_CHUNK = '500';
});
afterAll(async () => {
  delete process.env.MOMS_CRM_IMPORT_CHUNK;
  await t?.close();
});

/** Uploads `csv` as the caller's import file (declare → PUT as the local server does → complete). */
async function upload(token: string, csv: string, recordId: string = crypto.randomUUID()): Promise<string> {
  const bytes = Buffer.from(csv);
  const declared = await t.request<{ id: string; upload: { url: string } }>('POST', '/api/v1/files/uploads', {
    token,
    body: {
      recordType: 'crm.import',
      recordId,
      fileName: 'contacts.csv',
      contentType: 'text/csv',
      size: bytes.length,
    },
  });
  expect(declared.status).toBe(201);
  const url = new URL(declared.body.upload.url);
  const check = store.verify('PUT', url.pathname + url.search);
  if (!check.ok) throw new Error(`PUT refused: ${check.status}`);
  expect(await store.receive(check.grant, Readable.from([bytes]))).toBe('ok');
  const done = await t.request<{ id: string }>('POST', `/api/v1/files/uploads/${declared.body.id}/complete`, {
    token,
  });
  expect(done.status).toBe(201);
  return done.body.id;
}

async function start(token: string, attachmentId: string, dryRun: boolean) {
  const res = await t.request<{ jobId: string }>('POST', `${CRM}/imports`, {
    token,
    body: { kind: 'contacts', attachmentId, dryRun },
  });
  expect(res.status).toBe(202);
  expect(res.headers.get('location')).toBe(`/api/v1/jobs/${res.body.jobId}`);
  return res.body.jobId;
}

const jobOf = async (id: string, token: string) => (await t.request<Job>('GET', `/api/v1/jobs/${id}`, { token })).body;

/** Runs the job to the end; `sliceMs: 0` leaves one chunk per invocation. Returns the outcomes. */
async function run(id: string, sliceMs: number) {
  const runs = (await drainJobs(t.db, workRegistry, { sliceMs })).filter((r) => r.jobId === id);
  return runs.map((r) => r.outcome);
}

const reportOf = (job: Job): Report => {
  const { kind: _kind, fileName: _fileName, ...report } = job.result!;
  return report;
};

describe('POST /crm/imports (a contacts CSV imported in the background)', () => {
  it('chunked across invocations: the same report as one invocation and as the synchronous import; then writes the good rows', async () => {
    const tag = `bgimp${Date.now()}`;
    const existing = await t.request<{ id: string }>('POST', `${CRM}/contacts`, {
      token: p.repA.token,
      body: { firstName: 'Already', lastName: 'Here', emails: [`taken-${tag}@example.com`] },
    });
    expect(existing.status).toBe(201);
    const lines = ['first_name,last_name,emails,tags'];
    for (let i = 1; i <= 2_400; i++) {
      if (i % 400 === 7)
        lines.push(`NoLast${i},,bad${i}-${tag}@example.com,${tag}`); // a row error
      else if (i === 1_234)
        lines.push(`Dup,InFile,p3-${tag}@example.com,${tag}`); // row 3's email, an earlier chunk
      else if (i === 2_001)
        lines.push(`Dup,Taken,taken-${tag}@example.com,${tag}`); // already in MOMS
      else lines.push(`P${i},Person,p${i}-${tag}@example.com,${tag}`);
    }
    const csv = lines.join('\n');
    const file = await upload(p.repA.token, csv);

    // A dry run, one chunk per invocation (5 chunks of 500), watched after the first.
    const dry = await start(p.repA.token, file, true);
    expect(await drainJobs(t.db, workRegistry, { sliceMs: 0, maxRuns: 1 })).toEqual([
      { jobId: dry, outcome: 'continue' },
    ]);
    expect(await jobOf(dry, p.repA.token)).toMatchObject({ status: 'queued', progressMessage: '500 of 2,400 rows' });
    expect(await run(dry, 0)).toEqual(['continue', 'continue', 'continue', 'succeeded']);
    const chunked = await jobOf(dry, p.repA.token);
    expect(chunked).toMatchObject({ status: 'succeeded', progress: 100 });
    expect(chunked.result).toMatchObject({ kind: 'contacts', fileName: 'contacts.csv', dryRun: true, rows: 2_400 });

    // The same file in one invocation, and through the synchronous route: the same report.
    const once = await start(p.repA.token, file, true);
    expect(await run(once, 600_000)).toEqual(['succeeded']);
    expect(reportOf(await jobOf(once, p.repA.token))).toEqual(reportOf(chunked));
    const sync = await t.request<Report>('POST', `${CRM}/contacts/import`, { token: p.repA.token, body: { csv } });
    expect(sync.status).toBe(200);
    expect(reportOf(chunked)).toEqual(sync.body);

    const report = reportOf(chunked);
    expect(report.created).toBe(2_400 - 6 - 2);
    expect(report.errors.map((e) => e.path)).toEqual([7, 407, 807, 1207, 1607, 2007].map((r) => `rows.${r}.lastName`));
    expect(report.duplicates).toEqual([
      { row: 1_234, email: `p3-${tag}@example.com`, existingId: null },
      { row: 2_001, email: `taken-${tag}@example.com`, existingId: existing.body.id },
    ]);
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('crm.contacts')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(sql<boolean>`tags @> ${sql.val([tag])}::text[]`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(0); // dry runs write nothing

    // The real run, chunked: the same report, and exactly the good rows written, owned by the importer.
    const real = await start(p.repA.token, file, false);
    expect(await run(real, 0)).toEqual(['continue', 'continue', 'continue', 'continue', 'succeeded']);
    expect(reportOf(await jobOf(real, p.repA.token))).toEqual({ ...report, dryRun: false });
    expect(await count()).toBe(report.created);
    const owners = await t.db
      .selectFrom('crm.contacts')
      .select('owner_id')
      .distinct()
      .where(sql<boolean>`tags @> ${sql.val([tag])}::text[]`)
      .execute();
    expect(owners).toEqual([{ owner_id: p.repA.id }]);
  });

  it("reports a bad header in the job's result, and refuses someone else's file (422) or callers without crm:write", async () => {
    const bad = await start(p.repA.token, await upload(p.repA.token, 'title,domain\nX,x.example'), true);
    expect(await run(bad, 0)).toEqual(['succeeded']);
    const job = await jobOf(bad, p.repA.token);
    expect(job.result).toMatchObject({ rows: 0, created: 0, errors: [{ path: 'csv', code: 'header' }] });

    const importId = crypto.randomUUID();
    const mine = await upload(p.repA.token, 'first_name,last_name\nA,B', importId);
    // The file is its uploader's alone: nobody else lists it or uploads to the same import.
    const list = (token: string) =>
      t.request<{ items: { id: string }[] }>(
        'GET',
        `/api/v1/files/attachments?recordType=crm.import&recordId=${importId}`,
        {
          token,
        },
      );
    expect((await list(p.repA.token)).body.items.map((a) => a.id)).toEqual([mine]);
    expect((await list(p.repB.token)).status).toBe(404);
    expect((await list(p.admin.token)).status).toBe(404);
    const theirs = await t.request('POST', `${CRM}/imports`, {
      token: p.repB.token,
      body: { kind: 'contacts', attachmentId: mine },
    });
    expect(theirs.status).toBe(422);
    expect(JSON.stringify(theirs.body)).toContain('attachmentId');
    const outsider = await t.userWithRoles([]);
    expect(
      (
        await t.request('POST', `${CRM}/imports`, {
          token: outsider.token,
          body: { kind: 'contacts', attachmentId: mine },
        })
      ).status,
    ).toBe(403);
    expect((await t.request('POST', `${CRM}/imports`, { body: { kind: 'contacts', attachmentId: mine } })).status).toBe(
      401,
    );
  });
});
