import type { PayFrequency } from '../hr.tables.js';
import type { ComponentKind, PayslipLineKind } from './payroll.tables.js';
import { Money, addDays, daysInclusive, fmt, maxDate, minDate, roundPay } from './payroll.shared.js';

/**
 * The payroll arithmetic, pure (no database): README.md "How a payslip is calculated" says the same
 * in words. Base salary is ANNUAL; the period amount is annual / 12, 24, 26 or 52 by pay frequency,
 * rounded half-up to cents. Pro-rating is by calendar days: paid days / days in the run's period.
 */
export const PERIODS_PER_YEAR: Record<PayFrequency, number> = {
  monthly: 12,
  semi_monthly: 24,
  biweekly: 26,
  weekly: 52,
};

export function periodAmount(annual: string, frequency: PayFrequency, currency: string): Money {
  return roundPay(new Money(annual).div(PERIODS_PER_YEAR[frequency]), currency);
}

export interface RunPeriod {
  periodStart: string;
  periodEnd: string;
  currency: string;
  payFrequency: PayFrequency;
}

export interface Employment {
  startDate: string;
  endDate: string | null;
}

export interface CompensationRecord {
  effectiveDate: string;
  baseSalary: string;
  currency: string;
  payFrequency: PayFrequency;
}

export interface ComponentRecord {
  id: string;
  kind: ComponentKind;
  name: string;
  amount: string | null;
  rate: string | null;
  startDate: string;
  endDate: string | null;
}

export interface ComputedLine {
  kind: PayslipLineKind;
  name: string;
  amount: string;
  rate: string | null;
  from: string | null;
  to: string | null;
  componentId: string | null;
}

export type Computation =
  | {
      outcome: 'payslip';
      paidDays: number;
      periodDays: number;
      lines: ComputedLine[];
      basePay: string;
      totalAllowances: string;
      gross: string;
      totalDeductions: string;
      net: string;
      flagged: boolean;
    }
  | { outcome: 'excluded'; reason: ExclusionReason; detail: string };

export type ExclusionReason = 'no-compensation' | 'other-currency' | 'other-frequency' | 'mixed-compensation';

interface Segment {
  from: string;
  to: string;
  compensation: CompensationRecord;
}

/**
 * The compensation segments in force during the days the employee was employed in the period: the
 * record in force at the period's start, split at each change inside the period.
 */
export function segmentsOf(
  run: RunPeriod,
  employment: Employment,
  compensations: readonly CompensationRecord[],
): Segment[] {
  const from = maxDate(run.periodStart, employment.startDate);
  const to = employment.endDate ? minDate(run.periodEnd, employment.endDate) : run.periodEnd;
  const sorted = [...compensations].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const segments: Segment[] = [];
  sorted.forEach((c, i) => {
    const next = sorted[i + 1];
    const start = maxDate(c.effectiveDate, from);
    const end = next ? minDate(addDays(next.effectiveDate, -1), to) : to;
    if (start <= end) segments.push({ from: start, to: end, compensation: c });
  });
  return segments;
}

/** One employee's payslip for a run, or why the run leaves them out. */
export function computePayslip(
  run: RunPeriod,
  employment: Employment,
  compensations: readonly CompensationRecord[],
  components: readonly ComponentRecord[],
): Computation {
  const segments = segmentsOf(run, employment, compensations);
  if (segments.length === 0)
    return { outcome: 'excluded', reason: 'no-compensation', detail: 'No salary in force during the period.' };
  const currencies = new Set(segments.map((s) => s.compensation.currency));
  const frequencies = new Set(segments.map((s) => s.compensation.payFrequency));
  if (currencies.size > 1 || frequencies.size > 1)
    return {
      outcome: 'excluded',
      reason: 'mixed-compensation',
      detail: 'The salary changed currency or pay frequency during the period: pay this period off-cycle.',
    };
  const { currency, payFrequency } = segments[0]!.compensation;
  if (currency !== run.currency)
    return { outcome: 'excluded', reason: 'other-currency', detail: `Paid in ${currency}.` };
  if (payFrequency !== run.payFrequency)
    return { outcome: 'excluded', reason: 'other-frequency', detail: `Paid ${payFrequency.replace('_', '-')}.` };

  const periodDays = daysInclusive(run.periodStart, run.periodEnd);
  const lines: ComputedLine[] = [];
  let basePay = new Money(0);
  let paidDays = 0;
  for (const s of segments) {
    const days = daysInclusive(s.from, s.to);
    paidDays += days;
    const amount = roundPay(
      periodAmount(s.compensation.baseSalary, payFrequency, currency).times(days).div(periodDays),
      currency,
    );
    basePay = basePay.plus(amount);
    lines.push({
      kind: 'base',
      name: 'Base pay',
      amount: fmt(amount),
      rate: null,
      from: s.from,
      to: s.to,
      componentId: null,
    });
  }
  const paidFrom = segments[0]!.from;
  const paidTo = segments.at(-1)!.to;

  let allowances = new Money(0);
  let deductions = new Money(0);
  const ordered = [...components].sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === 'allowance' ? -1 : 1) || a.startDate.localeCompare(b.startDate),
  );
  for (const c of ordered) {
    const from = maxDate(c.startDate, paidFrom);
    const to = c.endDate ? minDate(c.endDate, paidTo) : paidTo;
    const days = daysInclusive(from, to);
    if (days === 0) continue;
    // A fixed amount is pro-rated over the period's days; a percentage applies to the base pay of
    // the days the component covers.
    const raw =
      c.amount !== null
        ? new Money(c.amount).times(days).div(periodDays)
        : basePay.times(new Money(c.rate!).div(100)).times(days).div(paidDays);
    const amount = roundPay(raw, currency);
    if (c.kind === 'allowance') allowances = allowances.plus(amount);
    else deductions = deductions.plus(amount);
    lines.push({
      kind: c.kind,
      name: c.name,
      amount: fmt(amount),
      rate: c.rate,
      from,
      to,
      componentId: c.id,
    });
  }
  const gross = basePay.plus(allowances);
  const net = gross.minus(deductions);
  return {
    outcome: 'payslip',
    paidDays,
    periodDays,
    lines,
    basePay: fmt(basePay),
    totalAllowances: fmt(allowances),
    gross: fmt(gross),
    totalDeductions: fmt(deductions),
    net: fmt(net),
    flagged: net.lt(0),
  };
}
