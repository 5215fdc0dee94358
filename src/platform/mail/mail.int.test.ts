import { readdir, readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, testConfig, type TestApp } from '../../../test/harness/test-app.js';
import { workRegistry } from '../../app/jobs.js';
import { createRuntime } from '../../app/runtime.js';
import { createStandardApp } from '../../app/standard-app.js';
import { inTransaction } from '../db/transaction.js';
import { drainJobs } from '../jobs/local-worker.js';
import { localOutboxDir, useMailConfig, useMailTransport } from './mail-environment.js';
import { parseMessage } from './mime.js';
import { sendMail } from './send-mail.js';
import { SesMailTransport } from './ses-transport.js';
import { defineMailTemplate, html } from './templates.js';
import type { MailTransport } from './transport.js';

const welcome = defineMailTemplate({
  name: 'test.welcome',
  data: () => z.object({ name: z.string(), days: z.number().int() }),
  render: ({ name, days }) => ({
    subject: `Willkommen, ${name} — ${days} Tage`,
    text: `Hello ${name},\nyour trial lasts ${days} days.`,
    html: html`<p>Hello <b>${name}</b>, your trial lasts ${days} days.</p>`,
  }),
});

let t: TestApp;
let admin: { id: string; token: string; email: string };
let employee: { id: string; token: string };
const outbox = () => localOutboxDir(t.config);
const jobRow = (id: string) =>
  t.db.selectFrom('platform.jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const emlFiles = async () => (await readdir(outbox()).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
  employee = await t.userWithRoles(['employee']);
});
afterAll(async () => {
  useMailTransport(undefined);
  await t?.close();
});
beforeEach(async () => {
  useMailConfig(t.config); // the test app's: the local outbox in its temporary data folder
  await sql`delete from platform.jobs`.execute(t.db);
});

const send = (overrides: Partial<Parameters<typeof sendMail<Awaited<ReturnType<typeof welcome.data>>>>[1]> = {}) =>
  inTransaction(t.db, (trx) =>
    sendMail(trx, {
      template: welcome,
      data: { name: 'Zoë <script>alert(1)</script>', days: 14 },
      to: [{ address: 'zoe@example.com', name: 'Zoë Ünal' }, 'ops@example.com'],
      cc: ['boss@example.com'],
      createdBy: admin.id,
      ...overrides,
    }),
  );

