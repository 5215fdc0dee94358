/**
 * Money and dates. Amounts are decimal strings ("1234.50"): never parseFloat them for arithmetic (use
 * the API's totals, or a decimal library in a module that really computes). Intl.NumberFormat formats
 * a decimal string exactly, so display is safe.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: string | null | undefined, currency: string, locale?: string): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const key = `${locale ?? ''}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  // A numeric string keeps its full precision (Intl.NumberFormat v3).
  return format.format(amount as unknown as number);
}

/** `<Money amount="1234.50" currency="EUR" />` — right-aligned, tabular digits, red when negative. */
export function Money({
  amount,
  currency,
  locale,
}: {
  amount: string | null | undefined;
  currency: string;
  locale?: string;
}) {
  const negative = typeof amount === 'string' && amount.trim().startsWith('-');
  return <span className={negative ? 'money money-negative' : 'money'}>{formatMoney(amount, currency, locale)}</span>;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date ("2026-11-25") or timestamp as a date, in the user's locale. Date-only values never shift by time zone. */
export function formatDate(value: string | null | undefined, locale?: string): string {
  if (!value) return '';
  const dateOnly = DATE_ONLY.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(dateOnly ? { timeZone: 'UTC' } : {}) }).format(
    date,
  );
}

/** A UTC timestamp in the user's time zone, e.g. "25 Nov 2026, 14:05". */
export function formatDateTime(value: string | null | undefined, locale?: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** `<DateText value={row.createdAt} withTime />` — a <time> element with the ISO value. */
export function DateText({ value, withTime }: { value: string | null | undefined; withTime?: boolean }) {
  if (!value) return <span className="muted">—</span>;
  return <time dateTime={value}>{withTime ? formatDateTime(value) : formatDate(value)}</time>;
}
