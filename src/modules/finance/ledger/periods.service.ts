import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { financeErrors } from '../finance.errors.js';
import { Money, format } from '../money.js';
import { accountForRole, baseCurrency } from './chart.js';
import { findDraftBetween, resultBalances } from './journal.repository.js';
import { postJournalEntry } from './journal.service.js';
import * as repo from './periods.repository.js';
import {
  assertAfterClosedYears,
  createFiscalYear,
  ensureFiscalYear,
  shiftDays,
  yearEndDate,
  yearLabel,
} from './periods.js';
import { lockLedgerSetup, lockSettings } from './settings.repository.js';

const PERIOD = 'finance.fiscal-period';
const YEAR = 'finance.fiscal-year';

export async function listYears(db: Db) {
  const years = await repo.listYears(db);
  const periods = await repo.listPeriods(db);
  return {
    closedThrough: await repo.closedThrough(db),
    items: years.map((y) => ({
      year: y.year,
      startDate: y.start_date,
      endDate: y.end_date,
      status: y.status,
      closingEntryId: y.closing_entry_id,
      periods: periods
        .filter((p) => p.year === y.year)
        .map((p) => ({
          id: p.id,
          period: p.period,
          startDate: p.start_date,
          endDate: p.end_date,
          status: p.status,
          version: p.version,
        })),
    })),
  };
}

export async function openYear(db: Db, ctx: RequestContext, year: number) {
  await inTransaction(db, async (trx) => {
    await assertAfterClosedYears(trx, await yearEndDate(trx, year), 'year');
    await ensureFiscalYear(trx, year);
    await writeAudit(trx, ctx, { action: 'fiscal-year.opened', entityType: YEAR, entityId: String(year) });
  });
}

/**
 * Sets up a fiscal year with explicit dates — a first year that is short or long, or a change of
 * rhythm: from the first day of a month to the last day of a month, 1 to 24 months, overlapping no
 * other year, after the books closed. It is named by the calendar year it ends in, which must be free.
 */
export async function createYear(db: Db, ctx: RequestContext, input: { startDate: string; endDate: string }) {
  return inTransaction(db, async (trx) => {
    const { startDate, endDate } = input;
    if (startDate.slice(8) !== '01')
      throw errors.validation([{ path: 'startDate', message: 'A fiscal year starts on the first day of a month.' }]);
    if (shiftDays(endDate, 1).slice(8) !== '01')
      throw errors.validation([{ path: 'endDate', message: 'A fiscal year ends on the last day of a month.' }]);
    const months =
      (Number(endDate.slice(0, 4)) - Number(startDate.slice(0, 4))) * 12 +
      Number(endDate.slice(5, 7)) -
      Number(startDate.slice(5, 7)) +
      1;
    if (months < 1 || months > 24)
      throw errors.validation([{ path: 'endDate', message: 'A fiscal year runs from 1 to 24 months.' }]);
    await assertAfterClosedYears(trx, startDate, 'startDate');
    await lockLedgerSetup(trx);
    const year = yearLabel(endDate);
    const clash = await repo.findYearClash(trx, startDate, endDate, year);
    if (clash)
      throw errors.conflict(
        `The fiscal year ${clash.year} (${clash.start_date} to ${clash.end_date}) overlaps it or has its name (${year}, the year it ends in).`,
      );
    await createFiscalYear(trx, startDate, endDate);
    await writeAudit(trx, ctx, {
      action: 'fiscal-year.created',
      entityType: YEAR,
      entityId: String(year),
      after: { startDate, endDate, periods: months },
    });
    return year;
  });
}

/** Closing waits for postings in flight into the period (they hold it share-locked) and then refuses new ones. */
export async function setPeriodStatus(db: Db, ctx: RequestContext, id: string, status: 'open' | 'closed') {
  return inTransaction(db, async (trx) => {
    const period = await repo.lockPeriod(trx, id);
    if (!period) throw errors.notFound('Fiscal period', id);
    const year = await repo.getYearStatus(trx, period.year);
    if (year.status === 'closed')
      throw financeErrors.yearNotClosable(`The fiscal year ${period.year} is closed; its periods cannot change.`);
    if (period.status === status) return { id, status };
    if (status === 'open') await assertAfterClosedYears(trx, period.end_date);
    await repo.setPeriodStatus(trx, id, status);
    await writeAudit(trx, ctx, {
      action: status === 'closed' ? 'fiscal-period.closed' : 'fiscal-period.reopened',
      entityType: PERIOD,
      entityId: id,
      before: { status: period.status },
      after: { status },
    });
    return { id, status };
  });
}

/**
 * Year end: posts the closing entry that moves every income and expense balance of the year to
 * retained earnings (dated the last day of the year), then closes the year and all its periods.
 * Needs the last period open (the closing entry goes there); nothing can be posted into the year after.
 */
export async function closeYear(db: Db, ctx: RequestContext, year: number) {
  return inTransaction(db, async (trx) => {
    // Serialises with postings (they share-lock the settings row) and with other year ends.
    await lockSettings(trx);
    const fy = await repo.lockYear(trx, year);
    if (!fy) throw errors.notFound('Fiscal year', String(year));
    if (fy.status === 'closed') throw financeErrors.yearNotClosable(`The fiscal year ${year} is already closed.`);
    const earlier = await repo.openYearsBefore(trx, year);
    if (earlier.length > 0) throw financeErrors.earlierYearOpen(year, earlier);
    const drafts = await findDraftBetween(trx, fy.start_date, fy.end_date);
    if (drafts)
      throw financeErrors.yearNotClosable(`The year ${year} still has draft entries: post or delete them first.`);

    const base = await baseCurrency(trx);
    const balances = await resultBalances(trx, fy.start_date, fy.end_date);
    const lines: { accountId: string; debit?: string; credit?: string; description: string }[] = [];
    let result = new Money(0); // credit-positive: profit
    for (const b of balances) {
      const net = new Money(b.debit).minus(b.credit);
      if (net.eq(0)) continue;
      // Bring each account to zero: credit a debit balance, debit a credit balance.
      lines.push(
        net.gt(0)
          ? { accountId: b.account_id, credit: format(net, base), description: `Close ${year}` }
          : { accountId: b.account_id, debit: format(net.negated(), base), description: `Close ${year}` },
      );
      result = result.minus(net);
    }
    let closingEntryId: string | null = null;
    if (lines.length > 0 && !result.eq(0)) {
      const retained = await accountForRole(trx, 'retained-earnings');
      lines.push(
        result.gt(0)
          ? { accountId: retained, credit: format(result, base), description: `Result ${year}` }
          : { accountId: retained, debit: format(result.negated(), base), description: `Result ${year}` },
      );
    }
    if (lines.length >= 2) {
      const posted = await postJournalEntry(
        trx,
        ctx,
        {
          date: fy.end_date,
          reference: `YEAR-END-${year}`,
          memo: `Closing entry ${year}`,
          currency: base,
          lines: lines.map((l) => ({ ...l })),
        },
        { sourceType: 'year-close', sourceId: String(year) },
      );
      closingEntryId = posted.id;
    }
    await repo.closeOpenPeriodsOf(trx, year);
    await repo.markYearClosed(trx, year, closingEntryId);
    await writeAudit(trx, ctx, {
      action: 'fiscal-year.closed',
      entityType: YEAR,
      entityId: String(year),
      after: { closingEntryId, result: format(result, base) },
    });
    return { year, status: 'closed' as const, closingEntryId, result: format(result, base) };
  });
}
