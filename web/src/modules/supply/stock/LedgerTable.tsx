import { Link } from '@tanstack/react-router';
import { listFetcher, type Schema } from '../../../api';
import { DataTable, DateText, type Column } from '../../../components';
import { Amount } from '../Amount';
import { qty, supplyKeys, useLocations } from '../queries';

type LedgerRow = Schema<'SupplyLedgerRow'>;

/** An item's stock ledger: every move with the running quantity and value (`-seq`: the latest first). */
export function LedgerTable({
  itemId,
  pageSize = 50,
  defaultSort,
}: {
  itemId: string;
  pageSize?: number;
  defaultSort?: 'seq' | '-seq';
}) {
  const { nameOfLocation } = useLocations();
  const columns: Column<LedgerRow>[] = [
    { id: 'date', header: 'Date', alwaysVisible: true, cell: (m) => <DateText value={m.date} /> },
    { id: 'kind', header: 'Move', cell: (m) => m.kind },
    { id: 'reason', header: 'Reason', cell: (m) => m.reason },
    { id: 'from', header: 'From', cell: (m) => nameOfLocation(m.fromLocationId) },
    { id: 'to', header: 'To', cell: (m) => nameOfLocation(m.toLocationId) },
    { id: 'quantity', header: 'Quantity', align: 'right', cell: (m) => qty(m.quantity) },
    { id: 'balance', header: 'Balance', align: 'right', cell: (m) => qty(m.balance) },
    { id: 'value', header: 'Value', align: 'right', cell: (m) => <Amount amount={m.value} /> },
    {
      id: 'valueBalance',
      header: 'Value balance',
      align: 'right',
      cell: (m) => <Amount amount={m.valueBalance} />,
    },
    {
      id: 'entry',
      header: 'Journal entry',
      hiddenByDefault: true,
      cell: (m) => (m.journalEntryId ? <Link to={`/finance/journal/${m.journalEntryId}`}>Entry</Link> : ''),
    },
  ];
  return (
    <DataTable
      id={`${supplyKeys.lists.ledger}-${itemId}`}
      caption="Stock ledger"
      columns={columns}
      fetchPage={listFetcher('/api/v1/supply/stock/ledger')}
      fixedFilters={{ itemId }}
      rowKey={(m) => m.id}
      pageSize={pageSize}
      {...(defaultSort ? { defaultSort } : {})}
      emptyMessage="No moves yet."
    />
  );
}
