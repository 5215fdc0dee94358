import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { workRegistry } from '../../../app/jobs.js';
import { complianceApp, expectStatus, type ComplianceTestApp } from '../compliance.test-support.js';

type Person = { id: string; email: string; token: string };

let t: TestApp;
let a: ComplianceTestApp;
let admin: Person;
let officer: Person;
let auditor: Person;
let evanUser: Person;
let contactId: string;
let activityId: string;
let opportunityId: string;
let invoiceId: string;
let partyId: string;
let employeeId: string;
let taskId: string;

interface PrivacyRequestBody {
  id: string;
  kind: string;
  status: string;
  error: string | null;
  jobId: string;
  subject: { type: string; id: string };
  summary: {
    subjectFound: boolean;
    records: number;
    modules: { module: string; sections?: Record<string, number>; anonymized?: number; retained?: number }[];
    retained: { module: string; what: string; count: number; reason: string }[];
  } | null;
  file: { name: string; size: number; sha256: string } | null;
}

interface Section {
  key: string;
  records: Record<string, unknown>[];
}
interface ExportDoc {
  format: string;
  subjectFound: boolean;
  person: { name: string; emails: string[] } | null;
  modules: { module: string; sections: Section[] }[];
}
interface ErasureDoc {
  format: string;
  modules: {
    module: string;
    anonymized: { what: string; count: number }[];
    retained: { what: string; count: number; reason: string }[];
  }[];
}

