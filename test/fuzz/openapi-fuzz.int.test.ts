import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGenerators } from '../../src/app/demo.js';
import { createFunctionApp } from '../../src/app/function-app.js';
import { modules } from '../../src/app/modules.js';
import { inTransaction } from '../../src/platform/db/transaction.js';
import { enqueueJob } from '../../src/platform/jobs/enqueue.js';
import { recordingJob } from '../../src/platform/jobs/test-jobs.js';
import type { FunctionName } from '../../src/platform/modules/module.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { IdPool } from './id-pool.js';
import { Rng } from './schema-values.js';
import { operationsOf, type Operation, type OpenApiDocument } from './operations.js';
import { fuzzOperation, harvestLists, type Failure, type Fuzzer, type Sent } from './variants.js';

/**
 * Every operation of /api/openapi.json, on a database with demo data: schema-derived valid requests,
 * then hostile variants of every parameter and body field (wrong types, NUL and control characters,
 * lone surrogates, extreme numbers and dates, huge strings and arrays, crafted and foreign cursors,
 * unknown fields, ids that are not ids). No answer may be a 5xx; every error must be
 * application/problem+json; NUL, lone surrogates and out-of-range dates must never be accepted.
 * Seeded and bounded (FUZZ_SEED replays another run); `FUZZ_VERBOSE=1` prints a summary (with the
 * operations no request reached), `FUZZ_TRACE=1` every request and answer.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 2026);
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
const TRACE = process.env.FUZZ_TRACE === '1';

let t: TestApp;
let fuzzer: Fuzzer;
const failures: Failure[] = [];
const stats = {
  requests: 0,
  operations: 0,
  renewals: 0,
  reached: new Set<string>(),
  slowest: [] as { what: string; ms: number }[],
};

const functions = [...new Set(modules.filter((m) => m.routes).map((m) => m.function))];

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.userWithRoles(['admin']);
  faker.seed(SEED);
  for (const generator of await demoGenerators()) {
    await generator.generate({
      db: t.db,
      faker,
      size: 0.2,
      log: () => undefined,
      files: await t.runtime.getFileStore(),
    });
  }

  // The admin is an employee too, so that the self-service routes (/hr/me, own leave) have a record.
  const employee = await t.request('POST', '/api/v1/hr/employees', {
    token: admin.token,
    body: {
      firstName: 'Fuzz',
      lastName: 'Admin',
      workEmail: 'fuzz.admin@example.com',
      startDate: '2025-01-06',
      userId: admin.id,
    },
  });
  expect(employee.status).toBe(201);

  // A few jobs of the admin's, so that the jobs API's reads and cancels have ids to work on.
  for (const label of ['fuzz-1', 'fuzz-2', 'fuzz-3'])
    await inTransaction(t.db, (trx) =>
      enqueueJob(trx, { type: recordingJob, payload: { label }, createdBy: admin.id }),
    );

  const apps = new Map<FunctionName, ReturnType<typeof createFunctionApp>>();
  for (const fn of functions) if (fn !== 'standardApi') apps.set(fn, createFunctionApp(fn, t.runtime));

  // Records of the containerized modules (they have no demo data yet), so their reads have ids.
  const containerized = apps.get('containerizedApi');
  if (containerized) {
    const post = async <T>(url: string, body: unknown): Promise<T> => {
      const res = await containerized.request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, `${url}: ${await res.clone().text()}`).toBeLessThan(300);
      return (await res.json()) as T;
    };
    const flow = await post<{ id: string; version: number }>('/api/v1/automation/flows', {
      name: 'Fuzz flow',
      definition: { trigger: { kind: 'manual' }, steps: [{ kind: 'set', id: 'x', variables: { a: '1' } }] },
    });
    await post(`/api/v1/automation/flows/${flow.id}/publish`, { version: flow.version });
    await post(`/api/v1/automation/flows/${flow.id}/run`, { values: {} });
    // A signing credential and a webhook endpoint (a name that does not resolve: nothing is sent).
    const signing = await post<{ id: string }>('/api/v1/automation/credentials', {
      name: 'Fuzz signing',
      type: 'hmac',
    });
    await post('/api/v1/automation/webhooks/endpoints', {
      name: 'Fuzz endpoint',
      url: 'https://hooks.fuzz.invalid/moms',
      eventTypes: ['*'],
      credentialId: signing.id,
    });
    const question = await post<{ id: string }>('/api/v1/analytics/questions', {
      name: 'Fuzz question',
      visualization: 'bar',
      query: { dataset: 'crm.opportunities', measures: ['count'] },
    });
    await post('/api/v1/analytics/dashboards', {
      name: 'Fuzz dashboard',
      cards: [{ questionId: question.id, x: 0, y: 0, w: 6, h: 4 }],
    });
  }
  const sendOnce = async (
    fn: FunctionName,
    method: string,
    url: string,
    options: { token?: string | undefined; body?: unknown; raw?: string },
  ): Promise<Sent> => {
    const started = performance.now();
    const headers: Record<string, string> = options.raw !== undefined ? { 'content-type': 'application/json' } : {};
    let status: number;
    let type: string;
    let body: unknown;
    const app = apps.get(fn);
    if (!app) {
      const res = await t.request(method, url, {
        token: options.token,
        body: options.body,
        rawBody: options.raw,
        headers,
      });
      ({ status, body } = res);
      type = res.headers.get('content-type') ?? '';
    } else {
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let raw = options.raw;
      if (options.body !== undefined) {
        raw = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const res = await app.request(url, { method, headers, ...(raw !== undefined ? { body: raw } : {}) });
      status = res.status;
      type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      body = type.includes('json') && text ? (JSON.parse(text) as unknown) : text;
    }
    const ms = performance.now() - started;
    stats.requests++;
    stats.slowest.push({ what: `${method} ${url.slice(0, 160)} → ${status}`, ms });
    stats.slowest.sort((a, b) => b.ms - a.ms).splice(5);
    if (TRACE) {
      const sent = options.raw ?? JSON.stringify(options.body) ?? '';
      console.log(
        `${status} ${method} ${url.slice(0, 200)} ${Math.round(ms)} ms ${sent.slice(0, 300)} → ${JSON.stringify(body).slice(0, 300)}`,
      );
    }
    return { status, type, body };
  };
  // Some requests end the caller's own sessions (too many wrong current passwords, say): when the
  // admin's token stops working, sign in again (or as a new admin) and carry on.
  const send: Fuzzer['send'] = async (fn, method, url, options) => {
    const res = await sendOnce(fn, method, url, options);
    if (res.status !== 401 || !options.token || options.token !== fuzzer.token) return res;
    if ((await t.request('GET', '/api/v1/auth/me', { token: fuzzer.token })).status !== 401) return res;
    const again = await t.login(admin.email);
    fuzzer.token = again.status === 200 ? again.body.accessToken : (await t.userWithRoles(['admin'])).token;
    stats.renewals++;
    return sendOnce(fn, method, url, { ...options, token: fuzzer.token });
  };

  // Every function's operations: the standardApi's document, and each other function app's own.
  const doc = (await t.request<OpenApiDocument>('GET', '/api/openapi.json')).body;
  for (const app of apps.values()) {
    const other = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
    doc.paths = { ...other.paths, ...doc.paths };
    if (doc.components?.schemas && other.components?.schemas)
      doc.components.schemas = { ...other.components.schemas, ...doc.components.schemas };
  }
  fuzzer = {
    doc,
    send,
    token: admin.token,
    pool: new IdPool([admin.id]),
    rng: new Rng(SEED),
    versions: new Map(),
    cursors: [],
    noCursor: [],
    fail: (failure) => failures.push(failure),
    reached: (key) => stats.reached.add(key),
  };
  await harvestLists(fuzzer, operationsOf(doc, modules));
}, 120_000);

afterAll(async () => {
  if (failures.length > 0 || VERBOSE) {
    const byClass = new Map<string, number>();
    for (const f of failures) byClass.set(f.inputClass, (byClass.get(f.inputClass) ?? 0) + 1);
    console.log(
      `OpenAPI fuzz (seed ${SEED}): ${stats.requests} requests over ${stats.operations} operations ` +
        `(the admin signed in again ${stats.renewals} times); ` +
        `${failures.length} failures by input class: ${JSON.stringify(Object.fromEntries(byClass))}\n` +
        `lists that gave no cursor: ${fuzzer?.noCursor.join(', ')}\n` +
        `operations with no 2xx: ${operationsOf(fuzzer.doc, modules)
          .filter((op) => !stats.reached.has(op.key))
          .map((op) => op.key)
          .join(', ')}\n` +
        `slowest: ${stats.slowest.map((s) => `${Math.round(s.ms)} ms ${s.what}`).join('\n         ')}`,
    );
  }
  await t?.close();
});

describe('OpenAPI fuzz: no input reaches a 5xx', () => {
  for (const module of modules.filter((m) => m.routes)) {
    it(`${module.basePath}: every operation answers hostile input with a 4xx problem`, async () => {
      const operations: Operation[] = operationsOf(fuzzer.doc, modules).filter((op) => op.basePath === module.basePath);
      expect(operations.length).toBeGreaterThan(0);
      for (const op of operations) {
        stats.operations++;
        await fuzzOperation(fuzzer, op);
      }
      const mine = failures.filter(
        (f) => f.operation.startsWith(`${module.basePath}`) || f.basePath === module.basePath,
      );
      expect(mine.map((f) => `${f.operation} [${f.variant}] → ${f.status}: ${f.problem}`)).toEqual([]);
      // The fuzz is only worth something if its requests get past routing and ids: most operations
      // must have answered at least one request with a 2xx.
      const reached = operations.filter((op) => stats.reached.has(op.key)).length;
      expect(reached / operations.length).toBeGreaterThan(0.6);
    }, 120_000);
  }
});
