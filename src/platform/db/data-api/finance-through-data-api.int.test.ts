import { expect, it, vi } from 'vitest';
import { onPostgres } from '../../../../test/harness/test-db.js';
import type * as TestDb from '../../../../test/harness/test-db.js';

/**
 * Existing Finance integration suites (invoice posting, journal entries) run unchanged with their app
 * on the Data API dialect: every test database the harness makes is served through a local Data
 * API-compatible server (test/harness/data-api-server.ts) over the PostgreSQL clone. PostgreSQL only.
 */
const seen = vi.hoisted(() => ({ calls: [] as Array<Record<string, number>> }));

vi.mock('../../../../test/harness/test-db.js', async (importOriginal) => {
  const original = await importOriginal<typeof TestDb>();
  const { startDataApiServer } = await import('../../../../test/harness/data-api-server.js');
  const { createDatabase } = await import('../create-database.js');
  const { RDSDataClient } = await import('@aws-sdk/client-rds-data');
  return {
    ...original,
    createTestDatabase: async (options: { poolMax?: number } = {}) => {
      const pgHandle = await original.createTestDatabase(options);
      if (!pgHandle.url) return pgHandle;
      const server = await startDataApiServer(pgHandle.url);
      seen.calls.push(server.calls);
      const client = new RDSDataClient({
        endpoint: server.endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      const handle = await createDatabase({
        kind: 'data-api',
        options: { resourceArn: server.resourceArn, secretArn: server.secretArn, resumeRetryMs: 0, client },
      });
      return {
        ...handle,
        url: pgHandle.url,
        close: async () => {
          await handle.close();
          client.destroy();
          await server.close();
          await pgHandle.close();
        },
      };
    },
  };
});

if (onPostgres) {
  await import('../../../modules/finance/documents/invoices.int.test.js');
  await import('../../../modules/finance/ledger/journal.int.test.js');
  it('went through the Data API (statements and transactions on the local server)', () => {
    const total = (op: string) => seen.calls.reduce((sum, c) => sum + (c[op] ?? 0), 0);
    expect(seen.calls.length).toBe(2);
    expect(total('/Execute')).toBeGreaterThan(200);
    expect(total('/BeginTransaction')).toBeGreaterThan(20);
    expect(total('/CommitTransaction')).toBeGreaterThan(20);
  });
} else {
  it.skipIf(!onPostgres)('runs on PostgreSQL only (the local Data API server needs a server)', () => {});
}
