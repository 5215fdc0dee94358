import { Link } from '@tanstack/react-router';
import { listFetcher, type Schema } from '../../../api';
import { DataTable, DateText, Money, PageHeader, useAuth, type Column } from '../../../components';
import { financeKeys, postableOptions, StatusBadge, useAccounts } from '../queries';
import { financeBackgroundExport } from '../financeExport';

type Summary = Schema<'JournalEntrySummary'>;

const columns: Column<Summary>[] = [
  { id: 'date', header: 'Date', sortKey: 'date', alwaysVisible: true, cell: (e) => <DateText value={e.date} /> },
  {
    id: 'number',
    header: 'Number',
    sortKey: 'number',
    alwaysVisible: true,
    cell: (e) => <Link to={`/finance/journal/${e.id}`}>{e.number ?? 'Draft'}</Link>,
  },
  { id: 'status', header: 'Status', cell: (e) => <StatusBadge status={e.status} /> },
  { id: 'reference', header: 'Reference', cell: (e) => e.reference },
  { id: 'memo', header: 'Memo', cell: (e) => e.memo },
  { id: 'source', header: 'Source', cell: (e) => e.sourceType, hiddenByDefault: true },
  {
    id: 'total',
    header: 'Amount',
    align: 'right',
    cell: (e) => <Money amount={e.totalDebit} currency={e.currency} />,
  },
  {
    id: 'reversal',
    header: 'Reversal',
    hiddenByDefault: true,
    cell: (e) =>
      e.reversedByEntryId ? (
        <Link to={`/finance/journal/${e.reversedByEntryId}`}>reversed</Link>
      ) : e.reversesEntryId ? (
        <Link to={`/finance/journal/${e.reversesEntryId}`}>reverses</Link>
      ) : null,
  },
  {
    id: 'createdAt',
    header: 'Created',
    sortKey: 'createdAt',
    hiddenByDefault: true,
    cell: (e) => <DateText value={e.createdAt} withTime />,
  },
];

export default function JournalListPage() {
  const { can } = useAuth();
  const accounts = useAccounts();
  return (
    <>
      <PageHeader
        title="Journal entries"
        description="Manual entries and those posted by invoices, bills and payments."
      />
      <DataTable
        id={financeKeys.lists.entries}
        caption="Journal entries"
        columns={columns}
        fetchPage={listFetcher('/api/v1/finance/journal-entries')}
        rowKey={(e) => e.id}
        defaultSort="-date"
        exportPath="/api/v1/finance/journal-entries/export.csv"
        backgroundExport={financeBackgroundExport('journal-entries')}
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Number, reference, memo' },
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: [
              { value: 'draft', label: 'Draft' },
              { value: 'posted', label: 'Posted' },
            ],
          },
          { name: 'from', label: 'From', type: 'date' },
          { name: 'to', label: 'To', type: 'date' },
          { name: 'accountId', label: 'Account', type: 'select', options: postableOptions(accounts.data?.items) },
        ]}
        actions={
          can('finance:write') && (
            <Link to="/finance/journal/new" className="btn btn-primary">
              New entry
            </Link>
          )
        }
      />
    </>
  );
}
