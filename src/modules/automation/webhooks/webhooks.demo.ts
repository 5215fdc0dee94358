import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { createCredential } from '../vault/vault.service.js';
import '../vault/vault.tables.js';

export const DEMO_ENDPOINT = 'Finance system (demo)';

/**
 * Demo data (issue #17): a webhook endpoint for won deals, signed with a generated `whsec_` secret.
 * It points at a placeholder address and is created disabled (nothing is sent until someone points it
 * at a real receiver and enables it). A rerun adds nothing. Called by `automation.demo.ts`.
 */
export async function webhookDemo(db: Db, log: (line: string) => void): Promise<void> {
  const existing = await db
    .selectFrom('automation.webhook_endpoints')
    .select('id')
    .where('name', '=', DEMO_ENDPOINT)
    .executeTakeFirst();
  if (existing) {
    log('automation: demo webhook endpoint already present; skipped');
    return;
  }
  await inTransaction(db, async (trx) => {
    const ctx = { actor: null, requestId: 'demo' };
    const signing = await createCredential(trx, ctx, { name: 'Finance system signing secret (demo)', type: 'hmac' });
    await trx
      .insertInto('automation.webhook_endpoints')
      .values({
        name: DEMO_ENDPOINT,
        url: 'https://finance.example.com/moms/webhooks',
        event_types: JSON.stringify(['crm.opportunity.won']),
        credential_id: signing.id,
        enabled: false,
        disabled_reason: 'A demo endpoint: point it at a real receiver, then enable it.',
      })
      .execute();
  });
  log('automation: a demo webhook endpoint for won deals (disabled until it points at a real receiver)');
}
