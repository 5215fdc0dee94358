/** Dates and timestamps as they cross the API: `YYYY-MM-DD` strings and ISO 8601 UTC timestamps. */

/** Today's date (UTC) as YYYY-MM-DD. */
export const today = (): string => new Date().toISOString().slice(0, 10);

const DAY_MS = 86_400_000;
const utcMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** `date` + `days` (negative goes back), UTC calendar arithmetic on YYYY-MM-DD. */
export const addDays = (date: string, days: number): string =>
  new Date(utcMs(date) + days * DAY_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((utcMs(to) - utcMs(from)) / DAY_MS);

/** The Monday of the ISO week a date falls in. */
export const weekStartOf = (date: string): string => addDays(date, -((new Date(utcMs(date)).getUTCDay() + 6) % 7));

/** The character code of a decimal digit. */
const digit = (n: number) => 48 + n;
/** 1970-01-01 … 9999-12-31T23:59:59.999Z: where `toISOString` writes a plain four-digit year. */
const LAST_PLAIN_MS = 253_402_300_799_999;

/**
 * Epoch milliseconds as `toISOString` writes them, in plain arithmetic: every answer writes its
 * timestamps this way, and `toISOString` (a call into the engine's C++) took ~0.7 µs each — 100+ per
 * 50-row page (docs/adr/0026). Days to a civil date by Howard Hinnant's `civil_from_days`.
 */
export function isoFromEpochMs(ms: number): string {
  if (!(ms >= 0 && ms <= LAST_PLAIN_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  // One flat string from its 24 character codes: a template literal of 13 pieces builds a tree of
  // concatenations (~300 bytes a timestamp) that JSON.stringify then flattens.
  return String.fromCharCode(
    digit(Math.floor(year / 1000)),
    digit(Math.floor(year / 100) % 10),
    digit(Math.floor(year / 10) % 10),
    digit(year % 10),
    45, // -
    digit(Math.floor(month / 10)),
    digit(month % 10),
    45, // -
    digit(Math.floor(day / 10)),
    digit(day % 10),
    84, // T
    digit(Math.floor(hours / 10)),
    digit(hours % 10),
    58, // :
    digit(Math.floor(minutes / 10)),
    digit(minutes % 10),
    58, // :
    digit(Math.floor(seconds / 10)),
    digit(seconds % 10),
    46, // .
    digit(Math.floor(millis / 100)),
    digit(Math.floor(millis / 10) % 10),
    digit(millis % 10),
    90, // Z
  );
}

/** A driver timestamp (Date, or a string from some drivers) as an ISO 8601 UTC string. */
export const isoTimestamp = (d: Date | string): string =>
  d instanceof Date ? isoFromEpochMs(d.getTime()) : new Date(d).toISOString();

/** Same, keeping null. */
export const isoTimestampOrNull = (d: Date | string | null): string | null => (d === null ? null : isoTimestamp(d));

const lastDayOfMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * `date` moved by `months` calendar months; a day past the end of the target month becomes its last day
 * (2024-02-29 − 12 months = 2023-02-28), and a month's last day stays its last day with `keepMonthEnd`.
 */
export function addMonths(date: string, months: number, keepMonthEnd = false): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = lastDayOfMonth(year, month);
  const day = keepMonthEnd && d === lastDayOfMonth(y, m) ? last : Math.min(d, last);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether [from, to] is a run of whole calendar months (the 1st to a month's last day). */
export const isWholeMonths = (from: string, to: string): boolean =>
  from.endsWith('-01') && addDays(to, 1).endsWith('-01') && from <= to;

/**
 * The period a report compares [from, to] with: the one just before it (`previous-period`; whole
 * months shift by whole months, other ranges by their length in days) or the same dates a year earlier.
 */
export function comparisonPeriod(
  from: string,
  to: string,
  compare: 'previous-period' | 'previous-year',
): { from: string; to: string } {
  if (compare === 'previous-year') return { from: addMonths(from, -12), to: addMonths(to, -12, true) };
  if (isWholeMonths(from, to)) {
    const [fy, fm] = from.split('-').map(Number) as [number, number];
    const [ty, tm] = to.split('-').map(Number) as [number, number];
    const months = ty * 12 + tm - (fy * 12 + fm) + 1;
    return { from: addMonths(from, -months), to: addDays(from, -1) };
  }
  const days = daysBetween(from, to) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}
