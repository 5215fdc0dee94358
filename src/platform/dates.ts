/** Dates and timestamps as they cross the API: `YYYY-MM-DD` strings and ISO 8601 UTC timestamps. */

/** Today's date (UTC) as YYYY-MM-DD. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** A driver timestamp (Date, or a string from some drivers) as an ISO 8601 UTC string. */
export const isoTimestamp = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

/** Same, keeping null. */
export const isoTimestampOrNull = (d: Date | string | null): string | null => (d === null ? null : isoTimestamp(d));
