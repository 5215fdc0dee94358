import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContainerizedApp } from '../../../app/containerized-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { emit } from '../../../platform/events/emit.js';
import { relay } from '../../../platform/events/relay.js';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { taskCompleted } from '../../projects/index.js';
import {
  automationApp,
  expectStatus,
  publishedFlow,
  type AutomationTestApp,
  type ExecutionBody,
} from '../automation.test-support.js';
import { useClock } from '../engine/clock.js';
import { parseAllowList, useGuardPolicy } from '../http/ssrf.js';
import { deliverWebhook, deliveryBackoffMs, DISABLE_AFTER_FAILURES } from './outbound.js';

let t: TestApp;
let a: AutomationTestApp;
let app: ReturnType<typeof createContainerizedApp>;
let admin: { id: string; token: string };
let manager: { id: string; token: string };
let server: Server;
let base: string;
const seen: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
/** What the local server answers on /hook (the webhook receiver). */
let hookStatus = 200;

function handler(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: url.pathname, headers: req.headers, body });
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    switch (url.pathname) {
      case '/echo':
        return send(200, {
          method: req.method,
          authorization: req.headers.authorization ?? null,
          body: body ? JSON.parse(body) : null,
        });
      case '/status':
        return send(Number(url.searchParams.get('code')), { failed: true });
      case '/redirect':
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
        return res.end();
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('x'.repeat(200_000));
      case '/slow':
        return setTimeout(() => send(200, { late: true }), 1_500);
      case '/hook':
        return send(hookStatus, { received: true });
      case '/lock': {
        // Is the run's row free while its HTTP step waits for this answer? (No step transaction holds it.)
        const executionId = String(req.headers['idempotency-key'] ?? '').split(':')[0]!;
        void sql`select id from automation.executions where id = ${executionId} for update nowait`.execute(t.db).then(
          (r) => send(200, { rowFree: r.rows.length === 1 }),
          (e: unknown) => send(200, { rowFree: false, error: String(e) }),
        );
        return;
      }
      default:
        return send(404, {});
    }
  });
}

beforeAll(async () => {
  t = await createTestApp();
  a = automationApp(t);
  app = createContainerizedApp(t.runtime);
  admin = await t.userWithRoles(['admin']);
  manager = await t.userWithRoles(['manager']);
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  useGuardPolicy(undefined);
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});
afterEach(() => {
  useClock(undefined);
  useGuardPolicy({ allow: parseAllowList('127.0.0.1/32') });
  hookStatus = 200;
  seen.length = 0;
});
beforeAll(() => useGuardPolicy({ allow: parseAllowList('127.0.0.1/32') }));

async function credential(body: Record<string, unknown>): Promise<{ id: string; secret?: string; hint: string }> {
  return expectStatus(
    await a.call<{ id: string; secret?: string; hint: string }>('POST', '/credentials', admin.token, body),
    201,
  );
}

async function runHttp(step: Record<string, unknown>, extra: unknown[] = []): Promise<ExecutionBody> {
  const flow = await publishedFlow(a, admin.token, {
    name: `HTTP ${Math.random()}`,
    definition: { trigger: { kind: 'manual' }, steps: [{ kind: 'http', id: 'call', ...step }, ...extra] },
  });
  const started = expectStatus(
    await a.call<{ executionId: string }>('POST', `/flows/${flow.id}/run`, admin.token, { values: {} }),
    202,
  );
  await a.drain();
  return expectStatus(await a.call<ExecutionBody>('GET', `/executions/${started.executionId}`, admin.token), 200);
}

