import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError, errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { PageRequest } from '../../../platform/http/pagination.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { postJournalEntry, reverseEntry } from '../ledger/journal.service.js';
import { ensureRoleAccount } from '../ledger/role-accounts.js';
import { Money, format, minorUnits, roundTo } from '../money.js';
import { ratesOn } from '../rates/rates.service.js';
import * as repo from './revaluation.repository.js';
import type { RevaluationLineKind } from './revaluation.tables.js';

const ENTITY = 'finance.fx-revaluation';

/** The unrealised exchange gain / loss accounts, created on the first run when the chart has none. */
export const UNREALISED_GAIN = {
  role: 'fx-unrealised-gain',
  code: '4950',
  name: 'Unrealised exchange gains',
  type: 'income',
  parentCode: '4000',
} as const;
export const UNREALISED_LOSS = {
  role: 'fx-unrealised-loss',
  code: '6950',
  name: 'Unrealised exchange losses',
  type: 'expense',
  parentCode: '6000',
} as const;

/**
 * Where the open items' revaluation goes on the balance sheet: an adjustment account beside each
 * control account (as SAP's balance-sheet adjustment accounts), not the control account itself, so
 * the aging still ties to the control account to the cent on every date (`../reports/tie-out.ts`).
 * Receivables plus their adjustment is the receivables' value at the closing rate.
 */
export const RECEIVABLES_ADJUSTMENT = {
  role: 'fx-revaluation-receivable',
  code: '1390',
  name: 'Receivables: unrealised exchange adjustment',
  type: 'asset',
  parentCode: '1000',
} as const;
export const PAYABLES_ADJUSTMENT = {
  role: 'fx-revaluation-payable',
  code: '2190',
  name: 'Payables: unrealised exchange adjustment',
  type: 'liability',
  parentCode: '2000',
} as const;

export interface RevaluationItem {
  kind: RevaluationLineKind;
  documentId: string | null;
  bankAccountId: string | null;
  label: string;
  accountId: string;
  currency: string;
  /** Open amount (bank: balance) in its currency, as the item sees it (an invoice's open amount is positive). */
  open: string;
  /** Carrying value in the base currency, same sign convention as `open`. */
  oldBase: string;
}

export interface RevaluedLine extends RevaluationItem {
  rate: string;
  newBase: Money;
  /** Gain (+) or loss (−) in the base currency. */
  difference: Money;
}

/** +1 when the item is an asset on its account (a higher value is a gain), −1 when a liability. */
const ASSET_SIDE: Record<RevaluationLineKind, 1 | -1> = {
  invoice: 1,
  'vendor-credit': 1,
  'bank-account': 1,
  bill: -1,
  'credit-note': -1,
};

/**
 * Pure: each item at the rate of its currency — new base = round(open × rate) half-up in the base
 * currency; the difference is a gain when an asset's value grows or a liability's shrinks. A currency
 * without a rate is a 422 naming it (at `rates.<CUR>`).
 */
