/**
 * A search term that reads as an amount — "1,100.00", "$1100", "1100.5" — as a plain decimal string
 * (for matching a total exactly), or null. Lists and global search find documents and payments by it.
 */
export function amountTerm(q: string): string | null {
  const term = q
    .trim()
    .replace(/^[$€£]\s*/, '')
    .replace(/,/g, '');
  return /^\d{1,15}(\.\d{1,4})?$/.test(term) ? term : null;
}
