import { Link } from '@tanstack/react-router';
import { listFetcher, type Schema } from '../../../api';
import { DataTable, DateText, PageHeader, useAuth, type Column } from '../../../components';
import { nameOf, statusBadgeClass, supplyKeys, toOptions, useLocations } from '../queries';

type Row = Schema<'SupplyCountSummary'>;

export default function CountsPage() {
  const { can } = useAuth();
  const { warehouses, options: locationOptions } = useLocations();
  const columns: Column<Row>[] = [
    {
      id: 'number',
      header: 'Number',
      sortKey: 'number',
      alwaysVisible: true,
      cell: (c) => <Link to={`/supply/counts/${c.id}`}>{c.number}</Link>,
    },
    { id: 'warehouse', header: 'Warehouse', cell: (c) => nameOf(warehouses.data, c.warehouseId) },
    { id: 'date', header: 'Date', sortKey: 'date', cell: (c) => <DateText value={c.date} /> },
    { id: 'reason', header: 'Reason', cell: (c) => c.reason },
    { id: 'lines', header: 'Lines', align: 'right', cell: (c) => c.lineCount },
    {
      id: 'status',
      header: 'Status',
      cell: (c) => <span className={statusBadgeClass(c.status === 'posted' ? 'received' : c.status)}>{c.status}</span>,
    },
  ];
  return (
    <>
      <PageHeader
        title="Counts"
        description="Cycle counts: what was counted against what the ledger says; posting adjusts the stock and its value."
      />
      <DataTable
        id={supplyKeys.lists.counts}
        caption="Counts"
        columns={columns}
        fetchPage={listFetcher('/api/v1/supply/counts')}
        rowKey={(c) => c.id}
        defaultSort="-number"
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Number or reason' },
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: [
              { value: 'open', label: 'open' },
              { value: 'posted', label: 'posted' },
            ],
          },
          { name: 'warehouseId', label: 'Warehouse', type: 'select', options: toOptions(warehouses.data) },
          { name: 'locationId', label: 'Location', type: 'select', options: locationOptions },
        ]}
        actions={
          can('supply:write') ? (
            <Link to="/supply/counts/new" className="btn btn-primary">
              New count
            </Link>
          ) : undefined
        }
      />
    </>
  );
}
