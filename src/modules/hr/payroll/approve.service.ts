import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { accountForRole, baseCurrency, postJournalEntry, type JournalEntryInput } from '../../finance/index.js';
import { payrollErrors } from './payroll.errors.js';
import { Money, payDecimals } from './payroll.shared.js';
import * as repo from './runs.repository.js';
import { RUN_ENTITY, lockRun, toRunDto } from './runs.service.js';

export interface ApproveInput {
  version: number;
  exchangeRate?: string | undefined;
}

/**
 * The payroll journal entry, dated on the last day of the period (salaries are that period's
 * expense): Dr salaries = total gross; Cr payroll-payable = total net (owed to employees);
 * Cr payroll-payable = total deductions (withheld, owed to the tax office, pension fund, …).
 */
async function journalEntryFor(
  trx: Tx,
  run: repo.RunRow,
  totals: { gross: string; deductions: string; net: string },
  exchangeRate: string | undefined,
): Promise<JournalEntryInput> {
  const amount = (v: string) => new Money(v).toFixed(payDecimals(run.currency));
  const salaries = await accountForRole(trx, 'salaries');
  const payable = await accountForRole(trx, 'payroll-payable');
  const lines: JournalEntryInput['lines'] = [
    { accountId: salaries, debit: amount(totals.gross), description: 'Gross pay' },
  ];
  if (new Money(totals.net).gt(0))
    lines.push({ accountId: payable, credit: amount(totals.net), description: 'Net pay owed to employees' });
  if (new Money(totals.deductions).gt(0))
    lines.push({ accountId: payable, credit: amount(totals.deductions), description: 'Deductions withheld' });
  return {
    date: run.period_end,
    reference: `PAYROLL ${run.period_start}/${run.period_end} ${run.currency}`,
    memo: `Payroll ${run.period_start} to ${run.period_end} (${run.pay_frequency}, ${run.currency}), paid ${run.pay_date}`,
    currency: run.currency,
    ...(exchangeRate !== undefined ? { exchangeRate } : {}),
    lines,
  };
}

/**
 * Approves a reviewed run in ONE transaction: the run row is locked (a concurrent approval waits,
 * then finds it approved), one balanced entry is posted to Finance, every payslip becomes approved
 * (immutable from then on, by trigger) and the run keeps the entry's id. If Finance refuses the
 * entry (a closed period, an inactive account, …) nothing changes.
 */
export async function approveRun(db: Db, ctx: RequestContext, id: string, input: ApproveInput) {
  return inTransaction(db, async (trx) => {
    const run = await lockRun(trx, id, input.version, 'approved', ['reviewed']);
    const totals = await repo.runTotals(trx, id);
    if (totals.employees === 0 || new Money(totals.gross).eq(0)) throw payrollErrors.runEmpty();
    if (totals.flagged.length > 0) throw payrollErrors.negativeNet(totals.flagged);
    const base = await baseCurrency(trx);
    if (run.currency !== base && input.exchangeRate === undefined)
      throw payrollErrors.exchangeRateRequired(run.currency, base);
    const entry = await postJournalEntry(trx, ctx, await journalEntryFor(trx, run, totals, input.exchangeRate), {
      sourceType: 'payroll-run',
      sourceId: id,
    });
    const now = new Date();
    await trx
      .updateTable('hr.payslips')
      .set({ status: 'approved', approved_at: now })
      .where('run_id', '=', id)
      .execute();
    const after = await repo.updateRun(trx, id, {
      status: 'approved',
      journal_entry_id: entry.id,
      exchange_rate: run.currency === base ? '1' : input.exchangeRate!,
      employee_count: totals.employees,
      total_gross: totals.gross,
      total_deductions: totals.deductions,
      total_net: totals.net,
      approved_at: now,
      approved_by: ctx.actor?.userId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'payroll-run.approved',
      entityType: RUN_ENTITY,
      entityId: id,
      before: { status: run.status },
      after: { status: after.status, journalEntryId: entry.id, journalEntryNumber: entry.number, ...totals },
    });
    return toRunDto(after, { admin: true }, await repo.exclusionsOf(trx, id));
  });
}
