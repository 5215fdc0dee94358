import { describe, expect, it } from 'vitest';
import { scheduleOf, scheduleText } from './subscriptions';

describe('subscription schedules', () => {
  it('keeps only the parts a frequency uses, and a time zone', () => {
    expect(scheduleOf('weekly', 7, 3, 15, ' Europe/Paris ')).toEqual({
      frequency: 'weekly',
      hour: 7,
      weekday: 3,
      dayOfMonth: null,
      timeZone: 'Europe/Paris',
    });
    expect(scheduleOf('monthly', 0, 3, 15, '')).toMatchObject({ weekday: null, dayOfMonth: 15, timeZone: 'UTC' });
  });

  it('says when in words', () => {
    expect(scheduleText(scheduleOf('hourly', 7, 1, 1, 'UTC'))).toBe('Every hour');
    expect(scheduleText(scheduleOf('daily', 18, 1, 1, 'UTC'))).toBe('Every day at 18:00 (UTC)');
    expect(scheduleText(scheduleOf('weekly', 7, 7, 1, 'Europe/Paris'))).toBe('Every Sunday at 07:00 (Europe/Paris)');
    expect(scheduleText(scheduleOf('monthly', 6, 1, 28, 'UTC'))).toBe('On day 28 of every month at 06:00 (UTC)');
  });
});
