import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceFigures, days, endOfMonth, proRatedEntitlement, toHalfDays } from './entitlement.js';
import {
  addDays,
  eachDate,
  halfDaysToString,
  isWeekend,
  slots,
  weekday,
  workingHalfDays,
  type LeaveSpan,
} from './working-days.js';

const span = (
  startDate: string,
  endDate: string,
  startPortion: 'full' | 'pm' = 'full',
  endPortion: 'full' | 'am' = 'full',
): LeaveSpan => ({
  startDate,
  endDate,
  startPortion,
  endPortion,
});
const none = new Set<string>();

describe('working days', () => {
  it('knows the weekday of a date', () => {
    expect(weekday('2030-03-04')).toBe(1); // Monday
    expect(weekday('1970-01-01')).toBe(4); // Thursday
    expect(weekday('1969-12-28')).toBe(0); // Sunday, before the epoch
    expect(isWeekend('2030-03-09')).toBe(true);
    expect(isWeekend('2030-03-08')).toBe(false);
    expect(addDays('2030-02-28', 1)).toBe('2030-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts Monday to Friday as 5, across a weekend as weekdays only', () => {
    expect(workingHalfDays(span('2030-03-04', '2030-03-08'), none)).toBe(10);
    expect(workingHalfDays(span('2030-03-08', '2030-03-11'), none)).toBe(4); // Fri + Mon
    expect(workingHalfDays(span('2030-03-09', '2030-03-10'), none)).toBe(0); // a weekend
  });

  it('skips public holidays', () => {
    expect(workingHalfDays(span('2030-03-04', '2030-03-08'), new Set(['2030-03-06', '2030-03-09']))).toBe(8);
  });

  it('counts half days on the first and last day', () => {
    expect(workingHalfDays(span('2030-03-04', '2030-03-08', 'pm'), none)).toBe(9);
    expect(workingHalfDays(span('2030-03-04', '2030-03-08', 'pm', 'am'), none)).toBe(8);
    expect(workingHalfDays(span('2030-03-04', '2030-03-04', 'pm'), none)).toBe(1);
    expect(workingHalfDays(span('2030-03-04', '2030-03-04', 'full', 'am'), none)).toBe(1);
    // A half day on a weekend or holiday is still nothing.
    expect(workingHalfDays(span('2030-03-09', '2030-03-11', 'pm'), none)).toBe(2);
    expect(halfDaysToString(9)).toBe('4.5');
    expect(halfDaysToString(10)).toBe('5.0');
  });

  it('places a morning and an afternoon of the same day side by side, not overlapping', () => {
    const [, morningEnd] = slots(span('2030-03-04', '2030-03-04', 'full', 'am'));
    const [afternoonStart] = slots(span('2030-03-04', '2030-03-04', 'pm'));
    expect(morningEnd).toBe(afternoonStart);
  });

  const dateArb = fc.integer({ min: dayOf('2000-01-01'), max: dayOf('2040-12-31') }).map(fromDay);
  function dayOf(d: string) {
    return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
  }
  function fromDay(n: number) {
    return new Date(n * 86_400_000).toISOString().slice(0, 10);
  }

  it('property: full days between two dates = weekdays minus the holidays on weekdays', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 15 }),
        (start, length, holidayOffsets) => {
          const end = addDays(start, length);
          const holidays = new Set(holidayOffsets.map((o) => addDays(start, o)));
          const all = eachDate(start, end);
          const weekdays = all.filter((d) => !isWeekend(d));
          const weekdayHolidays = weekdays.filter((d) => holidays.has(d));
          expect(all).toHaveLength(length + 1);
          expect(workingHalfDays(span(start, end), holidays)).toBe(2 * (weekdays.length - weekdayHolidays.length));
        },
      ),
    );
  });

  it('property: a span is the sum of its parts, and half days take exactly half a working day off', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (start, a, b) => {
        const mid = addDays(start, a);
        const end = addDays(mid, b + 1);
        const whole = workingHalfDays(span(start, end), none);
        expect(whole).toBe(workingHalfDays(span(start, mid), none) + workingHalfDays(span(addDays(mid, 1), end), none));
        const startWorks = !isWeekend(start) ? 1 : 0;
        const endWorks = !isWeekend(end) ? 1 : 0;
        expect(workingHalfDays(span(start, end, 'pm', 'am'), none)).toBe(whole - startWorks - endWorks);
        // Whole weeks always hold 5 working days.
        expect(workingHalfDays(span(start, addDays(start, 7 * (b + 1) - 1)), none)).toBe(10 * (b + 1));
      }),
    );
  });
});

describe('entitlement', () => {
  it('gives the full allowance for a full year and pro-rates a mid-year start to half days', () => {
    expect(proRatedEntitlement('25', 2030, '2020-01-01', null).toFixed(1)).toBe('25.0');
    // 1 July 2030: 184 of 365 days × 25 = 12.60… → 12.5
    expect(proRatedEntitlement('25', 2030, '2030-07-01', null).toFixed(1)).toBe('12.5');
    // Leaving on 31 March 2030: 90 / 365 × 25 = 6.16… → 6.0
    expect(proRatedEntitlement('25', 2030, '2020-01-01', '2030-03-31').toFixed(1)).toBe('6.0');
    expect(proRatedEntitlement('25', 2030, '2031-01-01', null).toFixed(1)).toBe('0.0');
    expect(proRatedEntitlement('20', 2028, '2028-07-01', null).toFixed(1)).toBe('10.0'); // 184/366×20 = 10.05
    expect(toHalfDays(days('2.25')).toFixed(1)).toBe('2.5');
    expect(toHalfDays(days('2.24')).toFixed(1)).toBe('2.0');
    expect(endOfMonth(2031, 3)).toBe('2031-03-31');
    expect(endOfMonth(2028, 2)).toBe('2028-02-29');
  });

  it('loses carried-over days not booked by their expiry date', () => {
    const base = {
      entitlement: days(20),
      carriedOver: days(5),
      carriedOverExpiresOn: '2031-03-31',
      taken: days(3),
      pending: days(1),
      bookedBeforeExpiry: days(2),
    };
    expect(balanceFigures(base, '2031-03-31').available.toFixed(1)).toBe('21.0');
    const after = balanceFigures(base, '2031-04-01');
    expect(after.expired.toFixed(1)).toBe('3.0');
    expect(after.available.toFixed(1)).toBe('18.0');
    expect(balanceFigures({ ...base, bookedBeforeExpiry: days(9) }, '2031-04-01').expired.toFixed(1)).toBe('0.0');
  });
});
