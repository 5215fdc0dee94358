import { Link } from '@tanstack/react-router';
import { listFetcher } from '../../../api';
import { DataTable, DateText, Money, PageHeader, useAuth, type Column } from '../../../components';
import { statusBadgeClass, supplyKeys, useParties, type PurchaseOrder } from '../queries';
import { PartyName } from '../PartyName';

type Row = Omit<PurchaseOrder, 'lines'>;
const STATUSES = ['draft', 'ordered', 'partially-received', 'received', 'cancelled'];

export default function PurchaseOrdersPage() {
  const { can } = useAuth();
  const vendors = useParties('vendor');
  const columns: Column<Row>[] = [
    {
      id: 'number',
      header: 'Number',
      sortKey: 'number',
      alwaysVisible: true,
      cell: (o) => <Link to={`/supply/purchase-orders/${o.id}`}>{o.number}</Link>,
    },
    { id: 'supplier', header: 'Supplier', cell: (o) => <PartyName id={o.supplierId} known={vendors.data ?? null} /> },
    { id: 'orderDate', header: 'Date', sortKey: 'orderDate', cell: (o) => <DateText value={o.orderDate} /> },
    { id: 'expected', header: 'Expected', cell: (o) => <DateText value={o.expectedDate} /> },
    { id: 'status', header: 'Status', cell: (o) => <span className={statusBadgeClass(o.status)}>{o.status}</span> },
    { id: 'total', header: 'Total', align: 'right', cell: (o) => <Money amount={o.total} currency={o.currency} /> },
  ];
  return (
    <>
      <PageHeader
        title="Purchase orders"
        description="Order from suppliers, receive the goods and bill the receipts."
      />
      <DataTable
        id={supplyKeys.lists.purchaseOrders}
        caption="Purchase orders"
        columns={columns}
        fetchPage={listFetcher('/api/v1/supply/purchase-orders')}
        rowKey={(o) => o.id}
        defaultSort="-number"
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          { name: 'status', label: 'Status', type: 'select', options: STATUSES.map((s) => ({ value: s, label: s })) },
        ]}
        actions={
          can('supply:write') ? (
            <Link to="/supply/purchase-orders/new" className="btn btn-primary">
              New purchase order
            </Link>
          ) : undefined
        }
      />
    </>
  );
}
