import type { Decimal } from 'decimal.js';
import type { Db } from '../../../platform/db/database.js';
import { errors, type FieldError } from '../../../platform/errors/app-error.js';
import { financeErrors } from '../finance.errors.js';
import { Money, fitsCurrency, format, roundTo } from '../money.js';
import { findPostingAccounts } from './accounts.repository.js';
import { baseCurrency } from './chart.js';
import type { JournalEntryInputT } from './journal.schemas.js';

export interface PreparedLine {
  line_no: number;
  account_id: string;
  description: string;
  debit: string;
  credit: string;
  base_debit: string;
  base_credit: string;
  department: string | null;
  project_id: string | null;
}

export interface PreparedEntry {
  currency: string;
  baseCurrency: string;
  exchangeRate: string;
  lines: PreparedLine[];
}

/**
 * Checks an entry against the ledger's rules and converts it to the base currency:
 * at least two lines, each with exactly one positive side in the currency's decimals, on existing,
 * active, postable accounts; debits equal credits; a foreign currency carries its exchange rate.
 * Base amounts are rounded half-up per line, and a rounding difference (at most a few minor units)
 * goes to the largest line of the lighter side, so the entry balances in both currencies.
 */
export async function prepareEntry(trx: Db, input: JournalEntryInputT): Promise<PreparedEntry> {
  const base = await baseCurrency(trx);
  const currency = input.currency ?? base;
  let rate = new Money(1);
  if (currency === base) {
    if (input.exchangeRate !== undefined && !new Money(input.exchangeRate).eq(1)) {
      throw financeErrors.wrongCurrency(
        `An entry in the base currency ${base} has the exchange rate 1.`,
        'exchangeRate',
      );
    }
  } else {
    if (input.exchangeRate === undefined) {
      throw financeErrors.wrongCurrency(`An entry in ${currency} needs its exchange rate to ${base}.`, 'exchangeRate');
    }
    rate = new Money(input.exchangeRate);
  }

  const problems: FieldError[] = [];
  input.lines.forEach((line, i) => {
    const debit = new Money(line.debit ?? 0);
    const credit = new Money(line.credit ?? 0);
    if (debit.gt(0) === credit.gt(0)) {
      problems.push({
        path: `lines.${i}`,
        message: 'A line has either a debit or a credit greater than 0, not both and not neither.',
        code: 'one_side',
      });
    }
    for (const side of ['debit', 'credit'] as const) {
      const amount = line[side];
      if (amount !== undefined && !fitsCurrency(amount, currency)) {
        problems.push({
          path: `lines.${i}.${side}`,
          message: `More decimals than ${currency} allows.`,
          code: 'too_many_decimals',
        });
      }
    }
  });
  if (problems.length > 0) throw errors.validation(problems, 'Some lines are not valid.');

  const ids = [...new Set(input.lines.map((l) => l.accountId))];
  const accounts = new Map((await findPostingAccounts(trx, ids)).map((a) => [a.id, a]));
  input.lines.forEach((line, i) => {
    const account = accounts.get(line.accountId);
    const path = `lines.${i}.accountId`;
    if (!account) throw financeErrors.unknownAccount(line.accountId, path);
    if (!account.active) throw financeErrors.inactiveAccount(account.code, path);
    if (account.is_group) throw financeErrors.groupAccount(account.code, path);
  });

  const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), new Money(0));
  const debits = input.lines.map((l) => new Money(l.debit ?? 0));
  const credits = input.lines.map((l) => new Money(l.credit ?? 0));
  if (!sum(debits).eq(sum(credits)))
    throw financeErrors.unbalanced(format(sum(debits), currency), format(sum(credits), currency));

  const baseDebits = debits.map((d) => roundTo(d.times(rate), base));
  const baseCredits = credits.map((c) => roundTo(c.times(rate), base));
  if (sum(baseDebits).eq(0) && sum(baseCredits).eq(0)) {
    throw errors.validation(
      [{ path: 'lines', message: `At this exchange rate the amounts round to zero ${base}.`, code: 'zero_in_base' }],
      'The entry is worth nothing in the base currency.',
    );
  }
  const difference = sum(baseDebits).minus(sum(baseCredits));
  if (!difference.eq(0)) {
    // Lighter side: credits when debits are heavier. Its largest line takes the difference.
    const side = difference.gt(0) ? baseCredits : baseDebits;
    let largest = 0;
    side.forEach((v, i) => {
      if (v.gt(side[largest]!)) largest = i;
    });
    side[largest] = side[largest]!.plus(difference.abs());
  }

  return {
    currency,
    baseCurrency: base,
    exchangeRate: rate.toString(),
    lines: input.lines.map((line, i) => ({
      line_no: i + 1,
      account_id: line.accountId,
      description: line.description,
      debit: debits[i]!.toFixed(4),
      credit: credits[i]!.toFixed(4),
      base_debit: baseDebits[i]!.toFixed(4),
      base_credit: baseCredits[i]!.toFixed(4),
      department: line.department ?? null,
      project_id: line.projectId ?? null,
    })),
  };
}
