import { AppError } from '../../../platform/errors/app-error.js';
import type { Db } from '../../../platform/db/database.js';
import { shareLockSettings } from '../ledger/settings.repository.js';
import { findOverlappingReturn } from './taxes.repository.js';

/**
 * A filed tax return locks the tax of its period: nothing that moves tax (issuing a document, voiding
 * one) may be dated inside it. 409 `tax-period-filed`: date the correction (a credit note, the void)
 * after the period, so that it goes into the next return. The settings row is share-locked until the
 * transaction ends: filing locks it for update, so a return never misses a document issued meanwhile.
 */
export async function assertTaxPeriodOpen(trx: Db, date: string, path = 'date'): Promise<void> {
  await shareLockSettings(trx);
  const filed = await findOverlappingReturn(trx, date, date);
  if (filed) throw taxPeriodFiled(date, filed.period_start, filed.period_end, path);
}

export function taxPeriodFiled(date: string, from: string, to: string, path = 'date') {
  const detail = `The tax return for ${from} to ${to} is filed: its tax cannot change (${date}). Date the correction after ${to}, so that it goes into the next return.`;
  return new AppError('tax-period-filed', 409, 'Tax period filed', {
    detail,
    errors: [{ path, message: detail, code: 'tax-period-filed' }],
  });
}
