import type { Schema } from '../../api';

// Subscriptions and alerts (src/modules/analytics/subscriptions/): the generated types, the
// schedule as the form builds it and as the list says it (pure: `subscriptions.test.ts`).

export const FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly'] as const satisfies readonly Frequency[];
export type Schedule = Schema<'AnalyticsSchedule'>;
export type Frequency = Schedule['frequency'];
export type AlertCondition = Schema<'AnalyticsAlertCondition'>;
export type Subscription = Schema<'AnalyticsSubscription'>;
export type NewSubscription = Schema<'CreateAnalyticsSubscription'>;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const weekdayName = (n: number) => WEEKDAYS[n - 1] ?? String(n);
const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** "Every Monday at 07:00 (Europe/Paris)". */
export function scheduleText(s: Schedule): string {
  const at = `at ${hh(s.hour)} (${s.timeZone})`;
  switch (s.frequency) {
    case 'hourly':
      return 'Every hour';
    case 'daily':
      return `Every day ${at}`;
    case 'weekly':
      return `Every ${weekdayName(s.weekday ?? 1)} ${at}`;
    case 'monthly':
      return `On day ${s.dayOfMonth ?? 1} of every month ${at}`;
  }
}

/** The schedule the form describes: only the parts its frequency uses. */
export function scheduleOf(
  frequency: Frequency,
  hour: number,
  weekday: number,
  dayOfMonth: number,
  timeZone: string,
): Schedule {
  return {
    frequency,
    hour,
    weekday: frequency === 'weekly' ? weekday : null,
    dayOfMonth: frequency === 'monthly' ? dayOfMonth : null,
    timeZone: timeZone.trim() || 'UTC',
  };
}
