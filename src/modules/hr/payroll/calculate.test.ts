import { describe, expect, it } from 'vitest';
import { computePayslip, periodAmount, type CompensationRecord, type ComponentRecord } from './calculate.js';

const november = {
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  currency: 'USD',
  payFrequency: 'monthly' as const,
};
const salary = (baseSalary: string, effectiveDate = '2020-01-01', extra: Partial<CompensationRecord> = {}) => ({
  effectiveDate,
  baseSalary,
  currency: 'USD',
  payFrequency: 'monthly' as const,
  ...extra,
});
const component = (c: Partial<ComponentRecord> & Pick<ComponentRecord, 'kind'>): ComponentRecord => ({
  id: `c-${c.name ?? 'x'}`,
  name: 'x',
  amount: null,
  rate: null,
  startDate: '2020-01-01',
  endDate: null,
  ...c,
});
const slip = (...args: Parameters<typeof computePayslip>) => {
  const r = computePayslip(...args);
  if (r.outcome !== 'payslip') throw new Error(`excluded: ${r.reason}`);
  return r;
};

describe('period amounts (annual base salary)', () => {
  it('divides by 12, 24, 26 or 52 and rounds half-up to cents', () => {
    expect(periodAmount('60000.00', 'monthly', 'USD').toFixed(2)).toBe('5000.00');
    expect(periodAmount('60000.00', 'semi_monthly', 'USD').toFixed(2)).toBe('2500.00');
    expect(periodAmount('52000.00', 'biweekly', 'USD').toFixed(2)).toBe('2000.00');
    expect(periodAmount('52000.00', 'weekly', 'USD').toFixed(2)).toBe('1000.00');
    expect(periodAmount('50000.00', 'monthly', 'USD').toFixed(2)).toBe('4166.67');
    expect(periodAmount('100.06', 'monthly', 'USD').toFixed(2)).toBe('8.34'); // 8.3383… → 8.34
    expect(periodAmount('0.30', 'monthly', 'USD').toFixed(2)).toBe('0.03'); // 0.025 → 0.03 (half-up)
    expect(periodAmount('1000000', 'monthly', 'JPY').toFixed(2)).toBe('83333.00');
  });
});

describe('computePayslip', () => {
  it('pays a full month at annual / 12', () => {
    const r = slip(november, { startDate: '2020-01-01', endDate: null }, [salary('60000.00')], []);
    expect(r).toMatchObject({ basePay: '5000.00', gross: '5000.00', net: '5000.00', paidDays: 30, periodDays: 30 });
  });

  it('pro-rates a joiner on the 16th of a 30-day month to half, by calendar days', () => {
    const r = slip(november, { startDate: '2026-11-16', endDate: null }, [salary('60000.00', '2026-11-16')], []);
    expect(r).toMatchObject({ basePay: '2500.00', paidDays: 15 });
  });

  it('pro-rates a leaver and rounds half-up', () => {
    const r = slip(november, { startDate: '2020-01-01', endDate: '2026-11-10' }, [salary('60000.00')], []);
    expect(r).toMatchObject({ basePay: '1666.67', paidDays: 10 }); // 5000 × 10/30 = 1666.666…
  });

  it('splits the month at a salary change', () => {
    const r = slip(
      november,
      { startDate: '2020-01-01', endDate: null },
      [salary('60000.00'), salary('72000.00', '2026-11-16')],
      [],
    );
    expect(r.lines.map((l) => [l.amount, l.from, l.to])).toEqual([
      ['2500.00', '2026-11-01', '2026-11-15'],
      ['3000.00', '2026-11-16', '2026-11-30'],
    ]);
    expect(r.basePay).toBe('5500.00');
  });

  it('adds allowances to gross and takes deductions (fixed or a percentage of base pay) from net', () => {
    const r = slip(
      november,
      { startDate: '2020-01-01', endDate: null },
      [salary('60000.00')],
      [
        component({ kind: 'allowance', name: 'Transport', amount: '300.00' }),
        component({ kind: 'deduction', name: 'Income tax', rate: '20' }),
        component({ kind: 'deduction', name: 'Pension', rate: '7.5' }),
        component({ kind: 'deduction', name: 'Union', amount: '12.34' }),
      ],
    );
    expect(r).toMatchObject({
      basePay: '5000.00',
      totalAllowances: '300.00',
      gross: '5300.00',
      totalDeductions: '1387.34', // 1000 + 375 + 12.34
      net: '3912.66',
      flagged: false,
    });
    expect(r.lines.map((l) => `${l.kind}:${l.name}:${l.amount}`)).toEqual([
      'base:Base pay:5000.00',
      'allowance:Transport:300.00',
      'deduction:Income tax:1000.00',
      'deduction:Pension:375.00',
      'deduction:Union:12.34',
    ]);
  });

  it('pro-rates components: fixed amounts by the period days they cover, rates on the base pay', () => {
    const r = slip(
      november,
      { startDate: '2026-11-16', endDate: null },
      [salary('60000.00', '2026-01-01')],
      [
        component({ kind: 'allowance', name: 'Phone', amount: '100.00' }),
        component({ kind: 'deduction', name: 'Tax', rate: '10' }),
        component({ kind: 'allowance', name: 'Ended', amount: '999.00', endDate: '2026-11-15' }),
      ],
    );
    expect(r).toMatchObject({
      basePay: '2500.00',
      totalAllowances: '50.00',
      totalDeductions: '250.00',
      net: '2300.00',
    });
    expect(r.lines.some((l) => l.name === 'Ended')).toBe(false);
  });

  it('flags a negative net', () => {
    const r = slip(
      november,
      { startDate: '2020-01-01', endDate: null },
      [salary('12000.00')],
      [component({ kind: 'deduction', name: 'Loan', amount: '1500.00' })],
    );
    expect(r).toMatchObject({ gross: '1000.00', net: '-500.00', flagged: true });
  });

  it('leaves out employees without salary, in another currency or another pay frequency', () => {
    const employed = { startDate: '2020-01-01', endDate: null };
    expect(computePayslip(november, employed, [], [])).toMatchObject({
      outcome: 'excluded',
      reason: 'no-compensation',
    });
    expect(computePayslip(november, employed, [salary('1', '2026-12-01')], [])).toMatchObject({
      reason: 'no-compensation',
    });
    expect(computePayslip(november, employed, [salary('1', '2020-01-01', { currency: 'EUR' })], [])).toMatchObject({
      reason: 'other-currency',
      detail: 'Paid in EUR.',
    });
    expect(
      computePayslip(november, employed, [salary('1', '2020-01-01', { payFrequency: 'weekly' })], []),
    ).toMatchObject({
      reason: 'other-frequency',
    });
    expect(
      computePayslip(november, employed, [salary('1'), salary('1', '2026-11-10', { currency: 'EUR' })], []),
    ).toMatchObject({ reason: 'mixed-compensation' });
  });
});
