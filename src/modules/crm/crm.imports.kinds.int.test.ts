import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { workRegistry } from '../../app/jobs.js';
import type { LocalFileStore } from '../../platform/files/local-file-store.js';
import { drainJobs } from '../../platform/jobs/local-worker.js';
import { CRM, crmPeople, type CrmPeople } from './crm.test-support.js';

/** Organization and lead imports as background jobs (crm.import with kind organizations / leads). */
type Report = {
  dryRun: boolean;
  rows: number;
  created: number;
  skipped: number;
  duplicates: ({ row: number; existingId: string | null } & Record<string, unknown>)[];
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
  process.env.MOMS_CRM_IMPORT_CHUNK = '3';
});
afterAll(async () => {
  delete process.env.MOMS_CRM_IMPORT_CHUNK;
  await t?.close();
});

async function upload(token: string, csv: string): Promise<string> {
  const bytes = Buffer.from(csv);
  const declared = await t.request<{ id: string; upload: { url: string } }>('POST', '/api/v1/files/uploads', {
    token,
    body: {
      recordType: 'crm.import',
      recordId: crypto.randomUUID(),
      fileName: 'import.csv',
      contentType: 'text/csv',
      size: bytes.length,
    },
  });
  expect(declared.status).toBe(201);
  const url = new URL(declared.body.upload.url);
  const check = store.verify('PUT', url.pathname + url.search);
  if (!check.ok) throw new Error(`PUT refused: ${check.status}`);
  expect(await store.receive(check.grant, Readable.from([bytes]))).toBe('ok');
  const done = await t.request<{ id: string }>('POST', `/api/v1/files/uploads/${declared.body.id}/complete`, { token });
  expect(done.status).toBe(201);
  return done.body.id;
}

/** Starts the import and runs it one chunk per invocation (`sliceMs: 0`); returns the finished job. */
async function importJob(kind: 'organizations' | 'leads', attachmentId: string, dryRun: boolean): Promise<Job> {
  const res = await t.request<{ jobId: string }>('POST', `${CRM}/imports`, {
    token: p.repA.token,
    body: { kind, attachmentId, dryRun },
  });
  expect(res.status).toBe(202);
  const runs = (await drainJobs(t.db, workRegistry, { sliceMs: 0 })).filter((r) => r.jobId === res.body.jobId);
  expect(runs.length).toBeGreaterThan(1); // several invocations: the carry crosses chunks
  expect(runs.at(-1)!.outcome).toBe('succeeded');
  const job = (await t.request<Job>('GET', `/api/v1/jobs/${res.body.jobId}`, { token: p.repA.token })).body;
  expect(job).toMatchObject({ status: 'succeeded', progress: 100 });
  expect(job.progressMessage).toMatch(/of \d+ rows/);
  expect(job.result!.kind).toBe(kind);
  return job;
}

const reportOf = (job: Job): Report => {
  const { kind: _kind, fileName: _fileName, ...report } = job.result!;
  return report;
};

describe('POST /crm/imports with kind organizations', () => {
  it('reports per row as the synchronous import does (dry run, chunked), then writes parents before children', async () => {
    const tag = `orgimp${Date.now()}`;
    const taken = await t.request<{ id: string }>('POST', `${CRM}/organizations`, {
      token: p.repA.token,
      body: { name: 'Taken Co', domain: `taken-${tag}.example` },
    });
    expect(taken.status).toBe(201);
    const csv = [
      'name,domain,tags,parent',
      `Parent ${tag},parent-${tag}.example,${tag},`, // 1
      `Child A ${tag},child-a-${tag}.example,${tag},parent-${tag}.example`, // 2: parent in this chunk
      `,nameless-${tag}.example,${tag},`, // 3: row error (no name)
      `Child B ${tag},child-b-${tag}.example,${tag},Parent ${tag}`, // 4: parent by name, an earlier chunk
      `Again ${tag},parent-${tag}.example,${tag},`, // 5: duplicate domain, earlier in the file
      `Dup ${tag},taken-${tag}.example,${tag},`, // 6: duplicate of Taken Co
      `Orphan ${tag},orphan-${tag}.example,${tag},No such parent ${tag}`, // 7: unknown parent
      `Grandchild ${tag},,${tag},child-b-${tag}.example`, // 8: parent from the previous chunk
    ].join('\n');
    const file = await upload(p.repA.token, csv);
    const sync = await t.request<Report>('POST', `${CRM}/organizations/import`, {
      token: p.repA.token,
      body: { csv, dryRun: true },
    });
    expect(sync.status).toBe(200);
    const dry = await importJob('organizations', file, true);
    expect(reportOf(dry)).toEqual(sync.body);
    expect(sync.body).toMatchObject({ rows: 8, created: 4, skipped: 4 });
    expect(sync.body.duplicates).toEqual([
      { row: 5, domain: `parent-${tag}.example`, existingId: null },
      { row: 6, domain: `taken-${tag}.example`, existingId: taken.body.id },
    ]);
    expect(sync.body.errors.map((e) => e.path)).toEqual(['rows.3.name', 'rows.7.parent']);

    const real = await importJob('organizations', file, false);
    expect(reportOf(real)).toEqual({ ...sync.body, dryRun: false });
    const list = await t.request<{ items: { id: string; name: string; parentId: string | null }[] }>(
      'GET',
      `${CRM}/organizations?tag=${tag}&limit=50`,
      { token: p.repA.token },
    );
    const byName = new Map(list.body.items.map((o) => [o.name, o]));
    expect([...byName.keys()].sort()).toEqual(
      [`Child A ${tag}`, `Child B ${tag}`, `Grandchild ${tag}`, `Parent ${tag}`].sort(),
    );
    const parent = byName.get(`Parent ${tag}`)!.id;
    expect(byName.get(`Child A ${tag}`)!.parentId).toBe(parent);
    expect(byName.get(`Child B ${tag}`)!.parentId).toBe(parent);
    expect(byName.get(`Grandchild ${tag}`)!.parentId).toBe(byName.get(`Child B ${tag}`)!.id);
  });
});

