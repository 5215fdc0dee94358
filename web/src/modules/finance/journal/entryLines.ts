import { fromUnits, isDecimal, isZero, sumDecimals, toUnits } from '../decimal';

/** A journal entry line as the form edits it (amounts as typed; one of debit and credit). */
export interface EntryLine {
  accountId: string;
  description: string;
  debit: string;
  credit: string;
}

export const emptyLine = (): EntryLine => ({ accountId: '', description: '', debit: '', credit: '' });

/** Running totals of the lines, exact on strings: total debit, total credit, difference (debit − credit). */
export function entryTotals(lines: EntryLine[], places: number) {
  const debit = sumDecimals(
    lines.map((l) => (isDecimal(l.debit.trim()) ? l.debit : '0')),
    places,
  );
  const credit = sumDecimals(
    lines.map((l) => (isDecimal(l.credit.trim()) ? l.credit : '0')),
    places,
  );
  const difference = fromUnits((toUnits(debit) ?? 0n) - (toUnits(credit) ?? 0n), places);
  return { debit, credit, difference, balanced: isZero(difference) && !isZero(debit) };
}

/** Client checks of one line (the server checks the same and more: accounts active, periods open). */
export function lineProblem(line: EntryLine, places: number): string | null {
  if (!line.accountId) return 'Choose an account.';
  const d = line.debit.trim();
  const c = line.credit.trim();
  for (const v of [d, c])
    if (v !== '' && (!isDecimal(v, places) || v.startsWith('-')))
      return `Amounts are positive numbers with at most ${places} decimals.`;
  const hasD = d !== '' && !isZero(d);
  const hasC = c !== '' && !isZero(c);
  if (hasD === hasC) return 'Enter either a debit or a credit.';
  return null;
}
