import type { Insertable } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { computePayslip, type CompensationRecord, type ComponentRecord, type ComputedLine } from './calculate.js';
import { compensationsUntil } from './compensation.repository.js';
import { componentsOverlapping } from './components.repository.js';
import { Money, fmt } from './payroll.shared.js';
import type { PayslipsTable } from './payroll.tables.js';
import * as repo from './runs.repository.js';

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * Computes the payslip of every employee employed at any point of the run's period and stores
 * them (draft) with their lines, plus the employees left out and why. Returns the run's totals.
 */
export async function calculateInto(trx: Tx, run: repo.RunRow) {
  const employees = await repo.employeesInPeriod(trx, run.period_start, run.period_end);
  const ids = employees.map((e) => e.id);
  const compensations = groupBy(await compensationsUntil(trx, ids, run.period_end), (c) => c.employee_id);
  const components = groupBy(
    await componentsOverlapping(trx, ids, run.period_start, run.period_end),
    (c) => c.employee_id,
  );
  const period = {
    periodStart: run.period_start,
    periodEnd: run.period_end,
    currency: run.currency,
    payFrequency: run.pay_frequency,
  };

  const slips: Insertable<PayslipsTable>[] = [];
  const linesByEmployee = new Map<string, ComputedLine[]>();
  const exclusions: { run_id: string; employee_id: string; reason: string; detail: string }[] = [];
  let gross = new Money(0);
  let deductions = new Money(0);
  let net = new Money(0);
  for (const e of employees) {
    const comp: CompensationRecord[] = (compensations.get(e.id) ?? []).map((c) => ({
      effectiveDate: c.effective_date,
      baseSalary: c.base_salary,
      currency: c.currency,
      payFrequency: c.pay_frequency,
    }));
    const parts: ComponentRecord[] = (components.get(e.id) ?? []).map((c) => ({
      id: c.id,
      kind: c.kind,
      name: c.name,
      amount: c.amount,
      rate: c.rate,
      startDate: c.start_date,
      endDate: c.end_date,
    }));
    const result = computePayslip(period, { startDate: e.start_date, endDate: e.end_date }, comp, parts);
    if (result.outcome === 'excluded') {
      exclusions.push({ run_id: run.id, employee_id: e.id, reason: result.reason, detail: result.detail });
      continue;
    }
    gross = gross.plus(result.gross);
    deductions = deductions.plus(result.totalDeductions);
    net = net.plus(result.net);
    linesByEmployee.set(e.id, result.lines);
    slips.push({
      run_id: run.id,
      employee_id: e.id,
      employee_number: e.employee_number,
      employee_name: `${e.first_name} ${e.last_name}`,
      period_start: run.period_start,
      period_end: run.period_end,
      pay_date: run.pay_date,
      currency: run.currency,
      paid_days: result.paidDays,
      period_days: result.periodDays,
      base_pay: result.basePay,
      total_allowances: result.totalAllowances,
      gross: result.gross,
      total_deductions: result.totalDeductions,
      net: result.net,
      flagged: result.flagged,
      flag_reason: result.flagged ? 'Deductions exceed gross pay.' : null,
      approved_at: null,
    });
  }

  const slipIds = await repo.insertPayslips(trx, slips);
  await repo.insertLines(
    trx,
    [...linesByEmployee].flatMap(([employeeId, lines]) =>
      lines.map((l, i) => ({
        payslip_id: slipIds.get(employeeId)!,
        line_no: i + 1,
        kind: l.kind,
        name: l.name,
        amount: l.amount,
        rate: l.rate,
        from_date: l.from,
        to_date: l.to,
        component_id: l.componentId,
      })),
    ),
  );
  await repo.insertExclusions(trx, exclusions);
  return {
    employees: slips.length,
    excluded: exclusions.length,
    gross: fmt(gross),
    deductions: fmt(deductions),
    net: fmt(net),
  };
}
