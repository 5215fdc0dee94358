import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { financeErrors } from '../finance.errors.js';
import { ensureLedger } from './chart.js';
import { findAnyEntry } from './journal.repository.js';
import { closedThrough } from './periods.repository.js';
import * as repo from './settings.repository.js';

export async function getSettings(db: Db) {
  await ensureLedger(db);
  const row = await repo.getSettings(db);
  return { baseCurrency: row.base_currency, closedThrough: await closedThrough(db), version: row.version };
}

/** The base currency can change only before anything has been posted. */
export async function updateSettings(db: Db, ctx: RequestContext, input: { version: number; baseCurrency: string }) {
  return inTransaction(db, async (trx) => {
    await ensureLedger(trx);
    const before = await repo.lockSettings(trx);
    assertVersion('Finance settings', before, input.version);
    if (input.baseCurrency !== before.base_currency) {
      const entry = await findAnyEntry(trx);
      if (entry) throw financeErrors.baseCurrencyLocked();
    }
    const after = await repo.updateBaseCurrency(trx, input.baseCurrency);
    await writeAudit(trx, ctx, {
      action: 'finance-settings.updated',
      entityType: 'finance.settings',
      entityId: '1',
      before: { baseCurrency: before.base_currency },
      after: { baseCurrency: after.base_currency },
    });
    return { baseCurrency: after.base_currency, closedThrough: await closedThrough(trx), version: after.version };
  });
}
