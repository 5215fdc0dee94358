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
import type { UpdateSettingsInput } from './settings.schemas.js';

export async function getSettings(db: Db) {
  await ensureLedger(db);
  const row = await repo.getSettings(db);
  return toDto(row, await closedThrough(db));
}

function toDto(row: Awaited<ReturnType<typeof repo.getSettings>>, through: string | null) {
  return {
    baseCurrency: row.base_currency,
    closedThrough: through,
    fiscalYearStartMonth: row.fiscal_year_start_month,
    taxRounding: row.tax_rounding,
    version: row.version,
  };
}

/**
 * The base currency can change only before anything has been posted. The fiscal year's first month
 * applies to years created from now on (existing years keep their dates); the tax rounding to
 * documents saved from now on.
 */
export async function updateSettings(db: Db, ctx: RequestContext, input: UpdateSettingsInput) {
  return inTransaction(db, async (trx) => {
    await ensureLedger(trx);
    const before = await repo.lockSettings(trx);
    assertVersion('Finance settings', before, input.version);
    if (input.baseCurrency !== undefined && input.baseCurrency !== before.base_currency) {
      const entry = await findAnyEntry(trx);
      if (entry) throw financeErrors.baseCurrencyLocked();
    }
    const after = await repo.updateSettings(trx, {
      base_currency: input.baseCurrency ?? before.base_currency,
      fiscal_year_start_month: input.fiscalYearStartMonth ?? before.fiscal_year_start_month,
      tax_rounding: input.taxRounding ?? before.tax_rounding,
    });
    await writeAudit(trx, ctx, {
      action: 'finance-settings.updated',
      entityType: 'finance.settings',
      entityId: '1',
      before: {
        baseCurrency: before.base_currency,
        fiscalYearStartMonth: before.fiscal_year_start_month,
        taxRounding: before.tax_rounding,
      },
      after: {
        baseCurrency: after.base_currency,
        fiscalYearStartMonth: after.fiscal_year_start_month,
        taxRounding: after.tax_rounding,
      },
    });
    return toDto(after, await closedThrough(trx));
  });
}
