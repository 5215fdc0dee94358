import { Link } from '@tanstack/react-router';
import { listFetcher } from '../../../api';
import { DataTable, DateText, Money, PageHeader, useAuth, type Column } from '../../../components';
import NotFoundKind from './NotFoundKind';
import { financeKeys, KINDS, StatusBadge, useParties, type DocumentKind, type DocumentSummary } from '../queries';
import { ImportUblButton } from '../einvoice/ImportUblButton';
import { useDocumentKind } from './kind';
import '../finance.css';
import { financeBackgroundExport } from '../financeExport';

export default function DocumentsPage() {
  const kind = useDocumentKind();
  if (!kind) return <NotFoundKind />;
  return <DocumentList key={kind} kind={kind} />;
}

const OTHER: Record<DocumentKind, DocumentKind> = {
  invoice: 'credit-note',
  'credit-note': 'invoice',
  bill: 'vendor-credit',
  'vendor-credit': 'bill',
};

function DocumentList({ kind }: { kind: DocumentKind }) {
  const { can } = useAuth();
  const k = KINDS[kind];
  const parties = useParties(k.side);
  const columns: Column<DocumentSummary>[] = [
    {
      id: 'number',
      header: 'Number',
      sortKey: 'number',
      alwaysVisible: true,
      cell: (d) => <Link to={`/finance/${k.path}/${d.id}`}>{d.number ?? `Draft (${d.partyName})`}</Link>,
    },
    { id: 'party', header: k.side === 'customer' ? 'Customer' : 'Vendor', cell: (d) => d.partyName },
    { id: 'date', header: 'Date', sortKey: 'date', cell: (d) => <DateText value={d.date} /> },
    { id: 'dueDate', header: 'Due', sortKey: 'dueDate', cell: (d) => <DateText value={d.dueDate} /> },
    { id: 'status', header: 'Status', cell: (d) => <StatusBadge status={d.status} overdue={d.overdue} /> },
    {
      id: 'total',
      header: 'Total',
      sortKey: 'total',
      align: 'right',
      cell: (d) => <Money amount={d.total} currency={d.currency} />,
    },
    { id: 'open', header: 'Open', align: 'right', cell: (d) => <Money amount={d.open} currency={d.currency} /> },
    { id: 'reference', header: 'Reference', hiddenByDefault: true, cell: (d) => d.reference },
    {
      id: 'tax',
      header: 'Tax',
      align: 'right',
      hiddenByDefault: true,
      cell: (d) => <Money amount={d.taxTotal} currency={d.currency} />,
    },
    {
      id: 'createdAt',
      header: 'Created',
      sortKey: 'createdAt',
      hiddenByDefault: true,
      cell: (d) => <DateText value={d.createdAt} withTime />,
    },
  ];
  const other = KINDS[OTHER[kind]];
  return (
    <>
      <PageHeader
        title={k.plural}
        description={
          <>
            {k.side === 'customer' ? 'What you invoice your customers.' : 'What your vendors bill you.'} See also{' '}
            <Link to={`/finance/${other.path}`}>{other.plural.toLowerCase()}</Link>.
          </>
        }
        actions={kind === 'bill' && can('finance:write') ? <ImportUblButton /> : undefined}
      />
      <DataTable
        id={financeKeys.lists.documents(kind)}
        caption={k.plural}
        columns={columns}
        fetchPage={listFetcher(`/api/v1/finance/${k.path}` as '/api/v1/finance/invoices')}
        rowKey={(d) => d.id}
        defaultSort="-date"
        exportPath={`/api/v1/finance/${k.path}/export.csv`}
        backgroundExport={financeBackgroundExport(k.path)}
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Number, reference, party' },
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: [
              { value: 'issued,partially-paid', label: k.credit ? 'Not fully applied' : 'Issued or partially paid' },
              ...['draft', 'issued', 'partially-paid', 'paid', 'void'].map((s) => ({
                value: s,
                label:
                  s === 'partially-paid'
                    ? k.credit
                      ? 'Partly applied'
                      : 'Partially paid'
                    : s === 'paid' && k.credit
                      ? 'Applied'
                      : s[0]!.toUpperCase() + s.slice(1),
              })),
            ],
          },
          {
            name: 'open',
            label: 'Open amount',
            type: 'select',
            options: [
              { value: 'true', label: k.credit ? 'Left to apply' : 'Open (not settled)' },
              { value: 'false', label: k.credit ? 'Nothing left' : 'Settled, draft or void' },
            ],
          },
          {
            name: 'partyId',
            label: k.side === 'customer' ? 'Customer' : 'Vendor',
            type: 'select',
            options: (parties.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
          },
          {
            name: 'overdue',
            label: 'Overdue',
            type: 'select',
            options: [
              { value: 'true', label: 'Overdue only' },
              { value: 'false', label: 'Not overdue' },
            ],
          },
          { name: 'from', label: 'From', type: 'date' },
          { name: 'to', label: 'To', type: 'date' },
        ]}
        actions={
          can('finance:write') && (
            <Link to={`/finance/${k.path}/new`} className="btn btn-primary">
              New {k.label.toLowerCase()}
            </Link>
          )
        }
      />
    </>
  );
}
