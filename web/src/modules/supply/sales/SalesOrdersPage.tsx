import { Link } from '@tanstack/react-router';
import { listFetcher } from '../../../api';
import { DataTable, DateText, Money, PageHeader, useAuth, type Column } from '../../../components';
import { statusBadgeClass, supplyKeys, useParties, type SalesOrder } from '../queries';
import { PartyName } from '../PartyName';

type Row = Omit<SalesOrder, 'lines' | 'deliveries'>;
const STATUSES = ['quotation', 'confirmed', 'partially-delivered', 'delivered', 'cancelled'];

export default function SalesOrdersPage() {
  const { can } = useAuth();
  const customers = useParties('customer');
  const columns: Column<Row>[] = [
    {
      id: 'number',
      header: 'Number',
      sortKey: 'number',
      alwaysVisible: true,
      cell: (o) => <Link to={`/supply/sales-orders/${o.id}`}>{o.number}</Link>,
    },
    { id: 'customer', header: 'Customer', cell: (o) => <PartyName id={o.customerId} known={customers.data ?? null} /> },
    { id: 'date', header: 'Date', sortKey: 'date', cell: (o) => <DateText value={o.date} /> },
    { id: 'validUntil', header: 'Valid until', cell: (o) => <DateText value={o.validUntil} /> },
    { id: 'status', header: 'Status', cell: (o) => <span className={statusBadgeClass(o.status)}>{o.status}</span> },
    { id: 'total', header: 'Total', align: 'right', cell: (o) => <Money amount={o.total} currency={o.currency} /> },
  ];
  return (
    <>
      <PageHeader
        title="Sales orders"
        description="Quotations and orders: confirm to reserve, deliver, then invoice the deliveries."
      />
      <DataTable
        id={supplyKeys.lists.salesOrders}
        caption="Sales orders"
        columns={columns}
        fetchPage={listFetcher('/api/v1/supply/sales-orders')}
        rowKey={(o) => o.id}
        defaultSort="-number"
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          { name: 'status', label: 'Status', type: 'select', options: STATUSES.map((s) => ({ value: s, label: s })) },
        ]}
        actions={
          can('supply:write') ? (
            <Link to="/supply/sales-orders/new" className="btn btn-primary">
              New quotation
            </Link>
          ) : undefined
        }
      />
    </>
  );
}
