import { describe, expect, it } from 'vitest';
import { isTimeZone, nextRun, periodOf, type Schedule } from './schedule.js';

const daily = (hour: number, timeZone: string): Schedule => ({
  frequency: 'daily',
  hour,
  weekday: null,
  dayOfMonth: null,
  timeZone,
});

describe('subscription schedules on the wall clock of their time zone', () => {
  it('daily at 07:00 in Paris is 06:00 UTC in winter and 05:00 UTC in summer', () => {
    expect(nextRun(daily(7, 'Europe/Paris'), new Date('2026-12-07T06:00:00Z')).toISOString()).toBe(
      '2026-12-08T06:00:00.000Z',
    );
    expect(nextRun(daily(7, 'Europe/Paris'), new Date('2026-12-07T05:59:00Z')).toISOString()).toBe(
      '2026-12-07T06:00:00.000Z',
    );
    expect(nextRun(daily(7, 'Europe/Paris'), new Date('2026-07-01T00:00:00Z')).toISOString()).toBe(
      '2026-07-01T05:00:00.000Z',
    );
  });

  it('weekly on a weekday, monthly on a day, hourly; zones at half hours', () => {
    const weekly: Schedule = { frequency: 'weekly', hour: 9, weekday: 1, dayOfMonth: null, timeZone: 'UTC' };
    // 2026-12-07 is a Monday.
    expect(nextRun(weekly, new Date('2026-12-07T09:00:00Z')).toISOString()).toBe('2026-12-14T09:00:00.000Z');
    const monthly: Schedule = { frequency: 'monthly', hour: 8, weekday: null, dayOfMonth: 1, timeZone: 'UTC' };
    expect(nextRun(monthly, new Date('2026-12-07T00:00:00Z')).toISOString()).toBe('2027-01-01T08:00:00.000Z');
    expect(periodOf(monthly, new Date('2027-01-01T08:00:00Z'))).toBe('2027-01');
    const hourly: Schedule = { frequency: 'hourly', hour: 0, weekday: null, dayOfMonth: null, timeZone: 'UTC' };
    expect(nextRun(hourly, new Date('2026-12-07T09:10:00Z')).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(periodOf(hourly, new Date('2026-12-07T10:00:00Z'))).toBe('2026-12-07T10');
    expect(nextRun(daily(9, 'Asia/Kolkata'), new Date('2026-12-07T00:00:00Z')).toISOString()).toBe(
      '2026-12-07T03:30:00.000Z',
    );
    // The period is the local date: 23:00 in New York is the next day in UTC.
    expect(periodOf(daily(23, 'America/New_York'), new Date('2026-12-08T04:00:00Z'))).toBe('2026-12-07');
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
