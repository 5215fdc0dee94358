import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { matchRoute, routeKey } from '../../gateway/routes.js';
import { inTransaction } from '../db/transaction.js';
import { enqueueJob } from './enqueue.js';
import { recordingJob } from './test-jobs.js';

type Job = { id: string; status: string; createdBy: string | null; cancelRequested: boolean; type: string };
type Page = { items: Job[]; nextCursor: string | null };

let t: TestApp;
let alice: { id: string; token: string };
let bob: { id: string; token: string };
let admin: { id: string; token: string };
const jobs = { alice1: '', alice2: '', alice3: '', bob: '', system: '' };

const enqueueFor = (userId: string | null, label: string) =>
  inTransaction(t.db, (trx) => enqueueJob(trx, { type: recordingJob, payload: { label }, createdBy: userId }));

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.userWithRoles(['employee']);
  bob = await t.userWithRoles(['employee']);
  admin = await t.userWithRoles(['admin']);
  jobs.alice1 = (await enqueueFor(alice.id, 'a1')).id;
  jobs.alice2 = (await enqueueFor(alice.id, 'a2')).id;
  jobs.alice3 = (await enqueueFor(alice.id, 'a3')).id;
  jobs.bob = (await enqueueFor(bob.id, 'b')).id;
  jobs.system = (await enqueueFor(null, 's')).id;
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/jobs/{id}', () => {
  it('shows your own job', async () => {
    const res = await t.request<Job>('GET', `/api/v1/jobs/${jobs.alice1}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: jobs.alice1, type: 'test.recording', status: 'queued', createdBy: alice.id });
  });

  it("answers 404 (not 403) for another user's job, as problem+json", async () => {
    const res = await t.request<{ type: string; status: number }>('GET', `/api/v1/jobs/${jobs.bob}`, {
      token: alice.token,
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404 });
  });

  it("shows anyone's job with jobs:read-all (admins have it through *)", async () => {
    expect((await t.request('GET', `/api/v1/jobs/${jobs.bob}`, { token: admin.token })).status).toBe(200);
  });

  it('refuses a bad id (422) and an anonymous caller (401)', async () => {
    expect((await t.request('GET', '/api/v1/jobs/not-a-uuid', { token: alice.token })).status).toBe(422);
    expect((await t.request('GET', `/api/v1/jobs/${jobs.alice1}`)).status).toBe(401);
  });
});

describe('GET /api/v1/jobs', () => {
  it('lists only your jobs, newest first, in pages', async () => {
    const first = await t.request<Page>('GET', '/api/v1/jobs?limit=2', { token: alice.token });
    expect(first.status).toBe(200);
    expect(first.body.items.every((j) => j.createdBy === alice.id)).toBe(true);
    const second = await t.request<Page>(
      'GET',
      `/api/v1/jobs?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
      {
        token: alice.token,
      },
    );
    const ids = [...first.body.items, ...second.body.items].map((j) => j.id);
    expect(ids.sort()).toEqual([jobs.alice1, jobs.alice2, jobs.alice3].sort());
    expect(second.body.nextCursor).toBeNull();
  });

  it('lists everyone’s with scope=all only with jobs:read-all (403 without)', async () => {
    expect((await t.request('GET', '/api/v1/jobs?scope=all', { token: alice.token })).status).toBe(403);
    const all = await t.request<Page>('GET', '/api/v1/jobs?scope=all&limit=200', { token: admin.token });
    expect(all.status).toBe(200);
    expect(all.body.items.map((j) => j.id)).toEqual(expect.arrayContaining(Object.values(jobs)));
  });

  it('filters by status', async () => {
    const res = await t.request<Page>('GET', '/api/v1/jobs?status=succeeded', { token: alice.token });
    expect(res.body.items).toEqual([]);
  });
});

describe('POST /api/v1/jobs/{id}/cancel', () => {
  it('cancels your queued job at once, and says 409 when it has finished', async () => {
    const res = await t.request<Job>('POST', `/api/v1/jobs/${jobs.alice2}/cancel`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelRequested: true });
    const again = await t.request('POST', `/api/v1/jobs/${jobs.alice2}/cancel`, { token: alice.token });
    expect(again.status).toBe(409);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', jobs.alice2)
      .execute();
    expect(audit).toEqual([{ action: 'job.cancelled', actor_id: alice.id }]);
  });

  it('marks a running job, which stops at its next checkpoint', async () => {
    await t.db.updateTable('platform.jobs').set({ status: 'running' }).where('id', '=', jobs.alice3).execute();
    const res = await t.request<Job>('POST', `/api/v1/jobs/${jobs.alice3}/cancel`, { token: alice.token });
    expect(res.body).toMatchObject({ status: 'running', cancelRequested: true });
  });

  it("answers 404 for another user's job, and lets an admin cancel it", async () => {
    expect((await t.request('POST', `/api/v1/jobs/${jobs.bob}/cancel`, { token: alice.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/jobs/${jobs.bob}/cancel`, { token: admin.token })).status).toBe(200);
  });
});

describe('the route table', () => {
  it('routes GET /api/v1/jobs itself (a {proxy+} route needs a segment), behind the authorizer', () => {
    const match = matchRoute('GET', '/api/v1/jobs');
    expect(match && routeKey(match.route)).toBe('GET /api/v1/jobs');
    expect(match?.route.authorizer).toBe(true);
  });
});

describe('the API document', () => {
  it('documents the jobs endpoints with their access', async () => {
    const doc = await t.request<{ paths: Record<string, Record<string, { 'x-moms-access': string }>> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(doc.body.paths['/api/v1/jobs']?.get?.['x-moms-access']).toBe('authenticated');
    expect(doc.body.paths['/api/v1/jobs/{id}']?.get).toBeDefined();
    expect(doc.body.paths['/api/v1/jobs/{id}/cancel']?.post).toBeDefined();
  });
});
