import { describe, expect, it } from 'vitest';
import { Money } from '../../../platform/money/money.js';
import { addMonths, depreciationSchedule, monthEnd } from './schedule.js';

const base = { residualValue: '0', inServiceDate: '2026-11-15', decimals: 2 } as const;
const total = (months: { amount: string }[]) => months.reduce((s, m) => s.plus(m.amount), new Money(0)).toFixed(2);

describe('depreciation schedule', () => {
  it('straight line: rounded months, the last takes the remainder', () => {
    const s = depreciationSchedule({ ...base, cost: '1000.00', usefulLifeMonths: 3, method: 'straight-line' });
    expect(s.map((m) => [m.period, m.date, m.amount, m.accumulated, m.bookValue])).toEqual([
      ['2026-11', '2026-11-30', '333.33', '333.33', '666.67'],
      ['2026-12', '2026-12-31', '333.33', '666.66', '333.34'],
      ['2027-01', '2027-01-31', '333.34', '1000.00', '0.00'],
    ]);
    // 11,000.00 over 7 months: 1,571.43 × 6 = 9,428.58; the last is 11,000.00 − 9,428.58 = 1,571.42.
    const t = depreciationSchedule({
      ...base,
      cost: '12000.00',
      residualValue: '1000.00',
      usefulLifeMonths: 7,
      method: 'straight-line',
    });
    expect(t.map((m) => m.amount)).toEqual([...Array<string>(6).fill('1571.43'), '1571.42']);
    expect(t.at(-1)!.bookValue).toBe('1000.00');
    expect(total(t)).toBe('11000.00');
  });

  it('straight line never goes negative when rounding up overshoots', () => {
    const s = depreciationSchedule({ ...base, cost: '0.05', usefulLifeMonths: 10, method: 'straight-line' });
    expect(s.map((m) => m.amount)).toEqual(['0.01', '0.01', '0.01', '0.01', '0.01', ...Array<string>(5).fill('0.00')]);
    expect(total(s)).toBe('0.05');
  });

  it('declining balance switches to straight line when that is larger (hand calculation)', () => {
    // 1,200.00, residual 200.00, 6 months, 240 % a year = 20 % a month:
    // 1: 20 % of 1,200.00 = 240.00 (SL 1,000.00 / 6 = 166.67)       → 960.00
    // 2: 20 % of 960.00 = 192.00 (SL 760.00 / 5 = 152.00)           → 768.00
    // 3: 20 % of 768.00 = 153.60 (SL 568.00 / 4 = 142.00)           → 614.40
    // 4: 20 % of 614.40 = 122.88 < SL 414.40 / 3 = 138.13: switch    → 476.27
    // 5: 20 % of 476.27 = 95.25 < SL 276.27 / 2 = 138.14 (half-up)   → 338.13
    // 6: the remainder down to the residual: 138.13                  → 200.00
    const s = depreciationSchedule({
      ...base,
      cost: '1200.00',
      residualValue: '200.00',
      usefulLifeMonths: 6,
      method: 'declining-balance',
      rate: '2.4',
    });
    expect(s.map((m) => m.amount)).toEqual(['240.00', '192.00', '153.60', '138.13', '138.14', '138.13']);
    expect(s.map((m) => m.bookValue)).toEqual(['960.00', '768.00', '614.40', '476.27', '338.13', '200.00']);
    expect(total(s)).toBe('1000.00');
  });

  it('declining balance never takes the book value below the residual', () => {
    const s = depreciationSchedule({
      ...base,
      cost: '1200.00',
      residualValue: '200.00',
      usefulLifeMonths: 4,
      method: 'declining-balance',
      rate: '24',
    });
    expect(s.map((m) => m.amount)).toEqual(['1000.00', '0.00', '0.00', '0.00']);
    expect(s.every((m) => new Money(m.bookValue).gte(200))).toBe(true);
  });

  it('rounds to the currency (JPY has no decimals)', () => {
    const s = depreciationSchedule({
      ...base,
      decimals: 0,
      cost: '1000',
      usefulLifeMonths: 3,
      method: 'straight-line',
    });
    expect(s.map((m) => m.amount)).toEqual(['333', '333', '334']);
  });

  it('month arithmetic', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
  });
});

describe('an asset brought in part-depreciated', () => {
  it('straight line continues over the rest of the life from cost − opening (hand calculation)', () => {
    // 12,000.00 over 60 months from 2024-01; 5,000.00 depreciated through 2025-12 (24 months) elsewhere.
    // Left: 7,000.00 over 36 months = 194.444… → 194.44; 35 × 194.44 = 6,805.40, the last 194.60.
    const s = depreciationSchedule({
      ...base,
      inServiceDate: '2024-01-15',
      cost: '12000.00',
      usefulLifeMonths: 60,
      method: 'straight-line',
      openingAccumulated: '5000.00',
      depreciatedThrough: '2025-12',
    });
    expect(s).toHaveLength(36);
    expect(s[0]).toMatchObject({
      seq: 25,
      period: '2026-01',
      amount: '194.44',
      accumulated: '5194.44',
      bookValue: '6805.56',
    });
    expect(s.at(-1)).toMatchObject({
      seq: 60,
      period: '2028-12',
      amount: '194.60',
      accumulated: '12000.00',
      bookValue: '0.00',
    });
    expect(total(s)).toBe('7000.00');
  });

  it('declining balance continues from the book value cost − opening (hand calculation)', () => {
    // 1,200.00, residual 200.00, 6 months from 2026-01, 20 % a month; 432.00 = 240.00 + 192.00 through
    // 2026-02: the same months 3–6 as the schedule from the start (153.60, 138.13, 138.14, 138.13).
    const common = {
      ...base,
      inServiceDate: '2026-01-01',
      cost: '1200.00',
      residualValue: '200.00',
      usefulLifeMonths: 6,
      method: 'declining-balance' as const,
      rate: '2.4',
      depreciatedThrough: '2026-02',
    };
    const same = depreciationSchedule({ ...common, openingAccumulated: '432.00' });
    expect(same.map((m) => [m.period, m.amount])).toEqual([
      ['2026-03', '153.60'],
      ['2026-04', '138.13'],
      ['2026-05', '138.14'],
      ['2026-06', '138.13'],
    ]);
    // 500.00 before: book 700.00. 3: 20 % = 140.00 (SL 500.00 / 4 = 125.00) → 560.00; 4: 112.00 < SL
    // 360.00 / 3 = 120.00 → 440.00; 5: 88.00 < 240.00 / 2 = 120.00 → 320.00; 6: the rest, 120.00 → 200.00.
    const other = depreciationSchedule({ ...common, openingAccumulated: '500.00' });
    expect(other.map((m) => [m.amount, m.bookValue])).toEqual([
      ['140.00', '560.00'],
      ['120.00', '440.00'],
      ['120.00', '320.00'],
      ['120.00', '200.00'],
    ]);
    expect(other.at(-1)!.accumulated).toBe('1000.00');
  });

  it('depreciated through the end of the life leaves nothing to post', () => {
    const s = depreciationSchedule({
      ...base,
      cost: '100.00',
      usefulLifeMonths: 2,
      method: 'straight-line',
      openingAccumulated: '100.00',
      depreciatedThrough: '2026-12',
    });
    expect(s).toEqual([]);
  });
});