const api = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token = admin.token) => {
  const res = await t.request<T>(method, path, { token, ...(body !== undefined ? { body } : {}) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

const drain = () => drainJobs(t.db, workRegistry);

async function request(kind: 'export' | 'erasure', type: string, id: string, token = officer.token) {
  const body = expectStatus(
    await a.call<PrivacyRequestBody>('POST', '/privacy-requests', token, {
      kind,
      subject: { type, id },
      reason: 'Data-subject request, ticket 4711',
      ...(kind === 'erasure' ? { confirm: 'ERASE' } : {}),
    }),
    202,
  );
  const runs = (await drain()).filter((r) => r.jobId === body.jobId);
  expect(runs.at(-1)?.outcome).toBe('succeeded');
  return expectStatus(await a.call<PrivacyRequestBody>('GET', `/privacy-requests/${body.id}`, officer.token), 200);
}

/** The stored file of a finished request (read through the file store), checked against its SHA-256. */
async function fileOf<T>(req: PrivacyRequestBody): Promise<T> {
  const link = expectStatus(
    await a.call<{ url: string; sha256: string; name: string }>(
      'GET',
      `/privacy-requests/${req.id}/download`,
      officer.token,
    ),
    200,
  );
  expect(link.url).toMatch(/\/api\/local-files\/get\/results\/\d{4}\/\d{2}\//);
  expect(link.name).toBe(req.file!.name);
  const row = await t.db
    .selectFrom('compliance.privacy_requests')
    .select('file_key')
    .where('id', '=', req.id)
    .executeTakeFirstOrThrow();
  const chunks: Buffer[] = [];
  for await (const c of await (await t.runtime.getFileStore()).read(row.file_key!))
    chunks.push(Buffer.from(c as Uint8Array));
  const bytes = Buffer.concat(chunks);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(link.sha256);
  return JSON.parse(bytes.toString('utf8')) as T;
}

const section = (doc: ExportDoc, module: string, key: string) =>
  doc.modules.find((m) => m.module === module)?.sections.find((s) => s.key === key)?.records ?? [];

beforeAll(async () => {
  t = await createTestApp();
  a = complianceApp(t);
  admin = await t.userWithRoles(['admin']);
  officer = await t.userWithRoles(['compliance-officer']);
  auditor = await t.userWithRoles(['auditor']);
  evanUser = await t.userWithRoles(['employee'], `evan.${Date.now()}@work.example`);

  // Dana, a customer: a CRM contact with an activity and an opportunity, and a Finance customer with a posted invoice.
  contactId = (
    await api<{ id: string }>('POST', '/api/v1/crm/contacts', {
      firstName: 'Dana',
      lastName: 'Privacy',
      emails: ['dana.privacy@example.com'],
      phones: ['+44 20 7946 0001'],
      title: 'Buyer',
    })
  ).id;
  activityId = (
    await api<{ id: string }>('POST', '/api/v1/crm/activities', {
      type: 'note',
      subject: 'Dana mentioned her hospital stay',
      body: 'Personal details Dana shared on the call',
      contactId,
    })
  ).id;
  opportunityId = (
    await api<{ id: string }>('POST', '/api/v1/crm/opportunities', {
      name: 'Dana’s order',
      amount: '1200.00',
      currency: 'USD',
      contactIds: [contactId],
    })
  ).id;
  await api('GET', '/api/v1/finance/accounts');
  partyId = (
    await api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Dana Privacy',
      email: 'dana.privacy@example.com',
    })
  ).id;
  const draft = await api<{ id: string }>('POST', '/api/v1/finance/invoices', {
    partyId,
    date: '2026-03-02',
    lines: [{ description: 'Consulting', quantity: '2', unitPrice: '100.00', taxRate: '20' }],
  });
  invoiceId = (await api<{ id: string; status: string }>('POST', `/api/v1/finance/invoices/${draft.id}/issue`)).id;

  // Evan, an employee with a user account, leave, compensation, a task and time in Projects.
  const employee = await api<{ id: string; version: number }>('POST', '/api/v1/hr/employees', {
    firstName: 'Evan',
    lastName: 'Leaver',
    workEmail: evanUser.email,
    personalEmail: 'evan.home@mail.example',
    birthDate: '1988-02-03',
    startDate: '2024-01-15',
    userId: evanUser.id,
  });
  employeeId = employee.id;
  await t.db
    .insertInto('hr.compensations')
    .values({
      employee_id: employeeId,
      effective_date: '2024-01-15',
      base_salary: '52000.00',
      currency: 'USD',
      pay_frequency: 'monthly',
    })
    .execute();
  const leaveType = await t.db
    .insertInto('hr.leave_types')
    .values({ code: `prv${Date.now() % 100000}`, name: 'Sick leave', yearly_allowance: '10' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('hr.leave_requests')
    .values({
      employee_id: employeeId,
      leave_type_id: leaveType.id,
      start_date: '2026-02-02',
      end_date: '2026-02-03',
      days: '2',
      status: 'approved',
      reason: 'Surgery',
    })
    .execute();
  const project = await api<{ id: string }>('POST', '/api/v1/projects/projects', {
    code: `PRV${Date.now().toString(36).slice(-4).toUpperCase()}`,
    name: 'Privacy project',
  });
  await api('POST', `/api/v1/projects/projects/${project.id}/members`, { userId: evanUser.id, role: 'member' }).catch(
    async () => t.db.insertInto('projects.members').values({ project_id: project.id, user_id: evanUser.id }).execute(),
  );
  taskId = (
    await api<{ id: string }>('POST', '/api/v1/projects/tasks', { projectId: project.id, title: 'Evan’s task' })
  ).id;
  await t.db.insertInto('projects.task_assignees').values({ task_id: taskId, user_id: evanUser.id }).execute();
  await t.db
    .insertInto('projects.time_entries')
    .values({
      project_id: project.id,
      task_id: taskId,
      user_id: evanUser.id,
      entry_date: '2026-02-04',
      hours: '3.5',
      currency: 'USD',
      note: 'Worked on the privacy project',
    })
    .execute();
  await t.db
    .insertInto('platform.attachments')
    .values({
      id: randomUUID(),
      record_type: 'projects.task',
      record_id: taskId,
      object_key: `attachments/2026/02/${randomUUID()}`,
      file_name: 'evan-notes.pdf',
      content_type: 'application/pdf',
      size: 12,
      sha256: '0'.repeat(64),
      created_by: evanUser.id,
    })
    .execute();
  await drain();
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('privacy requests: permissions and validation', () => {
  it('compliance:read lists but cannot request an export or an erasure', async () => {
    for (const kind of ['export', 'erasure'] as const) {
      const res = await a.call('POST', '/privacy-requests', auditor.token, {
        kind,
        subject: { type: 'crm.contact', id: contactId },
        reason: 'x',
        confirm: 'ERASE',
      });
      expect(res.status).toBe(403);
    }
    expect((await a.call('GET', '/privacy-requests', auditor.token)).status).toBe(200);
    expect((await a.call('GET', '/privacy-requests', evanUser.token)).status).toBe(403);
  });

  it('an erasure needs compliance:admin and the confirmation word; the subject must exist', async () => {
    const writerRole = `privacy-writer-${Date.now()}`;
    await api('POST', '/api/v1/auth/roles', { name: writerRole, permissions: ['compliance:read', 'compliance:write'] });
    const writer = await t.userWithRoles([writerRole]);
    const erase = { kind: 'erasure', subject: { type: 'crm.contact', id: contactId }, reason: 'x', confirm: 'ERASE' };
    const refused = await a.call<{ requiredPermission?: string }>('POST', '/privacy-requests', writer.token, erase);
    expect(refused.status).toBe(403);
    expect(refused.body.requiredPermission).toBe('compliance:admin');
    const unconfirmed = await a.call<{ errors: { path: string }[] }>('POST', '/privacy-requests', officer.token, {
      ...erase,
      confirm: 'yes',
    });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.errors.map((e) => e.path)).toContain('confirm');
    const missing = await a.call('POST', '/privacy-requests', officer.token, {
      kind: 'export',
      subject: { type: 'hr.employee', id: '00000000-0000-4000-8000-000000000000' },
      reason: 'x',
    });
    expect(missing.status).toBe(422);
    // Nothing was erased by the refused requests.
    const contact = await t.db
      .selectFrom('crm.contacts')
      .select('first_name')
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    expect(contact.first_name).toBe('Dana');
  });
});

describe('privacy export', () => {
  it('of a contact holds its CRM records and the Finance records with its email, in a stored JSON file', async () => {
    const req = await request('export', 'crm.contact', contactId);
    expect(req).toMatchObject({ status: 'succeeded', kind: 'export', summary: { subjectFound: true } });
    const doc = await fileOf<ExportDoc>(req);
    expect(doc.format).toBe('moms-privacy-export/1');
    expect(doc.person).toMatchObject({ name: 'Dana Privacy', emails: ['dana.privacy@example.com'] });
    expect(section(doc, 'crm', 'crm.contacts')).toEqual([
      expect.objectContaining({ id: contactId, first_name: 'Dana', emails: ['dana.privacy@example.com'] }),
    ]);
    expect(section(doc, 'crm', 'crm.activities')).toEqual([expect.objectContaining({ id: activityId })]);
    expect(section(doc, 'crm', 'crm.opportunities')).toEqual([expect.objectContaining({ id: opportunityId })]);
    expect(section(doc, 'finance', 'finance.parties')).toEqual([expect.objectContaining({ id: partyId })]);
    expect(section(doc, 'finance', 'finance.documents')).toEqual([
      expect.objectContaining({ id: invoiceId, status: 'issued', total: expect.stringMatching(/^240\.00/) }),
    ]);
    expect(req.summary!.modules.find((m) => m.module === 'crm')!.sections).toMatchObject({
      'crm.contacts': 1,
      'crm.activities': 1,
    });
  });

  it('of an employee holds HR, Auth and Projects records (and no password hash)', async () => {
    const req = await request('export', 'hr.employee', employeeId);
    const doc = await fileOf<ExportDoc>(req);
    expect(section(doc, 'hr', 'hr.employees')).toEqual([
      expect.objectContaining({ id: employeeId, first_name: 'Evan', personal_email: 'evan.home@mail.example' }),
    ]);
    expect(section(doc, 'hr', 'hr.compensations')).toEqual([expect.objectContaining({ base_salary: '52000.00' })]);
    expect(section(doc, 'hr', 'hr.leave-requests')).toEqual([expect.objectContaining({ reason: 'Surgery' })]);
    expect(section(doc, 'auth', 'auth.user')).toEqual([
      expect.objectContaining({ id: evanUser.id, email: evanUser.email, roles: ['employee'] }),
    ]);
    expect(JSON.stringify(doc)).not.toMatch(/password_hash|\$argon|\$scrypt/);
    expect(section(doc, 'projects', 'projects.task-assignments')).toEqual([
      expect.objectContaining({ task_id: taskId }),
    ]);
    expect(section(doc, 'projects', 'projects.time-entries')).toEqual([
      expect.objectContaining({ hours: expect.stringMatching(/^3\.5/), note: 'Worked on the privacy project' }),
    ]);
    // Every contributing module is in the export.
    expect(section(doc, 'files', 'files.attachments')).toEqual([
      expect.objectContaining({ file_name: 'evan-notes.pdf', record_type: 'projects.task', record_id: taskId }),
    ]);
    expect(doc.modules.map((m) => m.module).sort()).toEqual(['auth', 'crm', 'files', 'finance', 'hr', 'projects']);
  });

  it('is listed (paginated) and audited', async () => {
    const page = expectStatus(
      await a.call<{ items: PrivacyRequestBody[]; nextCursor: string | null }>(
        'GET',
        '/privacy-requests?limit=1',
        auditor.token,
      ),
      200,
    );
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const actions = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_type', '=', 'compliance.privacy-request')
      .execute();
    expect(actions.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'compliance.privacy-export-requested',
        'compliance.privacy-export-completed',
        'compliance.privacy-report-downloaded',
      ]),
    );
  });
});

describe('privacy erasure', () => {
  it('anonymizes the contact and its activities, keeps the posted invoice with the retention reason', async () => {
    const invoiceBefore = await t.db
      .selectFrom('finance.documents')
      .selectAll()
      .where('id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    const partyBefore = await t.db
      .selectFrom('finance.parties')
      .selectAll()
      .where('id', '=', partyId)
      .executeTakeFirstOrThrow();
    const req = await request('erasure', 'crm.contact', contactId);
    expect(req.status).toBe('succeeded');

    const contact = await t.db
      .selectFrom('crm.contacts')
      .selectAll()
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ first_name: 'Erased', last_name: 'contact', emails: [], phones: [], title: null });
    const activity = await t.db
      .selectFrom('crm.activities')
      .selectAll()
      .where('id', '=', activityId)
      .executeTakeFirstOrThrow();
    expect(activity).toMatchObject({ subject: '(erased)', body: null });
    // The opportunity stays, linked to the anonymized contact.
    expect(
      await t.db
        .selectFrom('crm.opportunity_contacts')
        .selectAll()
        .where('opportunity_id', '=', opportunityId)
        .execute(),
    ).toEqual([{ opportunity_id: opportunityId, contact_id: contactId }]);

    // The posted invoice and its party are untouched.
    expect(
      await t.db.selectFrom('finance.documents').selectAll().where('id', '=', invoiceId).executeTakeFirstOrThrow(),
    ).toEqual(invoiceBefore);
    expect(
      await t.db.selectFrom('finance.parties').selectAll().where('id', '=', partyId).executeTakeFirstOrThrow(),
    ).toEqual(partyBefore);
    const retained = req.summary!.retained.filter((r) => r.module === 'finance');
    expect(retained).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          what: expect.stringMatching(/posted documents/i),
          count: 1,
          reason: expect.stringMatching(/statutory retention/),
        }),
      ]),
    );

    // The report says the same, and names no personal data.
    const report = await fileOf<ErasureDoc>(req);
    expect(report.format).toBe('moms-privacy-erasure-report/1');
    expect(report.modules.find((m) => m.module === 'crm')!.anonymized).toEqual(
      expect.arrayContaining([expect.objectContaining({ what: expect.stringMatching(/^Contacts/), count: 1 })]),
    );
    expect(report.modules.find((m) => m.module === 'finance')!.retained[0]!.reason).toMatch(/art\. 17\(3\)\(b\)/);
    const text = JSON.stringify(report);
    expect(text).not.toContain('Dana');
    expect(text).not.toContain('dana.privacy@example.com');
    // The request row's summary holds no personal data either, and the job forgot the identity.
    const row = await t.db
      .selectFrom('platform.jobs')
      .select('checkpoint')
      .where('id', '=', req.jobId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row.checkpoint)).not.toContain('dana');
    expect(JSON.stringify(req)).not.toContain('Dana');
  });

  it('a second erasure of the same subject is harmless (nothing more anonymized or audited)', async () => {
    const auditBefore = await t.db
      .selectFrom('platform.audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('entity_type', '=', 'crm.contact')
      .executeTakeFirstOrThrow();
    const req = await request('erasure', 'crm.contact', contactId);
    expect(req.status).toBe('succeeded');
    expect(req.summary!.records).toBe(0);
    const auditAfter = await t.db
      .selectFrom('platform.audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('entity_type', '=', 'crm.contact')
      .executeTakeFirstOrThrow();
    expect(auditAfter.n).toBe(auditBefore.n);
  });

  it('keeps an active employee, then anonymizes a terminated one and deactivates the account; payroll records stay', async () => {
    const active = await request('erasure', 'hr.employee', employeeId);
    expect(active.summary!.retained).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ module: 'hr', reason: expect.stringMatching(/employment contract/) }),
      ]),
    );
    expect(
      (
        await t.db
          .selectFrom('hr.employees')
          .select('first_name')
          .where('id', '=', employeeId)
          .executeTakeFirstOrThrow()
      ).first_name,
    ).toBe('Evan');

    const current = await api<{ version: number }>('GET', `/api/v1/hr/employees/${employeeId}`);
    await api('POST', `/api/v1/hr/employees/${employeeId}/terminate`, {
      version: current.version,
      endDate: '2026-03-31',
      reason: 'Moved abroad for family reasons',
    });
    const req = await request('erasure', 'hr.employee', employeeId);
    const employee = await t.db
      .selectFrom('hr.employees')
      .selectAll()
      .where('id', '=', employeeId)
      .executeTakeFirstOrThrow();
    expect(employee).toMatchObject({
      first_name: 'Erased',
      personal_email: null,
      birth_date: null,
      termination_reason: null,
      start_date: '2024-01-15',
    });
    expect(employee.work_email).toMatch(/@erased\.invalid$/);
    const leave = await t.db
      .selectFrom('hr.leave_requests')
      .selectAll()
      .where('employee_id', '=', employeeId)
      .execute();
    expect(leave).toEqual([expect.objectContaining({ reason: null, days: expect.stringMatching(/^2/) })]);
    expect(
      await t.db.selectFrom('hr.compensations').select('base_salary').where('employee_id', '=', employeeId).execute(),
    ).toEqual([{ base_salary: expect.stringMatching(/^52000/) }]);
    const user = await t.db
      .selectFrom('auth.users')
      .selectAll()
      .where('id', '=', evanUser.id)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ status: 'inactive', name: 'Erased user' });
    expect(user.email).toMatch(/@erased\.invalid$/);
    expect((await t.login(evanUser.email)).status).toBe(401);
    // Removed from the open task; the time entry is kept (billing records).
    expect(
      await t.db.selectFrom('projects.task_assignees').selectAll().where('user_id', '=', evanUser.id).execute(),
    ).toEqual([]);
    expect(
      await t.db.selectFrom('projects.time_entries').select('hours').where('user_id', '=', evanUser.id).execute(),
    ).toHaveLength(1);
    const kept = req.summary!.retained.map((r) => `${r.module}: ${r.what}`);
    expect(kept).toEqual(
      expect.arrayContaining(['hr: Compensation history', 'projects: Time entries', expect.stringMatching(/^audit: /)]),
    );
    // The erasure is audited without the erased values.
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', employeeId)
      .where('action', '=', 'employee.anonymized')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('Evan');
  });

  it('a retried job does not anonymize twice: a module done before a failure is skipped', async () => {
    // A contact whose erasure is interrupted after CRM's transaction: simulate by running the job's
    // CRM step in advance through a checkpoint, then let the job run.
    const c = await api<{ id: string }>('POST', '/api/v1/crm/contacts', {
      firstName: 'Rita',
      lastName: 'Retry',
      emails: ['rita.retry@example.com'],
    });
    const queued = expectStatus(
      await a.call<PrivacyRequestBody>('POST', '/privacy-requests', officer.token, {
        kind: 'erasure',
        subject: { type: 'crm.contact', id: c.id },
        reason: 'retry test',
        confirm: 'ERASE',
      }),
      202,
    );
    // The checkpoint says CRM is done (as a first attempt that failed later would have left it).
    const crmDone = { anonymized: [{ what: 'done in attempt 1', count: 1 }], retained: [] };
    await t.db
      .updateTable('platform.jobs')
      .set({
        checkpoint: JSON.stringify({
          identity: {
            subject: { type: 'crm.contact', id: c.id },
            name: 'Rita Retry',
            emails: ['rita.retry@example.com'],
            userId: null,
            employeeId: null,
            contactId: c.id,
          },
          done: { crm: crmDone },
        }),
      })
      .where('id', '=', queued.jobId)
      .execute();
    await drain();
    const done = expectStatus(
      await a.call<PrivacyRequestBody>('GET', `/privacy-requests/${queued.id}`, officer.token),
      200,
    );
    expect(done.status).toBe('succeeded');
    // CRM's hook did not run again: the contact is as it was, and the report carries attempt 1's result.
    const contact = await t.db
      .selectFrom('crm.contacts')
      .select('first_name')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(contact.first_name).toBe('Rita');
    const report = await fileOf<ErasureDoc>(done);
    expect(report.modules.find((m) => m.module === 'crm')!.anonymized).toEqual(crmDone.anonymized);
  });

  it('a request whose job fails for good reads failed (and is found by the status filter)', async () => {
    const c = await api<{ id: string }>('POST', '/api/v1/crm/contacts', { firstName: 'Fay', lastName: 'Fails' });
    const queued = expectStatus(
      await a.call<PrivacyRequestBody>('POST', '/privacy-requests', officer.token, {
        kind: 'export',
        subject: { type: 'crm.contact', id: c.id },
        reason: 'failure test',
      }),
      202,
    );
    // The last try, with a checkpoint no module can read (emails missing): the hooks throw.
    await t.db
      .updateTable('platform.jobs')
      .set({
        attempts: 4,
        checkpoint: JSON.stringify({ identity: { subject: { type: 'crm.contact', id: c.id } }, done: {} }),
      })
      .where('id', '=', queued.jobId)
      .execute();
    expect((await drain()).find((r) => r.jobId === queued.jobId)?.outcome).toBe('failed');
    const failed = expectStatus(
      await a.call<PrivacyRequestBody>('GET', `/privacy-requests/${queued.id}`, officer.token),
      200,
    );
    expect(failed).toMatchObject({ status: 'failed', file: null });
    expect(failed.error).toBeTruthy();
    const page = expectStatus(
      await a.call<{ items: PrivacyRequestBody[] }>('GET', '/privacy-requests?status=failed', auditor.token),
      200,
    );
    expect(page.items.map((r) => r.id)).toEqual([queued.id]);
    expect((await a.call('GET', `/privacy-requests/${queued.id}/download`, officer.token)).status).toBe(409);
  });
});
