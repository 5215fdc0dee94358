import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../../platform/db/create-database.js';
import { useVaultSecret } from '../vault/crypto.js';
import { loadCredential } from '../vault/vault.service.js';
import { DEMO_ENDPOINT, webhookDemo } from './webhooks.demo.js';

let db: DatabaseHandle;
beforeAll(async () => {
  db = await createTestDatabase();
  useVaultSecret(async () => new TextEncoder().encode('a-test-vault-secret-that-is-long-enough-0123'));
});
afterAll(async () => {
  useVaultSecret(undefined);
  await db?.close();
});

it('makes one disabled webhook endpoint for won deals, signed with a stored whsec_ secret; a rerun adds nothing', async () => {
  await webhookDemo(db.db, () => undefined);
  await webhookDemo(db.db, () => undefined);
  const endpoints = await db.db.selectFrom('automation.webhook_endpoints').selectAll().execute();
  expect(endpoints).toHaveLength(1);
  expect(endpoints[0]).toMatchObject({ name: DEMO_ENDPOINT, enabled: false, event_types: ['crm.opportunity.won'] });
  const signing = await loadCredential(db.db, endpoints[0]!.credential_id);
  expect(signing?.secret).toMatchObject({ type: 'hmac', secret: expect.stringMatching(/^whsec_/) });
});
