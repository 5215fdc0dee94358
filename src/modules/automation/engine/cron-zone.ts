import type { Cron } from '../../../platform/jobs/cron.js';

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Whether `cron` matches the minute `at` on the wall clock of `timeZone`. */
export function cronMatchesInZone(cron: Cron, at: Date, timeZone: string): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return (
    cron.minutes.has(Number(get('minute'))) &&
    cron.hours.has(Number(get('hour'))) &&
    cron.months.has(Number(get('month'))) &&
    cron.daysOfMonth.has(Number(get('day'))) &&
    cron.daysOfWeek.has(WEEKDAYS[get('weekday')] ?? -1)
  );
}