describe('sending mail through a job', () => {
  it('a mail enqueued in a transaction that rolls back is never sent', async () => {
    const before = await emlFiles();
    await expect(
      inTransaction(t.db, async (trx) => {
        await sendMail(trx, {
          template: welcome,
          data: { name: 'Never', days: 1 },
          to: ['x@example.com'],
          createdBy: null,
        });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await drainJobs(t.db, workRegistry)).toEqual([]);
    expect(await emlFiles()).toEqual(before);
  });

  it('checks the template data when the mail is queued (a 422 naming the field)', async () => {
    await expect(
      inTransaction(t.db, (trx) =>
        sendMail(trx, {
          template: welcome,
          data: { name: 'A', days: 'two' as never },
          to: ['a@example.com'],
          createdBy: null,
        }),
      ),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('a committed mail is rendered and written as a valid .eml, once even when its job runs twice', async () => {
    const store = await t.runtime.getFileStore();
    await store.write('results/2026/12/mail-test-report', 'a,b\n1,2\n', { contentType: 'text/csv' });
    const { id } = await send({
      attachments: [
        { fileKey: 'results/2026/12/mail-test-report', fileName: 'Bericht März.csv', contentType: 'text/csv' },
        { fileName: 'note.txt', contentType: 'text/plain', contentBase64: Buffer.from('hi there').toString('base64') },
      ],
    });
    expect((await jobRow(id)).created_by).toBe(admin.id);
    expect(await drainJobs(t.db, workRegistry)).toEqual([{ jobId: id, outcome: 'succeeded' }]);
    const row = await jobRow(id);
    expect(row.status).toBe('succeeded');
    const result = row.result as { transport: string; id: string; messageId: string };
    expect(result).toMatchObject({ transport: 'local', messageId: `<${id}@moms.local>` });

    const files = (await emlFiles()).filter((f) => f.includes(id));
    expect(files).toEqual([`${result.id}.eml`]);
    const raw = await readFile(`${outbox()}/${files[0]}`);
    // 7-bit clean, CRLF line endings, no line over 998 characters (RFC 5322 §2.1.1)
    expect(raw.every((b) => b < 128)).toBe(true);
    expect(
      raw
        .toString('latin1')
        .split('\r\n')
        .every((l) => l.length <= 998 && !l.includes('\n')),
    ).toBe(true);
    const head = raw.toString('latin1').split('\r\n\r\n')[0]!;
    expect(head).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);

    const m = parseMessage(raw);
    expect(m.subject).toBe('Willkommen, Zoë <script>alert(1)</script> — 14 Tage');
    expect(m.from).toBe('MOMS <no-reply@moms.local>');
    expect(m.to).toEqual(['Zoë Ünal <zoe@example.com>', 'ops@example.com']);
    expect(m.cc).toEqual(['boss@example.com']);
    expect(m.messageId).toBe(`<${id}@moms.local>`);
    expect(new Date(m.date!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(m.text).toBe('Hello Zoë <script>alert(1)</script>,\nyour trial lasts 14 days.'.replace(/\n/g, '\r\n'));
    // interpolated values are escaped in the HTML part
    expect(m.html).toBe('<p>Hello <b>Zoë &lt;script&gt;alert(1)&lt;/script&gt;</b>, your trial lasts 14 days.</p>');
    expect(m.attachments).toEqual([
      { fileName: 'Bericht März.csv', contentType: 'text/csv', size: 8 },
      { fileName: 'note.txt', contentType: 'text/plain', size: 8 },
    ]);

    // At least once: a repeated run of the same job replaces its message instead of adding one.
    await t.db.updateTable('platform.jobs').set({ status: 'queued' }).where('id', '=', id).execute();
    expect(await drainJobs(t.db, workRegistry)).toEqual([{ jobId: id, outcome: 'succeeded' }]);
    expect((await emlFiles()).filter((f) => f.includes(id))).toEqual(files);
  });

  it('a transport failure retries with backoff, then the job is failed with its error', async () => {
    let tries = 0;
    const broken: MailTransport = {
      kind: 'local',
      from: { address: 'moms@example.com' },
      send: async () => {
        tries++;
        throw new Error(`mail server unreachable (${tries})`);
      },
    };
    useMailTransport(broken);
    const { id } = await send();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const runs = await drainJobs(t.db, workRegistry);
      expect(runs).toEqual([{ jobId: id, outcome: attempt < 6 ? 'retry' : 'failed' }]);
      const row = await jobRow(id);
      expect(row.error).toBe(`mail server unreachable (${attempt})`);
      if (attempt < 6) {
        delays.push(row.next_attempt_at.getTime() - row.updated_at.getTime());
        await t.db
          .updateTable('platform.jobs')
          .set({ next_attempt_at: sql<Date>`now()` })
          .where('id', '=', id)
          .execute();
      } else expect(row.status).toBe('failed');
    }
    expect(tries).toBe(6);
    // 30 s, 60 s, 120 s, …: the job's exponential backoff
    expect(delays.map((d) => Math.round(d / 1000))).toEqual([30, 60, 120, 240, 480]);
  });

  it('on SES without a MAIL_FROM, sending is disabled: the job fails saying so', async () => {
    let called = false;
    useMailTransport(
      new SesMailTransport(undefined, {
        client: {
          send: (async () => {
            called = true;
            return {};
          }) as never,
        },
      }),
    );
    const { id } = await send();
    await t.db.updateTable('platform.jobs').set({ max_attempts: 1 }).where('id', '=', id).execute();
    expect(await drainJobs(t.db, workRegistry)).toEqual([{ jobId: id, outcome: 'failed' }]);
    expect((await jobRow(id)).error).toMatch(/Sending mail is disabled: this stage has no MAIL_FROM/);
    expect(called).toBe(false);
  });
});

describe('in use', () => {
  it("an administrator's password reset tells the user by mail, without the password", async () => {
    const user = await t.userWithRoles(['employee']);
    const current = await t.request<{ version: number }>('GET', `/api/v1/auth/users/${user.id}`, {
      token: admin.token,
    });
    const reset = await t.request<{ temporaryPassword: string }>(
      'POST',
      `/api/v1/auth/users/${user.id}/reset-password`,
      {
        token: admin.token,
        body: { version: current.body.version },
      },
    );
    expect(reset.status).toBe(200);
    const runs = await drainJobs(t.db, workRegistry);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.outcome).toBe('succeeded');
    const row = await jobRow(runs[0]!.jobId);
    expect(row).toMatchObject({ type: 'platform.mail.send', created_by: admin.id });
    const file = (await emlFiles()).find((f) => f.includes(row.id))!;
    const raw = await readFile(`${outbox()}/${file}`, 'utf8');
    const m = parseMessage(raw);
    expect(m.subject).toBe('Your MOMS password was reset');
    expect(m.to).toEqual([expect.stringContaining(`<${user.email}>`)]);
    expect(m.text).toContain(`${admin.email} reset your MOMS password`);
    expect(raw).not.toContain(reset.body.temporaryPassword);
    expect(m.text).not.toContain(reset.body.temporaryPassword);
  });
});

describe('the outbox API', () => {
  it('needs mail:read (admins have it through *)', async () => {
    const res = await t.request('GET', '/api/v1/mail/outbox', { token: employee.token });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.request('GET', '/api/v1/mail/outbox')).status).toBe(401);
  });

  it('lists the local outbox newest first in pages, and shows one message', async () => {
    const sent: string[] = [];
    for (const name of ['First', 'Second', 'Third']) {
      const { id } = await send({ data: { name, days: 1 }, attachments: [] });
      expect(await drainJobs(t.db, workRegistry)).toEqual([{ jobId: id, outcome: 'succeeded' }]);
      sent.push(((await jobRow(id)).result as { id: string }).id);
      await new Promise((r) => setTimeout(r, 3)); // distinct millisecond stamps
    }
    type Summary = { id: string; subject: string; to: string[]; sentAt: string };
    const page1 = await t.request<{ items: Summary[]; nextCursor: string | null }>(
      'GET',
      '/api/v1/mail/outbox?limit=2',
      {
        token: admin.token,
      },
    );
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((m) => m.id)).toEqual([sent[2], sent[1]]);
    expect(page1.body.items[0]).toMatchObject({ subject: 'Willkommen, Third — 1 Tage', cc: ['boss@example.com'] });
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.request<{ items: Summary[] }>(
      'GET',
      `/api/v1/mail/outbox?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor!)}`,
      { token: admin.token },
    );
    expect(page2.body.items[0]!.id).toBe(sent[0]);

    const one = await t.request<{ headers: { name: string; value: string }[]; text: string; html: string }>(
      'GET',
      `/api/v1/mail/outbox/${sent[1]}`,
      { token: admin.token },
    );
    expect(one.status).toBe(200);
    expect(one.body.headers).toContainEqual({ name: 'Subject', value: 'Willkommen, Second — 1 Tage' });
    expect(one.body.html).toContain('<b>Second</b>');
    expect(one.body.text).toContain('Hello Second');

    expect(
      (await t.request('GET', '/api/v1/mail/outbox/20261203T000000000Z-nothing', { token: admin.token })).status,
    ).toBe(404);
    // not an outbox id (no path tricks reach the file system)
    expect((await t.request('GET', '/api/v1/mail/outbox/..%2Fsecrets', { token: admin.token })).status).toBe(422);
    // a cursor it did not sign
    expect((await t.request('GET', '/api/v1/mail/outbox?cursor=abc.def', { token: admin.token })).status).toBe(400);
  });

  it('a test message goes through the send job and lands in the outbox', async () => {
    const res = await t.request<{ jobId: string }>('POST', '/api/v1/mail/test', {
      token: admin.token,
      body: { note: 'checking <mail>' },
    });
    expect(res.status).toBe(202);
    expect(await emlFiles().then((f) => f.some((n) => n.includes(res.body.jobId)))).toBe(false); // not inline
    expect(await drainJobs(t.db, workRegistry)).toEqual([{ jobId: res.body.jobId, outcome: 'succeeded' }]);
    const file = (await emlFiles()).find((n) => n.includes(res.body.jobId))!;
    const m = parseMessage(await readFile(`${outbox()}/${file}`));
    expect(m.to).toEqual([admin.email]);
    expect(m.html).toContain('checking &lt;mail&gt;');
    expect((await t.request('POST', '/api/v1/mail/test', { token: employee.token, body: {} })).status).toBe(403);
  });

  it('answers 404 problem+json saying why when mail goes out through SES', async () => {
    const sesRuntime = createRuntime(testConfig({ MAIL_TRANSPORT: 'ses' }), t.handle);
    useMailConfig(t.config); // the runtime above installed its own; the other tests send locally
    const app = createStandardApp(sesRuntime);
    const res = await app.request('/api/v1/mail/outbox', { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toMatch(/sends mail with SES: there is no local outbox/);
  });
});
