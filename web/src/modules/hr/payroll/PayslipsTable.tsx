import { Link } from '@tanstack/react-router';
import { listFetcher } from '../../../api';
import { DataTable, DateText, Money, type Column } from '../../../components';
import { statusBadge, type PayslipSummary } from '../queries';

const payslipColumns: Column<PayslipSummary>[] = [
  {
    id: 'period',
    header: 'Period',
    sortKey: 'periodStart',
    alwaysVisible: true,
    cell: (p) => (
      <Link to={`/hr/payslips/${p.id}`}>
        <DateText value={p.periodStart} /> – <DateText value={p.periodEnd} />
      </Link>
    ),
  },
  { id: 'payDate', header: 'Pay day', cell: (p) => <DateText value={p.payDate} /> },
  { id: 'gross', header: 'Gross', align: 'right', cell: (p) => <Money amount={p.gross} currency={p.currency} /> },
  { id: 'net', header: 'Net', align: 'right', cell: (p) => <Money amount={p.net} currency={p.currency} /> },
  { id: 'status', header: 'Status', cell: (p) => <span className={statusBadge(p.status)}>{p.status}</span> },
];

export function Payslips({ employeeId, title = 'Payslips' }: { employeeId: string; title?: string }) {
  return (
    <section className="card" aria-labelledby="slips-h">
      <h2 id="slips-h">{title}</h2>
      <DataTable
        id={`hr-payslips-${employeeId}`}
        caption={title}
        columns={payslipColumns}
        fetchPage={listFetcher('/api/v1/hr/employees/{id}/payslips', { id: employeeId })}
        rowKey={(p) => p.id}
        pageSize={12}
        exportPath={`/api/v1/hr/employees/${employeeId}/payslips`}
        exportParams={{ format: 'csv' }}
        emptyMessage="No payslips yet."
      />
    </section>
  );
}