describe('the credentials vault', () => {
  it('stores a secret encrypted and never returns it', async () => {
    const token = 'tok_' + 'S3cr3tValue'.repeat(4);
    const created = await credential({ name: 'CRM API', type: 'bearer', token });
    expect(JSON.stringify(created)).not.toContain(token);
    expect(created.hint).toBe(`Bearer ••••${token.slice(-4)}`);
    const row = await t.db
      .selectFrom('automation.credentials')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(Buffer.from(token).toString('base64'));
    expect(row.secret_encrypted).toMatch(/^v1\./);
    for (const path of ['/credentials', `/credentials/${created.id}`]) {
      const res = await a.call('GET', path, manager.token);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(token);
    }
    // Rotation replaces the secret; the audit log holds neither.
    const next = 'tok_' + 'N3wSecret'.repeat(4);
    const rotated = expectStatus(
      await a.call<{ version: number; hint: string }>('PUT', `/credentials/${created.id}`, admin.token, {
        version: 1,
        type: 'bearer',
        token: next,
      }),
      200,
    );
    expect(rotated).toMatchObject({ version: 2, hint: `Bearer ••••${next.slice(-4)}` });
    expect(JSON.stringify(rotated)).not.toContain(next);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', created.id)
      .execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['credential.created', 'credential.rotated']);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(next);
    // Only an administrator manages credentials; a changed type is refused.
    expect(
      (await a.call('POST', '/credentials', manager.token, { name: 'x', type: 'bearer', token: 'y' })).status,
    ).toBe(403);
    expect((await a.call('PUT', `/credentials/${created.id}`, admin.token, { version: 2, type: 'hmac' })).status).toBe(
      422,
    );
  });

  it('generates an hmac secret once, in the creation answer only', async () => {
    const created = await credential({ name: 'Signing', type: 'hmac' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const again = expectStatus(
      await a.call<Record<string, unknown>>('GET', `/credentials/${created.id}`, admin.token),
      200,
    );
    expect(again.secret).toBeUndefined();
  });
});

describe('the HTTP request step', () => {
  it('calls an allow-listed local server with the credential, and redacts the secret from the run', async () => {
    const token = 'Bearer-Secret-' + 'q'.repeat(24);
    const cred = await credential({ name: 'Echo token', type: 'bearer', token });
    const exec = await runHttp(
      {
        method: 'POST',
        url: `"${base}/echo"`,
        body: '{"hello": "world", "leak": "x"}',
        credentialId: cred.id,
      },
      [{ kind: 'set', id: 'after', variables: { status: 'steps.call.status' } }],
    );
    expect(exec.status).toBe('succeeded');
    const step = exec.steps.find((s) => s.stepId === 'call')!;
    expect(step.output).toMatchObject({ ok: true, status: 200, body: { method: 'POST', body: { hello: 'world' } } });
    expect((step.output as { body: { authorization: string } }).body.authorization).toMatch(/\[redacted\]/);
    expect(JSON.stringify(step.output)).not.toContain(token);
    expect(step.input).toMatchObject({ method: 'POST', headers: { authorization: '[redacted]' } });
    expect(seen.find((s) => s.path === '/echo')?.headers.authorization).toBe(`Bearer ${token}`);
    expect(seen.find((s) => s.path === '/echo')?.headers['idempotency-key']).toBe(`${exec.id}:call`);
    const rows = await t.db
      .selectFrom('automation.execution_steps')
      .selectAll()
      .where('execution_id', '=', exec.id)
      .execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(exec.variables).toMatchObject({ status: 200 });
  });

  it('makes the request outside the step transaction: the run holds no lock nor connection while it waits', async () => {
    const exec = await runHttp({ method: 'GET', url: `"${base}/lock"`, timeoutMs: 3_000 }, [
      { kind: 'set', id: 'after', variables: { free: 'steps.call.body.rowFree' } },
    ]);
    expect(exec.status).toBe('succeeded');
    expect(exec.variables).toEqual({ free: true });
    expect(exec.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['call', 'succeeded'],
      ['after', 'succeeded'],
    ]);
  });

  it('refuses 127.0.0.1 when the operator has not allowed it', async () => {
    useGuardPolicy({ allow: parseAllowList('') });
    const exec = await runHttp({ url: `"${base}/echo"` });
    expect(exec.status).toBe('failed');
    expect(exec.error).toMatch(/127\.0\.0\.1 is a private, loopback/);
    expect(seen).toHaveLength(0);
  });

  it.each([
    ['the metadata address', '"http://169.254.169.254/latest/meta-data/"', /169\.254\.169\.254/],
    ['an IPv4-mapped IPv6 loopback', '"http://[::ffff:127.0.0.1]:1/"', /carries 127\.0\.0\.1/],
    ['a name resolving to 10.x', '"http://internal.example/"', /internal\.example resolves to 10\.1\.2\.3/],
    ['a non-http scheme', '"file:///etc/passwd"', /Only http and https/],
  ])('refuses %s', async (_name, url, message) => {
    useGuardPolicy({
      allow: parseAllowList(''),
      resolve: async (host) => (host === 'internal.example' ? [{ address: '10.1.2.3', family: 4 }] : []),
    });
    const exec = await runHttp({ url });
    expect(exec.status).toBe('failed');
    expect(exec.error).toMatch(message);
  });

  it('connects to the address it checked: a name only the guard resolves is reached, with one lookup', async () => {
    const asked: string[] = [];
    useGuardPolicy({
      allow: parseAllowList('127.0.0.1/32'),
      resolve: async (host) => {
        asked.push(host);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    const port = new URL(base).port;
    const exec = await runHttp({ url: `"http://rebind.invalid:${port}/echo"` });
    expect(exec.status).toBe('succeeded');
    expect(asked).toEqual(['rebind.invalid']);
    expect(seen.find((s) => s.path === '/echo')?.headers.host).toBe(`rebind.invalid:${port}`);
  });

  it('refuses a redirect to a private address, and follows one to an allowed address', async () => {
    const refused = await runHttp({ url: `"${base}/redirect?to=" & $encodeUrlComponent("http://10.0.0.1/x")` });
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/10\.0\.0\.1 is a private/);
    const followed = await runHttp({ url: `"${base}/redirect?to=/echo"` });
    expect(followed.status).toBe('succeeded');
    expect(followed.steps[0]!.output).toMatchObject({ status: 200, url: `${base}/echo` });
  });

  it('stops at the size limit and the timeout, and takes the error branch for an unexpected status', async () => {
    const big = await runHttp({ url: `"${base}/big"`, maxResponseBytes: 1000 });
    expect(big.status).toBe('failed');
    expect(big.error).toMatch(/larger than 1000 bytes/);
    const slow = await runHttp({ url: `"${base}/slow"`, timeoutMs: 300, onError: 'fallback' }, [
      { kind: 'set', id: 'ok', variables: { path: '"ok"' }, next: 'end' },
      { kind: 'set', id: 'fallback', variables: { path: '"fallback"' } },
    ]);
    expect(slow.status).toBe('succeeded');
    expect(slow.steps[0]!.output).toMatchObject({ ok: false, reason: 'timeout' });
    expect(slow.variables).toEqual({ path: 'fallback' });
    const notFound = await runHttp({ url: `"${base}/status?code=404"`, onError: 'fallback' }, [
      { kind: 'set', id: 'ok', variables: { path: '"ok"' }, next: 'end' },
      { kind: 'set', id: 'fallback', variables: { path: '"fallback"' } },
    ]);
    expect(notFound.steps[0]!.output).toMatchObject({ ok: false, status: 404 });
    expect(notFound.variables).toEqual({ path: 'fallback' });
    const expected = await runHttp({ url: `"${base}/status?code=404"`, expectStatus: [404] });
    expect(expected.status).toBe('succeeded');
    const unexpected = await runHttp({ url: `"${base}/status?code=418"` });
    expect(unexpected.status).toBe('failed');
    expect(unexpected.error).toMatch(/answered 418/);
  });

  it('fails clearly when a stored secret no longer decrypts (another vault key), and never with a 500', async () => {
    const cred = await credential({ name: 'Copied row', type: 'bearer', token: 't'.repeat(30) });
    const other = await credential({ name: 'Other row', type: 'bearer', token: 'u'.repeat(30) });
    // A ciphertext copied from another row: the credential id is the additional data, so it does not open.
    const { secret_encrypted } = await t.db
      .selectFrom('automation.credentials')
      .select('secret_encrypted')
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    await t.db.updateTable('automation.credentials').set({ secret_encrypted }).where('id', '=', cred.id).execute();
    const exec = await runHttp({ url: `"${base}/echo"`, credentialId: cred.id });
    expect(exec.status).toBe('failed');
    expect(exec.error).toMatch(/cannot be decrypted/);
    expect(seen).toHaveLength(0);
  });

  it('refuses a credential to a run-as user without automation:admin', async () => {
    const cred = await credential({
      name: 'Not for managers',
      type: 'header',
      header: 'X-Api-Key',
      value: 'k'.repeat(20),
    });
    const flow = await publishedFlow(a, manager.token, {
      name: 'manager http',
      definition: {
        trigger: { kind: 'manual' },
        steps: [{ kind: 'http', id: 'call', url: `"${base}/echo"`, credentialId: cred.id }],
      },
    });
    const started = expectStatus(
      await a.call<{ executionId: string }>('POST', `/flows/${flow.id}/run`, manager.token, { values: {} }),
      202,
    );
    await a.drain();
    const exec = expectStatus(
      await a.call<ExecutionBody>('GET', `/executions/${started.executionId}`, manager.token),
      200,
    );
    expect(exec.status).toBe('failed');
    expect(exec.error).toMatch(/lacks the permission automation:admin/);
    expect(seen).toHaveLength(0);
  });
});

/** Standard Webhooks, computed here with WebCrypto (not the module's code). */
async function expectedSignature(secret: string, id: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    Buffer.from(secret.replace(/^whsec_/, ''), 'base64'),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${Buffer.from(mac).toString('base64')}`;
}

describe('outbound webhooks', () => {
  async function endpoint(eventTypes: string[]) {
    const signing = await credential({ name: `Endpoint ${Math.random()}`, type: 'hmac' });
    const ep = expectStatus(
      await a.call<{ id: string; version: number }>('POST', '/webhooks/endpoints', admin.token, {
        name: 'Receiver',
        url: `${base}/hook`,
        eventTypes,
        credentialId: signing.id,
      }),
      201,
    );
    return { ...ep, secret: signing.secret! };
  }
  const completeTask = async () => {
    const taskId = crypto.randomUUID();
    await inTransaction(t.db, (trx) =>
      emit(trx, { type: taskCompleted, payload: { taskId, projectId: taskId, type: 'task' } }),
    );
    await relay(t.db, { registry: workRegistry });
    return taskId;
  };
  const deliveries = (endpointId: string) =>
    t.db.selectFrom('automation.webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).execute();

  it('refuses a private endpoint URL', async () => {
    useGuardPolicy({ allow: parseAllowList('') });
    const signing = await credential({ name: 'Private', type: 'hmac' });
    const res = await a.call('POST', '/webhooks/endpoints', admin.token, {
      name: 'Metadata',
      url: 'http://169.254.169.254/',
      eventTypes: ['*'],
      credentialId: signing.id,
    });
    expect(res.status).toBe(422);
  });

  it('delivers an event signed per Standard Webhooks, once per event', async () => {
    const ep = await endpoint(['projects.task.completed']);
    const other = await endpoint(['crm.opportunity.won']);
    const taskId = await completeTask();
    await a.drain();
    const hooks = seen.filter((s) => s.path === '/hook');
    expect(hooks).toHaveLength(1);
    const { headers, body } = hooks[0]!;
    expect(JSON.parse(body)).toMatchObject({ type: 'projects.task.completed', data: { taskId } });
    const id = String(headers['webhook-id']);
    const ts = String(headers['webhook-timestamp']);
    expect(id).toMatch(/^msg_/);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    expect(headers['webhook-signature']).toBe(await expectedSignature(ep.secret, id, ts, body));
    expect(await deliveries(other.id)).toHaveLength(0);
    const [d] = await deliveries(ep.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 1, last_status: 200 });
    const detail = expectStatus(
      await a.call<{
        attemptLog: { responseStatus: number; durationMs: number; requestHeaders: Record<string, string> }[];
      }>('GET', `/webhooks/deliveries/${d!.id}`, admin.token),
      200,
    );
    expect(detail.attemptLog).toHaveLength(1);
    expect(detail.attemptLog[0]).toMatchObject({ responseStatus: 200, requestHeaders: { 'webhook-id': id } });
  });

  it('retries with exponential backoff, then replays by hand', async () => {
    const ep = await endpoint(['*']);
    hookStatus = 500;
    await completeTask();
    await a.drain();
    let [d] = await deliveries(ep.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, last_status: 500 });
    const start = Date.now();
    expect(d!.next_attempt_at!.getTime() - start).toBeGreaterThan(deliveryBackoffMs(1) - 5_000);
    expect(d!.next_attempt_at!.getTime() - start).toBeLessThanOrEqual(deliveryBackoffMs(1) + 1_000);
    // Its next try is a job due then (the engine's own backoff, not the job's retries).
    const queued = await t.db
      .selectFrom('platform.jobs')
      .select(['payload', 'next_attempt_at'])
      .where('type', '=', 'automation.webhook-deliver')
      .where('next_attempt_at', '>', new Date())
      .execute();
    const next = queued.filter((j) => (j.payload as { deliveryId?: string }).deliveryId === d!.id);
    expect(next).toHaveLength(1);
    expect(next[0]!.next_attempt_at.getTime()).toBe(d!.next_attempt_at!.getTime());
    // The second try (as its job would) fails too: the next delay is four times longer.
    expect(await deliverWebhook(t.db, d!.id)).toBe('retry');
    [d] = await deliveries(ep.id);
    expect(d!.attempts).toBe(2);
    expect(deliveryBackoffMs(2)).toBe(4 * deliveryBackoffMs(1));
    expect(d!.next_attempt_at!.getTime() - Date.now()).toBeGreaterThan(deliveryBackoffMs(2) - 5_000);
    // Tries run out: the delivery fails.
    for (let i = 3; i <= 8; i++) await deliverWebhook(t.db, d!.id);
    [d] = await deliveries(ep.id);
    expect(d).toMatchObject({ status: 'failed', attempts: 8 });
    // Replayed by hand once the receiver is back: same webhook-id, delivered.
    hookStatus = 200;
    seen.length = 0;
    expectStatus(await a.call('POST', `/webhooks/deliveries/${d!.id}/replay`, admin.token), 200);
    await a.drain();
    [d] = await deliveries(ep.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 9 });
    expect(seen.filter((s) => s.path === '/hook').map((s) => s.headers['webhook-id'])).toEqual([d!.message_id]);
    expect((await a.call('POST', `/webhooks/deliveries/${d!.id}/replay`, manager.token)).status).toBe(403);
    await a.call('DELETE', `/webhooks/endpoints/${ep.id}`, admin.token);
  });

  it('disables an endpoint that has failed for a day, and tells the administrators', async () => {
    const ep = await endpoint(['projects.task.completed']);
    hookStatus = 503;
    await t.db
      .updateTable('automation.webhook_endpoints')
      .set({ consecutive_failures: DISABLE_AFTER_FAILURES + 5, failing_since: new Date(Date.now() - 3_600_000) })
      .where('id', '=', ep.id)
      .execute();
    await completeTask();
    await a.drain();
    // Many failures, but for an hour only: still enabled.
    let row = await t.db
      .selectFrom('automation.webhook_endpoints')
      .selectAll()
      .where('id', '=', ep.id)
      .executeTakeFirstOrThrow();
    expect(row.enabled).toBe(true);
    // A day later, the next failure disables it.
    useClock(() => new Date(Date.now() + 24 * 3_600_000));
    const [d] = await deliveries(ep.id);
    expect(await deliverWebhook(t.db, d!.id)).toBe('failed');
    row = await t.db
      .selectFrom('automation.webhook_endpoints')
      .selectAll()
      .where('id', '=', ep.id)
      .executeTakeFirstOrThrow();
    expect(row.enabled).toBe(false);
    expect(row.disabled_reason).toMatch(/failed deliveries in a row/);
    const notes = await t.db
      .selectFrom('platform.notifications')
      .select(['user_id', 'kind'])
      .where('kind', '=', 'automation.webhook-disabled')
      .where('link', '=', `/automation/webhooks/${ep.id}`)
      .execute();
    expect(notes.map((n) => n.user_id)).toContain(admin.id);
    expect(notes.map((n) => n.user_id)).not.toContain(manager.id);
    // No more deliveries while disabled; enabling it again starts the count over.
    useClock(undefined);
    await completeTask();
    await a.drain();
    expect(await deliveries(ep.id)).toHaveLength(1);
    const enabled = expectStatus(
      await a.call<{ enabled: boolean; consecutiveFailures: number }>(
        'PATCH',
        `/webhooks/endpoints/${ep.id}`,
        admin.token,
        {
          version: row.version,
          enabled: true,
        },
      ),
      200,
    );
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0 });
    await a.call('DELETE', `/webhooks/endpoints/${ep.id}`, admin.token);
  });
});

describe('the inbound webhook trigger', () => {
  async function hookFlow() {
    const signing = await credential({ name: `Inbound ${Math.random()}`, type: 'hmac' });
    const flow = await publishedFlow(a, admin.token, {
      name: 'Inbound',
      definition: {
        trigger: { kind: 'webhook', credentialId: signing.id },
        steps: [{ kind: 'set', id: 'got', variables: { order: 'trigger.payload.order' } }],
      },
    });
    return { flowId: flow.id, secret: signing.secret! };
  }
  async function post(flowId: string, headers: Record<string, string>, body: string) {
    const res = await app.request(`/api/v1/automation/hooks/${flowId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  }
  const signed = async (secret: string, id: string, body: string, at = Math.floor(Date.now() / 1000)) => ({
    'webhook-id': id,
    'webhook-timestamp': String(at),
    'webhook-signature': await expectedSignature(secret, id, String(at), body),
  });

  it('starts a run for a signed request, once per webhook-id', async () => {
    const { flowId, secret } = await hookFlow();
    const body = JSON.stringify({ order: 'A-17' });
    const headers = await signed(secret, 'msg_inbound_1', body);
    const first = await post(flowId, headers, body);
    expect(first.status).toBe(202);
    await a.drain();
    const exec = expectStatus(
      await a.call<ExecutionBody>('GET', `/executions/${String(first.body.executionId)}`, admin.token),
      200,
    );
    expect(exec).toMatchObject({ status: 'succeeded', variables: { order: 'A-17' } });
    // The same message again (a sender's retry, or a replay): nothing new, the first run named.
    const again = await post(flowId, headers, body);
    expect(again).toEqual({ status: 200, body: { executionId: first.body.executionId, duplicate: true } });
    const runs = await t.db.selectFrom('automation.executions').select('id').where('flow_id', '=', flowId).execute();
    expect(runs).toHaveLength(1);
  });

  it('refuses a bad signature, a stale timestamp, missing headers and an unknown flow', async () => {
    const { flowId, secret } = await hookFlow();
    const body = JSON.stringify({ order: 'B-1' });
    const bad = await post(
      flowId,
      await signed('whsec_' + Buffer.alloc(32, 7).toString('base64'), 'msg_bad', body),
      body,
    );
    expect(bad.status).toBe(401);
    const tampered = await post(flowId, await signed(secret, 'msg_tampered', body), JSON.stringify({ order: 'B-2' }));
    expect(tampered.status).toBe(401);
    const stale = await post(
      flowId,
      await signed(secret, 'msg_stale', body, Math.floor(Date.now() / 1000) - 6 * 60),
      body,
    );
    expect(stale.status).toBe(401);
    expect(String(stale.body.detail)).toMatch(/5 minutes/);
    expect((await post(flowId, {}, body)).status).toBe(401);
    expect((await post(crypto.randomUUID(), await signed(secret, 'msg_x', body), body)).status).toBe(404);
    const notJson = await post(flowId, await signed(secret, 'msg_notjson', 'nope'), 'nope');
    expect(notJson.status).toBe(400);
    const big = 'x'.repeat(300 * 1024);
    expect((await post(flowId, await signed(secret, 'msg_big', big), big)).status).toBe(413);
    expect(
      await t.db.selectFrom('automation.executions').select('id').where('flow_id', '=', flowId).execute(),
    ).toHaveLength(0);
  });
});