describe('POST /crm/imports with kind leads', () => {
  it('checks each row (errors, duplicates by email across chunks), then creates the good leads for the importer', async () => {
    const tag = `leadimp${Date.now()}`;
    const existing = await t.request<{ id: string }>('POST', `${CRM}/leads`, {
      token: p.repB.token,
      body: { name: 'Known', email: `known-${tag}@example.com` },
    });
    expect(existing.status).toBe(201);
    const csv = [
      'name,email,company,source,status,disqualified_reason,score,owner_id',
      `Ann ${tag},ann-${tag}@example.com,"Acme, Inc.",web,new,,40,ignored`, // 1
      `Bob ${tag},bob-${tag}@example.com,,,contacted,,,`, // 2
      `Cy ${tag},not-an-email,,,,,,`, // 3: bad email
      `Di ${tag},DI-${tag}@example.com,,,qualified,,101,`, // 4: score out of range
      `Ed ${tag},ed-${tag}@example.com,,,disqualified,,,`, // 5: disqualified without a reason
      `Ann again ${tag},ann-${tag}@example.com,,,,,,`, // 6: row 1's email (an earlier chunk)
      `Known ${tag},known-${tag}@example.com,,,,,,`, // 7: a lead in MOMS
      `Fay ${tag},,,,disqualified,Budget gone,5,`, // 8
    ].join('\n');
    const file = await upload(p.repA.token, csv);
    const dry = await importJob('leads', file, true);
    expect(reportOf(dry)).toMatchObject({ dryRun: true, rows: 8, created: 3, skipped: 5 });
    expect(dry.result!.duplicates).toEqual([
      { row: 6, email: `ann-${tag}@example.com`, existingId: null },
      { row: 7, email: `known-${tag}@example.com`, existingId: existing.body.id },
    ]);
    expect(dry.result!.errors.map((e) => e.path)).toEqual([
      'rows.3.email',
      'rows.4.score',
      'rows.5.disqualifiedReason',
    ]);
    const leadsOfTag = () =>
      t.db
        .selectFrom('crm.leads')
        .select(['name', 'owner_id', 'company', 'score'])
        .where('name', 'like', `%${tag}`)
        .orderBy('name')
        .execute();
    expect(await leadsOfTag()).toHaveLength(0); // a dry run writes nothing
    const real = await importJob('leads', file, false);
    expect(reportOf(real)).toEqual({ ...reportOf(dry), dryRun: false });
    const after = await leadsOfTag();
    expect(after.map((l) => l.name)).toEqual([`Ann ${tag}`, `Bob ${tag}`, `Fay ${tag}`]);
    expect(after.every((l) => l.owner_id === p.repA.id)).toBe(true);
    expect(after[0]).toMatchObject({ company: 'Acme, Inc.', score: 40 });
  });

  it('answers a bad header in the result, and refuses a file that is not the caller’s', async () => {
    const file = await upload(p.repA.token, 'name,shoe_size\nA,42');
    const res = await t.request<{ jobId: string }>('POST', `${CRM}/imports`, {
      token: p.repA.token,
      body: { kind: 'leads', attachmentId: file, dryRun: true },
    });
    expect(res.status).toBe(202);
    await drainJobs(t.db, workRegistry);
    const job = (await t.request<Job>('GET', `/api/v1/jobs/${res.body.jobId}`, { token: p.repA.token })).body;
    expect(job.status).toBe('succeeded');
    expect(job.result!.errors[0]).toMatchObject({ path: 'csv', code: 'header' });
    const other = await t.request('POST', `${CRM}/imports`, {
      token: p.repB.token,
      body: { kind: 'organizations', attachmentId: file, dryRun: true },
    });
    expect(other.status).toBe(422);
  });
});
