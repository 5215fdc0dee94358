import { Link } from '@tanstack/react-router';
import { listFetcher, type Schema } from '../../../api';
import { DataTable, DateText, PageHeader, useAuth, type Column } from '../../../components';
import { PartyName } from '../PartyName';
import { supplyKeys } from '../queries';
import { KIND_LABEL } from './PriceListForm';

type Row = Schema<'SupplyPriceListPage'>['items'][number];

export default function PriceListsPage() {
  const { can } = useAuth();
  const columns: Column<Row>[] = [
    {
      id: 'name',
      header: 'Name',
      sortKey: 'name',
      alwaysVisible: true,
      cell: (l) => <Link to={`/supply/price-lists/${l.id}`}>{l.name}</Link>,
    },
    { id: 'kind', header: 'Kind', cell: (l) => KIND_LABEL[l.kind] },
    { id: 'currency', header: 'Currency', cell: (l) => l.currency },
    { id: 'party', header: 'For', cell: (l) => (l.partyId ? <PartyName id={l.partyId} /> : 'Everyone') },
    {
      id: 'active',
      header: 'Status',
      cell: (l) => (
        <span className={l.active ? 'badge badge-active' : 'badge badge-inactive'}>
          {l.active ? 'active' : 'inactive'}
        </span>
      ),
    },
    {
      id: 'createdAt',
      header: 'Created',
      sortKey: 'createdAt',
      hiddenByDefault: true,
      cell: (l) => <DateText value={l.createdAt} />,
    },
  ];
  return (
    <>
      <PageHeader
        title="Price lists"
        description="Sales and supplier prices per currency, with quantity breaks. Orders take their prices from them."
      />
      <DataTable
        id={supplyKeys.lists.priceLists}
        caption="Price lists"
        columns={columns}
        fetchPage={listFetcher('/api/v1/supply/price-lists')}
        rowKey={(l) => l.id}
        defaultSort="name"
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          {
            name: 'kind',
            label: 'Kind',
            type: 'select',
            options: [
              { value: 'sales', label: KIND_LABEL.sales },
              { value: 'purchase', label: KIND_LABEL.purchase },
            ],
          },
        ]}
        actions={
          can('supply:admin') ? (
            <Link to="/supply/price-lists/new" className="btn btn-primary">
              New price list
            </Link>
          ) : undefined
        }
      />
    </>
  );
}
