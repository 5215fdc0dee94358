import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { listFetcher } from '../../../api';
import { DataTable, DateText, Dialog, PageHeader, useAuth, type Column } from '../../../components';
import { financeKeys, type Party } from '../queries';
import { PartyForm } from './PartyForm';
import { financeBackgroundExport } from '../financeExport';

const KIND_LABELS = { customer: 'Customer', vendor: 'Vendor', both: 'Customer and vendor' } as const;

const columns: Column<Party>[] = [
  {
    id: 'name',
    header: 'Name',
    sortKey: 'name',
    alwaysVisible: true,
    cell: (p) => <Link to={`/finance/parties/${p.id}`}>{p.name}</Link>,
  },
  { id: 'kind', header: 'Kind', cell: (p) => KIND_LABELS[p.kind] },
  { id: 'email', header: 'Email', cell: (p) => p.email ?? '' },
  { id: 'currency', header: 'Currency', cell: (p) => p.currency ?? <span className="muted">base</span> },
  { id: 'terms', header: 'Terms', cell: (p) => `${p.paymentTermsDays} days` },
  {
    id: 'active',
    header: 'Status',
    cell: (p) => (
      <span className={p.active ? 'badge badge-active' : 'badge badge-inactive'}>
        {p.active ? 'Active' : 'Inactive'}
      </span>
    ),
  },
  { id: 'taxId', header: 'Tax id', hiddenByDefault: true, cell: (p) => p.taxId ?? '' },
  {
    id: 'createdAt',
    header: 'Created',
    sortKey: 'createdAt',
    hiddenByDefault: true,
    cell: (p) => <DateText value={p.createdAt} />,
  },
];

export default function PartiesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title="Customers & vendors" description="Who you invoice and who bills you." />
      <DataTable
        id={financeKeys.lists.parties}
        caption="Customers and vendors"
        columns={columns}
        fetchPage={listFetcher('/api/v1/finance/parties')}
        rowKey={(p) => p.id}
        defaultSort="name"
        exportPath="/api/v1/finance/parties/export.csv"
        backgroundExport={financeBackgroundExport('parties')}
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Name, email, tax id' },
          {
            name: 'kind',
            label: 'Kind',
            type: 'select',
            options: [
              { value: 'customer', label: 'Customers' },
              { value: 'vendor', label: 'Vendors' },
            ],
          },
          {
            name: 'active',
            label: 'Status',
            type: 'select',
            options: [
              { value: 'true', label: 'Active' },
              { value: 'false', label: 'Inactive' },
            ],
          },
        ]}
        initialFilters={{ active: 'true' }}
        actions={
          can('finance:write') && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              New customer or vendor
            </button>
          )
        }
      />
      <Dialog open={creating} title="New customer or vendor" onClose={() => setCreating(false)}>
        {creating && (
          <PartyForm
            party={null}
            onCancel={() => setCreating(false)}
            onDone={(p) => {
              setCreating(false);
              void navigate({ to: `/finance/parties/${p.id}` });
            }}
          />
        )}
      </Dialog>
    </>
  );
}
