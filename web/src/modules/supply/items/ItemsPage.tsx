import { Link } from '@tanstack/react-router';
import { listFetcher } from '../../../api';
import { DataTable, PageHeader, useAuth, type Column } from '../../../components';
import { qty, supplyKeys, type Item } from '../queries';

export default function ItemsPage() {
  const { can } = useAuth();
  const columns: Column<Item>[] = [
    {
      id: 'sku',
      header: 'SKU',
      sortKey: 'sku',
      alwaysVisible: true,
      cell: (i) => <Link to={`/supply/items/${i.id}`}>{i.sku}</Link>,
    },
    { id: 'name', header: 'Name', sortKey: 'name', cell: (i) => i.name },
    { id: 'type', header: 'Type', cell: (i) => i.type },
    { id: 'category', header: 'Category', cell: (i) => i.category ?? '' },
    { id: 'onHand', header: 'On hand', align: 'right', cell: (i) => `${qty(i.onHand)} ${i.uom}` },
    { id: 'available', header: 'Available', align: 'right', cell: (i) => `${qty(i.available)} ${i.uom}` },
    { id: 'tracking', header: 'Tracking', hiddenByDefault: true, cell: (i) => i.tracking },
    { id: 'barcode', header: 'Barcode', hiddenByDefault: true, cell: (i) => i.barcode ?? '' },
  ];
  return (
    <>
      <PageHeader
        title="Items"
        description="The catalogue: on hand is over every warehouse; available is on hand less reserved."
      />
      <DataTable
        id={supplyKeys.lists.items}
        caption="Items"
        columns={columns}
        fetchPage={listFetcher('/api/v1/supply/items')}
        rowKey={(i) => i.id}
        defaultSort="sku"
        pageSize={25}
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          {
            name: 'type',
            label: 'Type',
            type: 'select',
            options: [
              { value: 'stocked', label: 'Stocked' },
              { value: 'service', label: 'Service' },
              { value: 'consumable', label: 'Consumable' },
            ],
          },
        ]}
        actions={
          can('supply:admin') ? (
            <Link to="/supply/items/new" className="btn btn-primary">
              New item
            </Link>
          ) : undefined
        }
      />
    </>
  );
}
