import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type ApiResponse, type TestApp } from '../../../test/harness/test-app.js';
import { digest } from './file-store.js';
import type { LocalFileStore } from './local-file-store.js';

/**
 * Attachments through the API on a real database (PGlite, or PostgreSQL with DATABASE_URL), with the
 * local file store. The bytes go to the store the way the local server sends them (`verify` +
 * `receive`, the code behind `/api/local-files/…`); src/gateway/local/local-files.int.test.ts drives
 * the same flow over HTTP with a file past API Gateway's 10 MB.
 */
const FILES = '/api/v1/files';
const F = '/api/v1/finance';

interface Person {
  id: string;
  token: string;
}
/** An admin, two reps and a manager of rep A's team (as the CRM tests set up, through the API). */
interface CrmPeople {
  admin: Person;
  repA: Person;
  repB: Person;
  manager: Person;
}
async function crmPeople(app: TestApp): Promise<CrmPeople> {
  const admin = await app.userWithRoles(['admin']);
  const repA = await app.userWithRoles(['sales-rep', 'employee']);
  const repB = await app.userWithRoles(['sales-rep', 'employee']);
  const manager = await app.userWithRoles(['sales-rep', 'employee']);
  const team = await app.request('POST', '/api/v1/crm/teams', {
    token: admin.token,
    body: {
      name: `Files team ${repA.id.slice(0, 8)}`,
      members: [
        { userId: repA.id, isManager: false },
        { userId: manager.id, isManager: true },
      ],
    },
  });
  if (team.status !== 201) throw new Error(`team: ${team.status} ${JSON.stringify(team.body)}`);
  return { admin, repA, repB, manager };
}
async function createParty(app: TestApp, token: string, body: Record<string, unknown>) {
  const res = await app.request<{ id: string }>('POST', `${F}/parties`, { token, body });
  if (res.status !== 201) throw new Error(`party: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
const line = (quantity: string, unitPrice: string) => ({ description: 'item', quantity, unitPrice });
/** A user whose only permission is finance:read. */
async function financeReader(app: TestApp) {
  await app.db
    .insertInto('auth.roles')
    .values({ name: 'finance-reader', description: 'Reads Finance', permissions: ['finance:read'] })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return app.userWithRoles(['finance-reader']);
}
let t: TestApp;
let store: LocalFileStore;
let people: CrmPeople;
let orgId: string;
let accountant: { id: string; token: string };
let bookkeeper: { id: string; token: string };
let reader: { id: string; token: string };
let outsider: { id: string; token: string };
let invoiceId: string;
let billId: string;

interface UploadBody {
  id: string;
  fileName: string;
  size: number;
  upload: { method: string; url: string; headers: Record<string, string>; expiresAt: string };
}
interface AttachmentBody {
  id: string;
  recordType: string;
  recordId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}
interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; code?: string; message: string }[];
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

/** What the local server does with a PUT to a signed upload URL. */
async function put(url: string, bytes: Buffer, method = 'PUT') {
  const check = store.verify(method, pathOf(url));
  if (!check.ok) return check.status;
  const outcome = await store.receive(check.grant, Readable.from([bytes]));
  return outcome === 'ok' ? 200 : 400;
}

/** What the local server does with a GET of a signed download URL. */
async function get(url: string): Promise<Buffer | number> {
  const check = store.verify('GET', pathOf(url));
  if (!check.ok) return check.status;
  const chunks: Buffer[] = [];
  for await (const c of await store.read(check.grant.key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function declare(token: string, body: Record<string, unknown>) {
  return t.request<UploadBody & Problem>('POST', `${FILES}/uploads`, { token, body });
}

async function attach(
  token: string,
  recordType: string,
  recordId: string,
  bytes: Buffer,
  extra: Record<string, unknown> = {},
): Promise<ApiResponse<AttachmentBody & Problem>> {
  const declared = await declare(token, {
    recordType,
    recordId,
    fileName: 'contract.pdf',
    contentType: 'application/pdf',
    size: bytes.length,
    ...extra,
  });
  if (declared.status !== 201) throw new Error(`declare: ${declared.status} ${JSON.stringify(declared.body)}`);
  expect(await put(declared.body.upload.url, bytes)).toBe(200);
  return t.request('POST', `${FILES}/uploads/${declared.body.id}/complete`, { token });
}

const list = (token: string, recordType: string, recordId: string) =>
  t.request<{ items: AttachmentBody[]; nextCursor: string | null } & Problem>(
    'GET',
    `${FILES}/attachments?recordType=${recordType}&recordId=${recordId}`,
    { token },
  );

beforeAll(async () => {
  t = await createTestApp();
  store = (await t.runtime.getFileStore()) as LocalFileStore;
  people = await crmPeople(t);
  const org = await t.request<{ id: string }>('POST', '/api/v1/crm/organizations', {
    token: people.repA.token,
    body: { name: `Attachments Org ${Date.now()}` },
  });
  if (org.status !== 201) throw new Error(`org: ${org.status} ${JSON.stringify(org.body)}`);
  orgId = org.body.id;

  accountant = await t.userWithRoles(['accountant']);
  bookkeeper = await t.userWithRoles(['bookkeeper']);
  reader = await financeReader(t);
  outsider = await t.userWithRoles(['auditor']);
  const customer = (await createParty(t, accountant.token, { kind: 'customer', name: 'Acme Files Ltd' })).id;
  const vendor = (await createParty(t, accountant.token, { kind: 'vendor', name: 'Paper Files Co' })).id;
  const invoice = await t.request<{ id: string }>('POST', `${F}/invoices`, {
    token: accountant.token,
    body: { partyId: customer, date: '2026-03-01', lines: [line('1', '100.00')] },
  });
  if (invoice.status !== 201) throw new Error(`invoice: ${invoice.status} ${JSON.stringify(invoice.body)}`);
  invoiceId = invoice.body.id;
  const bill = await t.request<{ id: string }>('POST', `${F}/bills`, {
    token: accountant.token,
    body: { partyId: vendor, date: '2026-03-01', lines: [line('1', '10.00')] },
  });
  if (bill.status !== 201) throw new Error(`bill: ${bill.status} ${JSON.stringify(bill.body)}`);
  billId = bill.body.id;
});
afterAll(() => t.close());

describe('attachments on a CRM organization', () => {
  let attachment: AttachmentBody;
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]);

  it('uploads (declare → PUT to the signed URL → complete), lists and downloads', async () => {
    const declared = await declare(people.repA.token, {
      recordType: 'crm.organization',
      recordId: orgId,
      fileName: 'contract.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha(bytes),
    });
    expect(declared.status).toBe(201);
    expect(declared.body.upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/pdf' } });
    expect(declared.body.upload.url).toMatch(/^http:\/\/localhost\/api\/local-files\/put\/attachments\/\d{4}\/\d{2}\//);
    expect(await put(declared.body.upload.url, bytes)).toBe(200);
    const done = await t.request<AttachmentBody>('POST', `${FILES}/uploads/${declared.body.id}/complete`, {
      token: people.repA.token,
    });
    expect(done.status).toBe(201);
    attachment = done.body;
    expect(attachment).toMatchObject({
      recordType: 'crm.organization',
      recordId: orgId,
      fileName: 'contract.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha(bytes),
    });
    // Completing again gives the same attachment, not a second one.
    const again = await t.request<AttachmentBody>('POST', `${FILES}/uploads/${declared.body.id}/complete`, {
      token: people.repA.token,
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(attachment.id);

    const listed = await list(people.repA.token, 'crm.organization', orgId);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((a) => a.id)).toEqual([attachment.id]);

    const download = await t.request<{ download: { url: string; method: string }; attachment: AttachmentBody }>(
      'GET',
      `${FILES}/attachments/${attachment.id}/download`,
      { token: people.repA.token },
    );
    expect(download.status).toBe(200);
    expect(download.body.download.method).toBe('GET');
    const got = await get(download.body.download.url);
    expect(Buffer.isBuffer(got) && sha(got)).toBe(sha(bytes));
    const grant = store.verify('GET', pathOf(download.body.download.url));
    expect(grant).toMatchObject({ ok: true, grant: { fileName: 'contract.pdf', contentType: 'application/pdf' } });
  });

  it("follows the organization's own access: same answer as GET /organizations/{id}", async () => {
    const cases = [
      { who: 'owner', token: people.repA.token, status: 200 },
      { who: 'manager of the owner', token: people.manager.token, status: 200 },
      { who: 'crm admin', token: people.admin.token, status: 200 },
      { who: 'another rep', token: people.repB.token, status: 404 },
      { who: 'no crm:read', token: outsider.token, status: 403 },
    ];
    for (const c of cases) {
      const own = await t.request('GET', `/api/v1/crm/organizations/${orgId}`, { token: c.token });
      expect(own.status, `${c.who}: the organization`).toBe(c.status);
      expect((await list(c.token, 'crm.organization', orgId)).status, `${c.who}: list`).toBe(c.status);
      expect(
        (await t.request('GET', `${FILES}/attachments/${attachment.id}`, { token: c.token })).status,
        `${c.who}: get`,
      ).toBe(c.status);
      expect(
        (await t.request('GET', `${FILES}/attachments/${attachment.id}/download`, { token: c.token })).status,
        `${c.who}: download`,
      ).toBe(c.status);
    }
    // Attaching needs the record too.
    const refused = await declare(people.repB.token, {
      recordType: 'crm.organization',
      recordId: orgId,
      fileName: 'x.pdf',
      contentType: 'application/pdf',
      size: 10,
    });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(
      (
        await declare(outsider.token, {
          recordType: 'crm.organization',
          recordId: orgId,
          fileName: 'x.pdf',
          contentType: 'application/pdf',
          size: 10,
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.request('DELETE', `${FILES}/attachments/${attachment.id}`, { token: people.repB.token })).status,
    ).toBe(404);
    expect((await t.request('GET', `${FILES}/attachments/${attachment.id}`)).status).toBe(401);
  });

  it('deletes softly, with an audit record; the attachment is gone from lists and downloads', async () => {
    expect(
      (await t.request('DELETE', `${FILES}/attachments/${attachment.id}`, { token: people.repA.token })).status,
    ).toBe(204);
    expect((await list(people.repA.token, 'crm.organization', orgId)).body.items).toEqual([]);
    expect((await t.request('GET', `${FILES}/attachments/${attachment.id}`, { token: people.repA.token })).status).toBe(
      404,
    );
    expect(
      (await t.request('GET', `${FILES}/attachments/${attachment.id}/download`, { token: people.repA.token })).status,
    ).toBe(404);
    expect(
      (await t.request('DELETE', `${FILES}/attachments/${attachment.id}`, { token: people.repA.token })).status,
    ).toBe(404);
    const row = await t.db
      .selectFrom('platform.attachments')
      .select(['deleted_at', 'deleted_by'])
      .where('id', '=', attachment.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(row.deleted_by).toBe(people.repA.id);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select(['action', 'actor_id'])
      .where('entity_type', '=', 'attachment')
      .where('entity_id', '=', attachment.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'attachment.created', actor_id: people.repA.id },
      { action: 'attachment.deleted', actor_id: people.repA.id },
    ]);
    // The bytes stay (soft delete): an administrator can restore the row.
    expect(await store.stat((await storedKey(attachment.id))!)).not.toBeNull();
  });
});

describe('attachments on Finance invoices and bills', () => {
  it('finance:read lists and downloads; finance:write attaches and deletes; no finance permission is 403', async () => {
    const bytes = Buffer.from('invoice scan');
    const created = await attach(bookkeeper.token, 'finance.invoice', invoiceId, bytes, {
      fileName: 'scan.png',
      contentType: 'image/png',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    expect((await list(reader.token, 'finance.invoice', invoiceId)).body.items.map((a) => a.id)).toEqual([id]);
    expect((await t.request('GET', `${FILES}/attachments/${id}/download`, { token: reader.token })).status).toBe(200);
    const readOnly = await declare(reader.token, {
      recordType: 'finance.invoice',
      recordId: invoiceId,
      fileName: 'x.pdf',
      contentType: 'application/pdf',
      size: 1,
    });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.detail).toContain('finance:write');
    expect((await t.request('DELETE', `${FILES}/attachments/${id}`, { token: reader.token })).status).toBe(403);

    const employee = await t.userWithRoles(['employee']);
    expect((await t.request('GET', `/api/v1/finance/invoices/${invoiceId}`, { token: employee.token })).status).toBe(
      403,
    );
    expect((await list(employee.token, 'finance.invoice', invoiceId)).status).toBe(403);
    expect((await t.request('GET', `${FILES}/attachments/${id}`, { token: employee.token })).status).toBe(403);

    expect((await t.request('DELETE', `${FILES}/attachments/${id}`, { token: bookkeeper.token })).status).toBe(204);
  });

  it('answers 404 for a record that does not exist, or is of another kind (a bill is no invoice)', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await list(reader.token, 'finance.invoice', missing)).status).toBe(404);
    expect((await list(reader.token, 'finance.invoice', billId)).status).toBe(404);
    expect((await list(reader.token, 'finance.bill', billId)).status).toBe(200);
    expect((await t.request('GET', `/api/v1/finance/invoices/${billId}`, { token: reader.token })).status).toBe(404);
  });

  it('refuses a record type nobody declared (422, naming recordType)', async () => {
    const res = await list(people.admin.token, 'hr.employee', orgId);
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.path).toBe('query.recordType');
  });
});

describe('limits and checks', () => {
  const base = () => ({ recordType: 'crm.organization', recordId: orgId, contentType: 'application/pdf', size: 100 });

  it('refuses an over-size, a disallowed content type and programs with 422 problem+json naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ fileName: 'big.pdf', size: 25 * 1024 * 1024 + 1 }, 'size', 'too_large'],
      [{ fileName: 'movie.mp4', contentType: 'video/mp4' }, 'contentType', 'content_type'],
      [{ fileName: 'setup.exe' }, 'fileName', 'executable'],
      [{ fileName: 'tool.bin', contentType: 'application/x-msdownload' }, 'fileName', 'executable'],
      [{ fileName: 'page.html', contentType: 'text/html' }, 'fileName', 'executable'],
    ];
    for (const [extra, path, code] of cases) {
      const res = await declare(people.repA.token, { ...base(), ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors?.[0], JSON.stringify(extra)).toMatchObject({ path, code });
    }
    const negative = await declare(people.repA.token, { ...base(), fileName: 'a.pdf', size: -1 });
    expect(negative.status).toBe(422);
    expect(negative.body.errors?.[0]?.path).toBe('size');
  });

  it('stores a sanitised file name', async () => {
    const res = await declare(people.repA.token, { ...base(), fileName: '../../etc/pa<ss>wd\u0000\u202e.pdf ' });
    expect(res.status).toBe(422); // NUL is refused at the edge for every route (ADR 0011)
    const ok = await declare(people.repA.token, { ...base(), fileName: 'C:\\Users\\me\\..\\Report: "Q1"?.pdf' });
    expect(ok.status).toBe(201);
    expect(ok.body.fileName).toBe('Report_ _Q1__.pdf');
  });

  it('refuses to complete before the bytes arrived (409), with the wrong bytes (422) or a program inside (422)', async () => {
    const bytes = randomBytes(100);
    const declared = await declare(people.repA.token, { ...base(), fileName: 'a.pdf', sha256: sha(randomBytes(8)) });
    const complete = () =>
      t.request<Problem>('POST', `${FILES}/uploads/${declared.body.id}/complete`, { token: people.repA.token });
    expect((await complete()).status).toBe(409);
    expect(await put(declared.body.upload.url, bytes)).toBe(200);
    const mismatch = await complete();
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors?.[0]).toMatchObject({ path: 'sha256', code: 'checksum' });
    expect((await complete()).status).toBe(409); // the refused bytes were removed

    const program = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), randomBytes(96)]);
    const res = await attach(people.repA.token, 'crm.organization', orgId, program, { size: 100 });
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]).toMatchObject({ code: 'executable' });
  });

  it("does not let anyone else complete someone's upload, and refuses an expired one (410)", async () => {
    const bytes = randomBytes(100);
    const declared = await declare(people.repA.token, { ...base(), fileName: 'b.pdf' });
    expect(await put(declared.body.upload.url, bytes)).toBe(200);
    expect(
      (await t.request('POST', `${FILES}/uploads/${declared.body.id}/complete`, { token: people.admin.token })).status,
    ).toBe(404);
    await t.db
      .updateTable('platform.file_uploads')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', declared.body.id)
      .execute();
    const expired = await t.request<Problem>('POST', `${FILES}/uploads/${declared.body.id}/complete`, {
      token: people.repA.token,
    });
    expect(expired.status).toBe(410);
    expect(expired.body.type).toContain('upload-expired');
  });

  it('refuses an upload URL used for more bytes than declared, or a tampered one', async () => {
    const declared = await declare(people.repA.token, { ...base(), fileName: 'c.pdf' });
    const check = store.verify('PUT', pathOf(declared.body.upload.url));
    if (!check.ok) throw new Error(check.reason);
    expect(await store.receive(check.grant, Readable.from([randomBytes(101)]))).toBe('too-large');
    const tampered = declared.body.upload.url.replace('len=100', 'len=100000000');
    expect(await put(tampered, randomBytes(10))).toBe(403);
  });

  it('tells the web app its limits', async () => {
    const res = await t.request<{ maxBytes: number; allowedTypes: string[]; recordTypes: string[] }>(
      'GET',
      `${FILES}/limits`,
      { token: outsider.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.maxBytes).toBe(25 * 1024 * 1024);
    expect(res.body.allowedTypes).toContain('application/pdf');
    expect(res.body.recordTypes).toEqual(
      expect.arrayContaining(['crm.organization', 'finance.invoice', 'finance.bill']),
    );
  });

  it('pages through many attachments', async () => {
    const many = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        attach(people.repA.token, 'crm.organization', orgId, Buffer.from(`file ${i}`), { fileName: `f${i}.pdf` }),
      ),
    );
    expect(many.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse<{ items: AttachmentBody[]; nextCursor: string | null }> = await t.request(
        'GET',
        `${FILES}/attachments?recordType=crm.organization&recordId=${orgId}&limit=2&sort=fileName${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: people.repA.token },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((a) => a.fileName));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['f0.pdf', 'f1.pdf', 'f2.pdf', 'f3.pdf', 'f4.pdf']);
    expect((await digest(await store.read((await storedKey(many[0]!.body.id))!))).size).toBe(6);
  });
});

async function storedKey(id: string) {
  return (await t.db.selectFrom('platform.attachments').select('object_key').where('id', '=', id).executeTakeFirst())
    ?.object_key;
}