export function revalue(
  items: RevaluationItem[],
  rates: Record<string, string>,
  base: string,
  date?: string,
): RevaluedLine[] {
  const missing = [...new Set(items.map((i) => i.currency))].filter((c) => !rates[c]).sort();
  if (missing.length > 0) {
    throw new AppError('missing-exchange-rate', 422, 'Exchange rate missing', {
      detail: `No rate given for ${missing.join(', ')}, in which open items or bank balances are held${
        date
          ? `, and the exchange-rate table has no ${missing.map((c) => `${c}/${base}`).join(', ')} rate on or before ${date}`
          : ''
      }.`,
      errors: missing.map((c) => ({
        path: `rates.${c}`,
        message: `A rate for ${c} is required: open items or bank balances are held in it.`,
        code: 'missing-exchange-rate',
      })),
    });
  }
  return items.map((item) => {
    const rate = rates[item.currency] as string;
    const newBase = roundTo(new Money(item.open).times(rate), base);
    const difference = newBase.minus(item.oldBase).times(ASSET_SIDE[item.kind]);
    return { ...item, rate, newBase: new Money(newBase), difference: new Money(difference) };
  });
}

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
function nextMonthStart(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

async function collectItems(trx: Db, date: string, base: string): Promise<RevaluationItem[]> {
  const receivable = await accountForRole(trx, 'receivable');
  const payable = await accountForRole(trx, 'payable');
  const docs = await repo.openForeignDocuments(trx, date, base, { receivable, payable }, minorUnits(base));
  const banks = await repo.foreignBankBalances(trx, date, base);
  const adjust = {
    receivable: docs.some((d) => d.kind === 'invoice' || d.kind === 'credit-note')
      ? await ensureRoleAccount(trx, RECEIVABLES_ADJUSTMENT)
      : '',
    payable: docs.some((d) => d.kind === 'bill' || d.kind === 'vendor-credit')
      ? await ensureRoleAccount(trx, PAYABLES_ADJUSTMENT)
      : '',
  };
  return [
    ...docs.map((d) => ({
      kind: d.kind,
      documentId: d.id,
      bankAccountId: null,
      label: d.number ?? d.id,
      accountId: d.kind === 'invoice' || d.kind === 'credit-note' ? adjust.receivable : adjust.payable,
      currency: d.currency,
      open: d.open,
      oldBase: d.open_base,
    })),
    ...banks
      .filter((b) => !new Money(b.balance).isZero() || !new Money(b.base_balance).isZero())
      .map((b) => ({
        kind: 'bank-account' as const,
        documentId: null,
        bankAccountId: b.id,
        label: b.name,
        accountId: b.account_id,
        currency: b.currency,
        open: b.balance,
        oldBase: b.base_balance,
      })),
  ];
}

/**
 * Revalues every open foreign-currency invoice, bill, credit note, vendor credit and foreign bank
 * balance at `date` with the rates given, in one transaction: the run and its lines, one entry dated
 * `date` (per account the net difference against the unrealised gain and loss accounts) and its
 * reversal dated the first day of the next month. Both go through the period lock. One run per
 * period: another run in the same month is 409 `revaluation-exists`.
 */
export async function runRevaluation(
  db: Db,
  ctx: RequestContext,
  input: { date: string; rates: Record<string, string>; memo?: string | undefined },
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const base = await baseCurrency(trx);
    const periodStart = monthStart(input.date);
    const existing = await repo.findRunForPeriod(trx, periodStart);
    if (existing) {
      throw new AppError('revaluation-exists', 409, 'Period already revalued', {
        detail: `The period starting ${periodStart} was revalued on ${existing.revaluation_date} (run ${existing.id}); its reversal undoes it on the first day of the next period.`,
        extensions: { revaluationId: existing.id },
      });
    }
    const reversalDate = nextMonthStart(input.date);
    const items = await collectItems(trx, input.date, base);
    const given = Object.fromEntries(Object.entries(input.rates).filter(([c]) => c !== base));
    // A currency the request names no rate for takes the exchange-rate table's (currency → base), the
    // latest on or before the date.
    const wanted = [...new Set(items.map((i) => i.currency))].filter((c) => !given[c]);
    const rates = { ...(await ratesOn(trx, wanted, base, input.date)), ...given };
    const lines = revalue(items, rates, base, input.date);

    const gain = lines.reduce((s, l) => (l.difference.gt(0) ? s.plus(l.difference) : s), new Money(0));
    const loss = lines.reduce((s, l) => (l.difference.lt(0) ? s.minus(l.difference) : s), new Money(0));
    const run = await repo.insertRun(trx, {
      revaluation_date: input.date,
      period_start: periodStart,
      reversal_date: reversalDate,
      base_currency: base,
      rates: JSON.stringify(rates),
      gain: format(gain, base),
      loss: format(loss, base),
      created_by: ctx.actor?.userId ?? null,
    });
    await repo.insertLines(
      trx,
      lines.map((l, i) => ({
        revaluation_id: run.id,
        line_no: i + 1,
        kind: l.kind,
        document_id: l.documentId,
        bank_account_id: l.bankAccountId,
        label: l.label,
        account_id: l.accountId,
        currency: l.currency,
        open_amount: l.open,
        rate: l.rate,
        old_base: l.oldBase,
        new_base: format(l.newBase, base),
        difference: format(l.difference, base),
      })),
    );

    // Per balance-sheet account the net change of its debit balance; gains and losses gross.
    const byAccount = new Map<string, Money>();
    // A gain raises an asset's debit balance or lowers a liability's credit balance: a debit either way.
    for (const l of lines) {
      byAccount.set(l.accountId, new Money((byAccount.get(l.accountId) ?? new Money(0)).plus(l.difference)));
    }
    const entryLines = [...byAccount.entries()]
      .filter(([, v]) => !v.isZero())
      .map(([accountId, v]) => ({
        accountId,
        ...(v.gt(0) ? { debit: format(v, base) } : { credit: format(v.neg(), base) }),
        description: 'Unrealised exchange difference',
      }));
    if (entryLines.length > 0) {
      if (gain.gt(0)) {
        const accountId = await ensureRoleAccount(trx, UNREALISED_GAIN);
        entryLines.push({ accountId, credit: format(gain, base), description: 'Unrealised exchange gains' });
      }
      if (loss.gt(0)) {
        const accountId = await ensureRoleAccount(trx, UNREALISED_LOSS);
        entryLines.push({ accountId, debit: format(loss, base), description: 'Unrealised exchange losses' });
      }
      const entry = await postJournalEntry(
        trx,
        ctx,
        {
          date: input.date,
          reference: 'FX revaluation',
          memo: input.memo ?? `Revaluation of open foreign-currency items at ${input.date}`,
          lines: entryLines,
        },
        { sourceType: 'fx-revaluation', sourceId: run.id },
      );
      const reversal = await reverseEntry(trx, ctx, entry.id, {
        date: reversalDate,
        memo: `Reversal of the revaluation at ${input.date}`,
      });
      await repo.setEntries(trx, run.id, entry.id, reversal.id);
    }
    await writeAudit(trx, ctx, {
      action: 'fx-revaluation.run',
      entityType: ENTITY,
      entityId: run.id,
      after: { date: input.date, rates, gain: format(gain, base), loss: format(loss, base), lines: lines.length },
    });
    return run.id;
  });
}

