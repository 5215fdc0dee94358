import { Link } from '@tanstack/react-router';
import { listFetcher } from '../../../api';
import { DataTable, Money, type Column } from '../../../components';
import type { PayrollRun, PayslipSummary } from '../queries';

const payslipColumns: Column<PayslipSummary>[] = [
  {
    id: 'employee',
    header: 'Employee',
    sortKey: 'employeeName',
    alwaysVisible: true,
    cell: (p) => <Link to={`/hr/payslips/${p.id}`}>{p.employeeName}</Link>,
  },
  { id: 'number', header: 'No.', sortKey: 'employeeNumber', cell: (p) => p.employeeNumber },
  { id: 'days', header: 'Paid days', align: 'right', cell: (p) => `${p.paidDays}/${p.periodDays}` },
  { id: 'base', header: 'Base pay', align: 'right', cell: (p) => <Money amount={p.basePay} currency={p.currency} /> },
  {
    id: 'allow',
    header: 'Allowances',
    align: 'right',
    hiddenByDefault: true,
    cell: (p) => <Money amount={p.totalAllowances} currency={p.currency} />,
  },
  { id: 'gross', header: 'Gross', align: 'right', cell: (p) => <Money amount={p.gross} currency={p.currency} /> },
  {
    id: 'ded',
    header: 'Deductions',
    align: 'right',
    cell: (p) => <Money amount={p.totalDeductions} currency={p.currency} />,
  },
  { id: 'net', header: 'Net', align: 'right', cell: (p) => <Money amount={p.net} currency={p.currency} /> },
  {
    id: 'flag',
    header: 'Check',
    cell: (p) =>
      p.flagged ? (
        <span className="badge badge-inactive" title={p.flagReason ?? undefined}>
          ⚠ {p.flagReason ?? 'Negative net'}
        </span>
      ) : (
        <span className="muted">OK</span>
      ),
  },
];

/** The run's payslips (search, CSV export); flagged ones show why. */
export function RunPayslips({ run }: { run: PayrollRun }) {
  return (
    <section className="card" aria-labelledby="rslips-h">
      <h2 id="rslips-h">Payslips</h2>
      <DataTable
        id={`hr-run-payslips-${run.id}`}
        caption="Payslips of the run"
        columns={payslipColumns}
        fetchPage={listFetcher('/api/v1/hr/payroll/runs/{id}/payslips', { id: run.id })}
        rowKey={(p) => p.id}
        defaultSort="employeeNumber"
        filters={[{ name: 'q', label: 'Search', type: 'search', placeholder: 'Name or number' }]}
        exportPath={`/api/v1/hr/payroll/runs/${run.id}/payslips`}
        exportParams={{ format: 'csv' }}
        emptyMessage={run.status === 'draft' ? 'Calculate the run to make its payslips.' : 'No payslips.'}
      />
    </section>
  );
}
