import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { complianceApp, expectStatus, requirementsOf, type ComplianceTestApp } from '../compliance.test-support.js';
import { buildReportDocument } from './report.data.js';
import { renderReport, runReport } from './report.job.js';
import type { JobContext } from '../../../platform/jobs/job-registry.js';

let t: TestApp;
let a: ComplianceTestApp;
let officer: { id: string; token: string };
let auditor: { token: string };
let employee: { token: string };
let csfId: string;
let gdprId: string;
let assessmentId: string;

interface ReportBody {
  id: string;
  kind: string;
  format: string;
  status: string;
  progress: number;
  sha256: string | null;
  size: number | null;
  templateVersion: string;
  asOf: string | null;
  assessmentId: string | null;
  parameters: Record<string, string | null>;
  fileName: string;
  error: string | null;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function generate(body: Record<string, unknown>, token = officer.token) {
  const queued = expectStatus(await a.call<ReportBody>('POST', '/reports', token, body), 202);
  expect(queued.status).toBe('queued');
  await a.drain();
  return expectStatus(await a.call<ReportBody>('GET', `/reports/${queued.id}`, token), 200);
}

async function storedBytes(id: string) {
  const row = await t.db
    .selectFrom('compliance.reports')
    .select(['file_key'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const store = await t.runtime.getFileStore();
  const chunks: Buffer[] = [];
  for await (const chunk of await store.read(row.file_key!)) chunks.push(Buffer.from(chunk as Uint8Array));
  return { key: row.file_key!, store, bytes: Buffer.concat(chunks) };
}

async function sheetRows(bytes: Buffer, sheet: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = book.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}: ${book.worksheets.map((w) => w.name).join(', ')}`);
  const rows: string[][] = [];
  ws.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return { rows, names: book.worksheets.map((w) => w.name) };
}

const rowOf = (rows: string[][], refId: string) => rows.find((r) => r[0]!.trim() === refId);

beforeAll(async () => {
  t = await createTestApp();
  a = complianceApp(t);
  officer = await t.userWithRoles(['compliance-officer']);
  auditor = await t.userWithRoles(['auditor']);
  employee = await t.userWithRoles(['employee']);
  csfId = expectStatus(await a.call<{ id: string }>('POST', '/library/nist-csf/import', officer.token), 201).id;
  gdprId = expectStatus(await a.call<{ id: string }>('POST', '/library/gdpr/import', officer.token), 201).id;
  const csf = await requirementsOf(a, officer.token, csfId);
  const gdpr = await requirementsOf(a, officer.token, gdprId);
  // One control linked to a requirement of each framework; another linked to CSF only, mapped to GDPR.
  expectStatus(
    await a.call('POST', '/controls', officer.token, {
      name: 'Quarterly access review',
      ownerId: officer.id,
      status: 'implemented',
      collectors: ['access-review'],
      requirementIds: [csf.get('PR.AA-05')!.id, gdpr.get('Art. 32')!.id],
    }),
    201,
  );
  expectStatus(
    await a.call('POST', '/controls', officer.token, {
      name: 'Disk encryption',
      ownerId: officer.id,
      status: 'in-progress',
      requirementIds: [csf.get('PR.DS-01')!.id],
    }),
    201,
  );
  expectStatus(
    await a.call('POST', '/mappings', officer.token, {
      sourceId: csf.get('PR.DS-01')!.id,
      targetId: gdpr.get('Art. 25')!.id,
      relationship: 'intersect',
    }),
    201,
  );
  expectStatus(await a.call('POST', '/collectors/run', officer.token, { collectors: ['access-review'] }), 202);
  await a.drain();
  assessmentId = expectStatus(
    await a.call<{ id: string }>('POST', '/assessments', officer.token, { frameworkId: csfId, name: 'CSF 2026' }),
    201,
  ).id;
  expectStatus(
    await a.call('PUT', `/assessments/${assessmentId}/results/${csf.get('DE.CM-02')!.id}`, officer.token, {
      status: 'not-applicable',
      justification: 'No premises: the company works fully remote.',
    }),
    200,
  );
  expectStatus(
    await a.call('PUT', `/assessments/${assessmentId}/results/${csf.get('PR.AA-05')!.id}`, officer.token, {
      status: 'compliant',
      observation: 'Reviews of Q3 and Q4 seen.',
    }),
    200,
  );
  expectStatus(
    await a.call('POST', '/findings', officer.token, {
      assessmentId,
      requirementId: csf.get('PR.DS-01')!.id,
      title: 'Laptops without disk encryption',
      severity: 'high',
    }),
    201,
  );
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('reports', () => {
  it('the SoA of each framework lists every requirement, applicability with justification, and a control shared by both', async () => {
    const csfSoa = await generate({ kind: 'soa', format: 'xlsx', frameworkId: csfId });
    expect(csfSoa).toMatchObject({
      status: 'succeeded',
      progress: 100,
      templateVersion: 'soa/1',
      assessmentId, // the latest assessment of the version, resolved when asked
      parameters: {
        kind: 'soa',
        format: 'xlsx',
        frameworkId: csfId,
        assessmentId: null,
        resolvedAssessmentId: assessmentId,
      },
      error: null,
    });
    expect(csfSoa.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(csfSoa.fileName).toMatch(/^soa-nist-csf-2\.0-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { bytes } = await storedBytes(csfSoa.id);
    expect(sha(bytes)).toBe(csfSoa.sha256);
    expect(bytes.length).toBe(csfSoa.size);

    const csf = await sheetRows(bytes, 'Requirements');
    expect(csf.names).toEqual(['About', 'Requirements']);
    expect(csf.rows[0]).toEqual([
      'Ref',
      'Requirement',
      'Applicable',
      'Justification',
      'Assessment',
      'Controls (status, health)',
    ]);
    expect(csf.rows).toHaveLength(1 + 134); // every requirement, categories and functions included
    expect(rowOf(csf.rows, 'PR.AA-05')).toEqual([
      '    PR.AA-05',
      expect.any(String),
      'Yes',
      'Reviews of Q3 and Q4 seen.',
      'Compliant',
      'Quarterly access review (implemented, green)',
    ]);
    expect(rowOf(csf.rows, 'DE.CM-02')!.slice(2, 5)).toEqual([
      'No',
      'No premises: the company works fully remote.',
      'Not applicable',
    ]);
    expect(rowOf(csf.rows, 'PR.DS-01')![5]).toBe('Disk encryption (in-progress, amber)');
    expect(rowOf(csf.rows, 'GV.OC-01')!.slice(2, 6)).toEqual([
      'Yes',
      'Applies by default; no control implements it yet.',
      'Not assessed',
      '',
    ]);
    const about = await sheetRows(bytes, 'About');
    expect(about.rows.find((r) => r[0] === 'Template version')![1]).toBe('soa/1');
    expect(about.rows.find((r) => r[0] === 'Not applicable (justified)')![1]).toBe('1');

    // The GDPR's SoA: the same control directly on Art. 32; the CSF-only control through the mapping on Art. 25.
    const gdprSoa = await generate({ kind: 'soa', format: 'xlsx', frameworkId: gdprId });
    expect(gdprSoa.assessmentId).toBeNull();
    const gdpr = await sheetRows((await storedBytes(gdprSoa.id)).bytes, 'Requirements');
    expect(rowOf(gdpr.rows, 'Art. 32')![5]).toBe('Quarterly access review (implemented, green)');
    expect(rowOf(gdpr.rows, 'Art. 25')![5]).toBe('Disk encryption (in-progress, amber, through a mapped requirement)');
    expect(rowOf(gdpr.rows, 'Art. 1')![2]).toBe(''); // a chapter's article kept for reference, not assessable
  });

  it("a report's hash re-verifies, a changed byte fails, a missing file fails; regenerating at the same as-of gives the same hash", async () => {
    const pdf = await generate({ kind: 'soa', format: 'pdf', frameworkId: csfId, assessmentId });
    expect(pdf.status).toBe('succeeded');
    const { key, store, bytes } = await storedBytes(pdf.id);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    expect(text).toContain('Statement of Applicability - NIST Cybersecurity Framework');
    expect(text).toContain('Quarterly access review (implemented, green)');
    expect(text).toContain('No premises: the company works fully remote.');
    expect(text).toContain('template soa/1');

    // The same data read at the same as-of draws the same bytes.
    const again = await renderReport(
      'pdf',
      await buildReportDocument(t.db, { kind: 'soa', frameworkId: csfId, assessmentId }, new Date(pdf.asOf!)),
    );
    expect(sha(again)).toBe(pdf.sha256);

    const ok = expectStatus(
      await a.call<{ valid: boolean; sha256: string; recomputedSha256: string }>(
        'POST',
        `/reports/${pdf.id}/verify`,
        auditor.token,
      ),
      200,
    );
    expect(ok).toMatchObject({
      valid: true,
      sha256: pdf.sha256,
      recomputedSha256: pdf.sha256,
      templateVersion: 'soa/1',
      asOf: pdf.asOf,
    });

    const changed = Buffer.from(bytes);
    changed[Math.floor(changed.length / 2)]! ^= 0x01;
    await store.write(key, changed, { contentType: 'application/pdf' });
    const bad = expectStatus(
      await a.call<{ valid: boolean; recomputedSha256: string }>('POST', `/reports/${pdf.id}/verify`, auditor.token),
      200,
    );
    expect(bad.valid).toBe(false);
    expect(bad.recomputedSha256).toBe(sha(changed));
    await store.delete(key);
    expect(
      expectStatus(
        await a.call<{ valid: boolean; recomputedSha256: string | null }>(
          'POST',
          `/reports/${pdf.id}/verify`,
          auditor.token,
        ),
        200,
      ),
    ).toMatchObject({ valid: false, recomputedSha256: null });
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select(['action'])
      .where('entity_id', '=', pdf.id)
      .orderBy('id')
      .execute();
    expect(audit.map((x) => x.action)).toEqual([
      'compliance.report-requested',
      'compliance.report-verified',
      'compliance.report-verified',
      'compliance.report-verified',
    ]);
  });

  it('the audit report holds requirements, controls, evidence, collector artefacts, findings and risks', async () => {
    const report = await generate({ kind: 'audit', format: 'xlsx', frameworkId: csfId, assessmentId }, auditor.token);
    expect(report).toMatchObject({ status: 'succeeded', templateVersion: 'audit/1', kind: 'audit' });
    const { bytes } = await storedBytes(report.id);
    const controls = await sheetRows(bytes, 'Controls');
    expect(controls.names).toEqual([
      'About',
      'Requirements',
      'Controls',
      'Evidence',
      'Collector artefacts',
      'Findings',
      'Risks',
    ]);
    expect(controls.rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['Disk encryption', 'in-progress', 'amber'],
      ['Quarterly access review', 'implemented', 'green'],
    ]);
    const runs = await sheetRows(bytes, 'Collector artefacts');
    const run = await t.db
      .selectFrom('compliance.collector_runs')
      .select(['sha256'])
      .where('collector', '=', 'access-review')
      .executeTakeFirstOrThrow();
    expect(runs.rows[1]).toEqual([
      'Access review',
      expect.stringMatching(/UTC$/),
      'passed',
      run.sha256,
      expect.any(String),
    ]);
    const findings = await sheetRows(bytes, 'Findings');
    expect(findings.rows[1]!.slice(0, 4)).toEqual(['Laptops without disk encryption', 'PR.DS-01', 'high', 'open']);
    const pdf = await generate({ kind: 'audit', format: 'pdf', frameworkId: csfId });
    expect(pdf.status).toBe('succeeded');
    expect((await storedBytes(pdf.id)).bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('checks access and input; lists, pages and downloads', async () => {
    expect(
      (await a.call('POST', '/reports', employee.token, { kind: 'soa', format: 'pdf', frameworkId: csfId })).status,
    ).toBe(403);
    expect((await a.call('GET', '/reports', employee.token)).status).toBe(403);
    const wrong = await a.call<{ errors: { path: string }[] }>('POST', '/reports', officer.token, {
      kind: 'soa',
      format: 'pdf',
      frameworkId: gdprId,
      assessmentId,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]!.path).toBe('assessmentId');
    expect(
      (
        await a.call('POST', '/reports', officer.token, {
          kind: 'soa',
          format: 'pdf',
          frameworkId: crypto.randomUUID(),
        })
      ).status,
    ).toBe(422);
    expect(
      (await a.call('POST', '/reports', officer.token, { kind: 'soa', format: 'docx', frameworkId: csfId })).status,
    ).toBe(422);

    const queued = expectStatus(
      await a.call<ReportBody>('POST', '/reports', officer.token, { kind: 'soa', format: 'xlsx', frameworkId: csfId }),
      202,
    );
    expect((await a.call('GET', `/reports/${queued.id}/download`, officer.token)).status).toBe(409);
    await a.drain();
    const download = expectStatus(
      await a.call<{ report: ReportBody; download: { url: string; expiresAt: string } }>(
        'GET',
        `/reports/${queued.id}/download`,
        auditor.token,
      ),
      200,
    );
    expect(download.report.status).toBe('succeeded');
    expect(download.download.url).toMatch(/^http/);

    const page = expectStatus(
      await a.call<{ items: ReportBody[]; nextCursor: string | null }>('GET', '/reports?limit=2', auditor.token),
      200,
    );
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.id).toBe(queued.id); // newest first
    const next = expectStatus(
      await a.call<{ items: ReportBody[] }>(
        'GET',
        `/reports?limit=200&cursor=${encodeURIComponent(page.nextCursor!)}`,
        auditor.token,
      ),
      200,
    );
    expect(next.items.some((r) => r.id === queued.id)).toBe(false);
    expect(
      expectStatus(
        await a.call<{ items: ReportBody[] }>('GET', `/reports?kind=audit&limit=200`, auditor.token),
        200,
      ).items.every((r) => r.kind === 'audit'),
    ).toBe(true);
  });

  it('a report whose job fails for good is failed with the reason; so is one whose job failed or was cancelled', async () => {
    const queued = expectStatus(
      await a.call<ReportBody & { jobId: string }>('POST', '/reports', officer.token, {
        kind: 'soa',
        format: 'pdf',
        frameworkId: csfId,
      }),
      202,
    );
    // The data moved on: its assessment now belongs to another framework version, so every try fails.
    const other = expectStatus(
      await a.call<{ id: string }>('POST', '/assessments', officer.token, { frameworkId: gdprId, name: 'GDPR 2026' }),
      201,
    ).id;
    await sql`update compliance.reports set assessment_id = ${other} where id = ${queued.id}`.execute(t.db);
    const ctx = (attempt: number): JobContext => ({
      jobId: queued.jobId,
      type: 'compliance.report',
      attempt,
      createdBy: null,
      db: t.db,
      remainingMs: () => 60_000,
      checkpoint: { load: async () => undefined, save: async () => undefined },
      progress: async () => undefined,
      isCancelled: async () => false,
    });
    await expect(runReport({ reportId: queued.id }, ctx(1))).rejects.toThrow();
    // An earlier try leaves the report to its retries.
    expect(expectStatus(await a.call<ReportBody>('GET', `/reports/${queued.id}`, officer.token), 200).status).toBe(
      'running',
    );
    await expect(runReport({ reportId: queued.id }, ctx(3))).rejects.toThrow();
    const failed = expectStatus(await a.call<ReportBody>('GET', `/reports/${queued.id}`, officer.token), 200);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('assessment');
    expect((await a.call('GET', `/reports/${queued.id}/download`, officer.token)).status).toBe(409);

    // A job cancelled (or failed) before the report finished makes the report failed, with the job's reason.
    const second = expectStatus(
      await a.call<ReportBody & { jobId: string }>('POST', '/reports', officer.token, {
        kind: 'soa',
        format: 'pdf',
        frameworkId: gdprId,
      }),
      202,
    );
    await sql`update platform.jobs set status = 'cancelled', finished_at = now() where id = ${second.jobId}`.execute(
      t.db,
    );
    expect(expectStatus(await a.call<ReportBody>('GET', `/reports/${second.id}`, officer.token), 200)).toMatchObject({
      status: 'failed',
      error: 'The job was cancelled.',
    });
    await sql`update platform.jobs set status = 'failed', error = 'worker crashed' where id = ${queued.jobId}`.execute(
      t.db,
    );
  });
});
