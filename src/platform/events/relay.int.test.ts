import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../db/create-database.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { createApp } from '../http/create-app.js';
import { createRouter, defineRoute } from '../http/router.js';
import { enqueueJob } from '../jobs/enqueue.js';
import { recordingJob } from '../jobs/test-jobs.js';
import { AccessTokens } from '../auth/access-token.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** An app with a route that enqueues a job (and one that writes nothing), and a spy for the relay. */
function appWithRelay(seen: { jobs: string[]; calls: number }) {
  const router = createRouter();
  router.openapi(
    defineRoute('public', { method: 'post', path: '/enqueue', responses: { 200: { description: 'ok' } } }),
    async (c) => {
      const job = await inTransaction(c.get('db'), (trx) =>
        enqueueJob(trx, { type: recordingJob, payload: { label: 'from a request' }, createdBy: null }),
      );
      return c.json({ id: job.id });
    },
  );
  router.openapi(
    defineRoute('public', { method: 'post', path: '/nothing', responses: { 200: { description: 'ok' } } }),
    async (c) => c.json({}),
  );
  return createApp({
    name: 'test',
    version: 'test',
    getDb: async () => handle.db,
    getAccessTokens: async () => new AccessTokens(new Uint8Array(32).fill(7), 900),
    modules: [{ basePath: '/api/v1/t', load: async () => router }],
    relay: async (db: Db) => {
      seen.calls++;
      // Runs after the commit: the job is visible from another connection.
      const rows = await db.selectFrom('platform.jobs').select('id').where('dispatched_at', 'is', null).execute();
      seen.jobs.push(...rows.map((r) => r.id));
    },
  });
}

describe('the relay after a request', () => {
  it('runs once the request that enqueued work has committed, and not for a request that wrote none', async () => {
    const seen = { jobs: [] as string[], calls: 0 };
    const app = appWithRelay(seen);
    const none = await app.request('/api/v1/t/nothing', { method: 'POST' });
    expect(none.status).toBe(200);
    expect(seen.calls).toBe(0);
    const res = await app.request('/api/v1/t/enqueue', { method: 'POST' });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(seen.calls).toBe(1);
    expect(seen.jobs).toContain(id);
  });
});
