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

/** A driver timestamp (Date, or a string from some drivers) as an ISO 8601 UTC string. */
export const isoTimestamp = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

/** Same, keeping null. */
export const isoTimestampOrNull = (d: Date | string | null): string | null => (d === null ? null : isoTimestamp(d));