function toRunDto(r: repo.RunRow) {
  const base = r.base_currency;
  return {
    id: r.id,
    date: r.revaluation_date,
    reversalDate: r.reversal_date,
    baseCurrency: base,
    rates: r.rates,
    journalEntryId: r.journal_entry_id,
    journalEntryNumber: r.entry_number ?? null,
    reversalEntryId: r.reversal_entry_id,
    reversalEntryNumber: r.reversal_number ?? null,
    gain: format(new Money(r.gain), base),
    loss: format(new Money(r.loss), base),
    net: format(new Money(r.gain).minus(r.loss), base),
    lineCount: r.line_count,
    createdAt: r.created_at.toISOString(),
  };
}

export async function getRevaluation(db: Db, id: string) {
  const run = await repo.findRun(db, id);
  if (!run) throw errors.notFound('Revaluation', id);
  const base = run.base_currency;
  const lines = await repo.linesOf(db, id);
  return {
    ...toRunDto(run),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      kind: l.kind,
      documentId: l.document_id,
      bankAccountId: l.bank_account_id,
      label: l.label,
      accountId: l.account_id,
      accountCode: l.account_code,
      currency: l.currency,
      openAmount: format(new Money(l.open_amount), l.currency),
      rate: new Money(l.rate).toString(),
      oldBase: format(new Money(l.old_base), base),
      newBase: format(new Money(l.new_base), base),
      difference: format(new Money(l.difference), base),
    })),
  };
}

export async function listRevaluations(db: Db, filter: PageRequest) {
  const page = await repo.listRuns(db, filter);
  return { items: page.items.map(toRunDto), nextCursor: page.nextCursor };
}
