import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { workRegistry } from '../../app/jobs.js';
import { parseCsv } from '../../platform/http/csv.js';
import { drainJobs } from '../../platform/jobs/local-worker.js';
import { CRM, crmPeople, type CrmPeople } from './crm.test-support.js';

type Job = {
  id: string;
  status: string;
  progress: number;
  result: { file: { key: string; name: string }; size: number; rows: number } | null;
  download: { url: string } | null;
};

let t: TestApp;
let p: CrmPeople;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
});
afterAll(async () => {
  delete process.env.MOMS_CRM_EXPORT_PAGE;
  await t?.close();
});

async function fileOf(job: Job): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await (await t.runtime.getFileStore()).read(job.result!.file.key))
    chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe('POST /crm/exports (a CRM list exported in the background)', () => {
  it('pages through the list into one file: the same CSV as the synchronous export, visible records only', async () => {
    // Seven of rep A's (more than two pages of three) and one of rep B's, all tagged.
    for (let i = 0; i < 7; i++) {
      const res = await t.request('POST', `${CRM}/organizations`, {
        token: p.repA.token,
        body: { name: `Background ${i} "quoted", =formula`, tags: ['bg-export'] },
      });
      expect(res.status).toBe(201);
    }
    const hidden = await t.request('POST', `${CRM}/organizations`, {
      token: p.repB.token,
      body: { name: 'Background hidden', tags: ['bg-export'] },
    });
    expect(hidden.status).toBe(201);

    process.env.MOMS_CRM_EXPORT_PAGE = '3';
    const started = await t.request<{ jobId: string; location: string }>('POST', `${CRM}/exports`, {
      token: p.repA.token,
      body: { list: 'organizations', filter: { tag: 'bg-export', sort: '-createdAt' } },
    });
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/v1/jobs/${started.body.jobId}`);
    const runs = (await drainJobs(t.db, workRegistry)).filter((r) => r.jobId === started.body.jobId);
    expect(runs.map((r) => r.outcome)).toEqual(['succeeded']);

    const job = (await t.request<Job>('GET', `/api/v1/jobs/${started.body.jobId}`, { token: p.repA.token })).body;
    expect(job).toMatchObject({ status: 'succeeded', progress: 100 });
    expect(job.result!.file.name).toBe('organizations.csv');
    expect(job.result!.rows).toBe(7);
    expect(job.download!.url).toBeTruthy();
    const file = await fileOf(job);
    expect(job.result!.size).toBe(Buffer.byteLength(file));
    const sync = await t.request<string>('GET', `${CRM}/organizations/export.csv?tag=bg-export&sort=-createdAt`, {
      token: p.repA.token,
    });
    expect(sync.status).toBe(200);
    expect(file).toBe(sync.body);
    const rows = parseCsv(file);
    expect(rows).toHaveLength(8);
    expect(file).not.toContain('Background hidden');
    expect(file).toContain(`"Background 6 ""quoted"", =formula"`);
  });

  it('refuses a bad filter (422), an unknown list (422), and callers without crm:read (403/401)', async () => {
    const bad = await t.request('POST', `${CRM}/exports`, {
      token: p.repA.token,
      body: { list: 'contacts', filter: { sort: 'shoeSize' } },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('filter.sort');
    const paging = await t.request('POST', `${CRM}/exports`, {
      token: p.repA.token,
      body: { list: 'contacts', filter: { limit: '5' } },
    });
    expect(paging.status).toBe(422);
    const unknown = await t.request('POST', `${CRM}/exports`, { token: p.repA.token, body: { list: 'invoices' } });
    expect(unknown.status).toBe(422);
    const outsider = await t.userWithRoles([]);
    expect((await t.request('POST', `${CRM}/exports`, { token: outsider.token, body: { list: 'leads' } })).status).toBe(
      403,
    );
    expect((await t.request('POST', `${CRM}/exports`, { body: { list: 'leads' } })).status).toBe(401);
  });
});
