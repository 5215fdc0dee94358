import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { listFetcher, type Schema } from '../../../api';
import {
  DataTable,
  DateText,
  Dialog,
  listQueryKey,
  Money,
  PageHeader,
  useAuth,
  type Column,
} from '../../../components';
import { KINDS, StatusBadge } from '../queries';
import { OpeningBalanceForm } from './OpeningBalanceForm';
import '../finance.css';

type Row = Schema<'DocumentSummary'>;
const LIST_ID = 'finance-opening-balances';

const columns: Column<Row>[] = [
  {
    id: 'number',
    header: 'Number',
    sortKey: 'number',
    alwaysVisible: true,
    cell: (d) => <Link to={`/finance/${KINDS[d.kind].path}/${d.id}`}>{d.number}</Link>,
  },
  { id: 'kind', header: 'Kind', cell: (d) => KINDS[d.kind].label },
  { id: 'party', header: 'Party', cell: (d) => <Link to={`/finance/parties/${d.partyId}`}>{d.partyName}</Link> },
  { id: 'date', header: 'Date', sortKey: 'date', cell: (d) => <DateText value={d.date} /> },
  { id: 'due', header: 'Due', cell: (d) => <DateText value={d.dueDate} /> },
  { id: 'total', header: 'Amount', align: 'right', cell: (d) => <Money amount={d.total} currency={d.currency} /> },
  { id: 'open', header: 'Open', align: 'right', cell: (d) => <Money amount={d.open} currency={d.currency} /> },
  { id: 'status', header: 'Status', cell: (d) => <StatusBadge status={d.status} overdue={d.overdue} /> },
  { id: 'reference', header: 'Reference', hiddenByDefault: true, cell: (d) => d.reference },
];

/** Opening balances: each customer's and vendor's open items when the company moved in. */
export default function OpeningBalancesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Opening balances"
        description="Open invoices, bills and credits brought in when the books started: the aging starts from them."
        actions={can('finance:approve') && <Link to="/finance/imports">Import from CSV</Link>}
      />
      <DataTable
        id={LIST_ID}
        caption="Opening balances"
        columns={columns}
        fetchPage={listFetcher('/api/v1/finance/opening-balances')}
        rowKey={(d) => d.id}
        defaultSort="-date"
        filters={[
          {
            name: 'side',
            label: 'Side',
            type: 'select',
            options: [
              { value: 'customer', label: 'Customers' },
              { value: 'vendor', label: 'Vendors' },
            ],
          },
        ]}
        actions={
          can('finance:approve') && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              New opening balance
            </button>
          )
        }
      />
      <Dialog open={creating} title="New opening balance" onClose={() => setCreating(false)}>
        {creating && (
          <OpeningBalanceForm
            onCancel={() => setCreating(false)}
            onDone={async (doc) => {
              setCreating(false);
              await queryClient.invalidateQueries({ queryKey: listQueryKey(LIST_ID) });
              await queryClient.invalidateQueries({ queryKey: ['finance', 'report'] });
              void navigate({ to: `/finance/${KINDS[doc.kind].path}/${doc.id}` });
            }}
          />
        )}
      </Dialog>
    </>
  );
}
