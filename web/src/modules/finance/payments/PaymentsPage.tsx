import { Link } from '@tanstack/react-router';
import { listFetcher, type Schema } from '../../../api';
import { DataTable, DateText, Money, PageHeader, useAuth, type Column } from '../../../components';
import { financeKeys, StatusBadge } from '../queries';
import '../finance.css';
import { financeBackgroundExport } from '../financeExport';

type PaymentSummary = Schema<'PaymentSummary'>;

const columns: Column<PaymentSummary>[] = [
  {
    id: 'number',
    header: 'Number',
    sortKey: 'number',
    alwaysVisible: true,
    cell: (p) => <Link to={`/finance/payments/${p.id}`}>{p.number}</Link>,
  },
  { id: 'date', header: 'Date', sortKey: 'date', cell: (p) => <DateText value={p.date} /> },
  {
    id: 'direction',
    header: 'Direction',
    cell: (p) => `${p.direction === 'received' ? 'Received' : 'Made'}${p.kind === 'refund' ? ' (refund)' : ''}`,
  },
  { id: 'party', header: 'Party', cell: (p) => <Link to={`/finance/parties/${p.partyId}`}>{p.partyName}</Link> },
  { id: 'status', header: 'Status', cell: (p) => <StatusBadge status={p.status} /> },
  {
    id: 'amount',
    header: 'Amount',
    sortKey: 'amount',
    align: 'right',
    cell: (p) => <Money amount={p.amount} currency={p.currency} />,
  },
  {
    id: 'unallocated',
    header: 'Unallocated',
    align: 'right',
    cell: (p) => <Money amount={p.unallocated} currency={p.currency} />,
  },
  { id: 'reference', header: 'Reference', hiddenByDefault: true, cell: (p) => p.reference },
  {
    id: 'createdAt',
    header: 'Recorded',
    sortKey: 'createdAt',
    hiddenByDefault: true,
    cell: (p) => <DateText value={p.createdAt} withTime />,
  },
];

export default function PaymentsPage() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader title="Payments" description="Money received from customers and paid to vendors." />
      <DataTable
        id={financeKeys.lists.payments}
        caption="Payments"
        columns={columns}
        fetchPage={listFetcher('/api/v1/finance/payments')}
        rowKey={(p) => p.id}
        defaultSort="-date"
        exportPath="/api/v1/finance/payments/export.csv"
        backgroundExport={financeBackgroundExport('payments')}
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Number, reference, party' },
          {
            name: 'direction',
            label: 'Direction',
            type: 'select',
            options: [
              { value: 'received', label: 'Received' },
              { value: 'made', label: 'Made' },
            ],
          },
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: [
              { value: 'posted', label: 'Posted' },
              { value: 'void', label: 'Void' },
            ],
          },
          {
            name: 'unallocated',
            label: 'Allocation',
            type: 'select',
            placeholder: 'All',
            options: [{ value: 'true', label: 'With something unallocated' }],
          },
          { name: 'from', label: 'From', type: 'date' },
          { name: 'to', label: 'To', type: 'date' },
        ]}
        actions={
          can('finance:approve') && (
            <Link to="/finance/payments/new" className="btn btn-primary">
              Record payment
            </Link>
          )
        }
      />
    </>
  );
}
