import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instalmentSchedule, nextOccurrence, occurrences, settleOldestFirst, splitProportionally } from './schedule.js';

/** Random percents (up to 4 decimals, each > 0) that sum to exactly 100. */
const percentsArb = fc
  .array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 12 })
  .map((weights) => {
    const sum = weights.reduce((s, w) => s + w, 0);
    // In ten-thousandths of a percent: 1,000,000 = 100 %; the last takes the remainder.
    let left = 1_000_000;
    const parts = weights.map((w, i) => {
      if (i === weights.length - 1) return left;
      const p = Math.max(1, Math.floor((w * 1_000_000) / sum));
      left -= p;
      return p;
    });
    return parts.filter((p) => p > 0).map((p) => new Decimal(p).div(10_000).toString());
  })
  .filter((ps) => ps.length > 0 && ps.reduce((s, p) => s.plus(p), new Decimal(0)).eq(100));

describe('instalment schedules', () => {
  it('30 % now and 70 % in 60 days, with 2 % discount within 10 days', () => {
    const schedule = instalmentSchedule(
      '1000.00',
      'EUR',
      '2026-05-01',
      [
        { percent: '30', days: 0 },
        { percent: '70', days: 60 },
      ],
      { percent: '2', days: 10 },
    );
    expect(schedule).toEqual([
      {
        seq: 1,
        dueDate: '2026-05-01',
        percent: '30',
        amount: '300.00',
        discountUntil: '2026-05-11',
        discountAmount: '6.00',
      },
      {
        seq: 2,
        dueDate: '2026-06-30',
        percent: '70',
        amount: '700.00',
        discountUntil: '2026-05-11',
        discountAmount: '14.00',
      },
    ]);
  });

  it('the last instalment takes the rounding remainder (thirds of 100.00; yen)', () => {
    const thirds = [
      { percent: '33.3333', days: 0 },
      { percent: '33.3333', days: 30 },
      { percent: '33.3334', days: 60 },
    ];
    expect(instalmentSchedule('100.00', 'EUR', '2026-01-31', thirds).map((s) => s.amount)).toEqual([
      '33.33',
      '33.33',
      '33.34',
    ]);
    expect(instalmentSchedule('100', 'JPY', '2026-01-31', thirds).map((s) => s.amount)).toEqual(['33', '33', '34']);
    expect(instalmentSchedule('0.01', 'EUR', '2026-01-31', thirds).map((s) => s.amount)).toEqual([
      '0.00',
      '0.00',
      '0.01',
    ]);
  });

  it('property: over random totals and percents, the amounts sum exactly to the total, none negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        percentsArb,
        (units, currency, percents) => {
          const scale = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
          const total = new Decimal(units).div(10 ** scale).toFixed(scale);
          const schedule = instalmentSchedule(
            total,
            currency,
            '2026-03-15',
            percents.map((percent, i) => ({ percent, days: i * 30 })),
          );
          const sum = schedule.reduce((s, i) => s.plus(i.amount), new Decimal(0));
          expect(sum.toFixed(scale)).toBe(total);
          let before = new Decimal(0);
          for (const [i, inst] of schedule.entries()) {
            expect(new Decimal(inst.amount).gte(0)).toBe(true);
            expect(inst.amount.split('.')[1]?.length ?? 0).toBe(scale);
            // Each instalment but the last is its share rounded half-up — or what is left, when
            // the roundings before it took more (tiny totals) — and the last takes the remainder.
            const share = new Decimal(total).times(percents[i]!).div(100).toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
            const left = new Decimal(total).minus(before);
            const expected = i < schedule.length - 1 ? Decimal.min(share, left) : left;
            expect(inst.amount).toBe(expected.toFixed(scale));
            before = before.plus(inst.amount);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('payments settle instalments oldest due first', () => {
    const schedule = instalmentSchedule('1000.00', 'EUR', '2026-05-01', [
      { percent: '30', days: 0 },
      { percent: '70', days: 60 },
    ]);
    const settled = settleOldestFirst(schedule, '450.00');
    expect(settled.map((s) => [s.seq, s.paid.toFixed(2), s.open.toFixed(2)])).toEqual([
      [1, '300.00', '0.00'],
      [2, '150.00', '550.00'],
    ]);
    expect(splitProportionally(new Decimal('10.00'), [new Decimal(1), new Decimal(2)], 2).map(String)).toEqual([
      '3.33',
      '6.67',
    ]);
  });
});

describe('recurring schedules', () => {
  it('monthly on the 31st: the last day of shorter months, from the start to the end date', () => {
    expect(
      occurrences(
        { frequency: 'monthly', dayOfMonth: 31, startDate: '2026-01-15', endDate: '2026-04-30' },
        '2026-12-31',
      ),
    ).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('quarterly and yearly from the start month; never before the start', () => {
    expect(
      occurrences({ frequency: 'quarterly', dayOfMonth: 1, startDate: '2026-02-10', endDate: null }, '2027-03-01'),
    ).toEqual(['2026-05-01', '2026-08-01', '2026-11-01', '2027-02-01']);
    expect(
      occurrences({ frequency: 'yearly', dayOfMonth: 5, startDate: '2026-01-01', endDate: null }, '2028-01-05'),
    ).toEqual(['2026-01-05', '2027-01-05', '2028-01-05']);
    const s = { frequency: 'monthly' as const, dayOfMonth: 10, startDate: '2026-01-01', endDate: '2026-03-31' };
    expect(nextOccurrence(s, null)).toBe('2026-01-10');
    expect(nextOccurrence(s, '2026-02-10')).toBe('2026-03-10');
    expect(nextOccurrence(s, '2026-03-10')).toBeNull();
  });
});
