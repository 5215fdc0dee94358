import { Link } from '@tanstack/react-router';
import { listFetcher } from '../../api';
import { DataTable, formatDateTime, type Column } from '../../components';
import { STATUS_OPTIONS, useFlowNames, type Execution } from './api';
import { StatusBadge } from './ui';

const columns = (withFlow: boolean, names: Map<string, string> | undefined): Column<Execution>[] => [
  {
    id: 'createdAt',
    header: 'Started',
    sortKey: 'createdAt',
    alwaysVisible: true,
    cell: (r) => <Link to={`/automation/runs/${r.id}`}>{formatDateTime(r.createdAt)}</Link>,
  },
  { id: 'status', header: 'Status', cell: (r) => <StatusBadge status={r.status} /> },
  ...(withFlow
    ? [
        {
          id: 'flow',
          header: 'Flow',
          cell: (r: Execution) => (
            <Link to={`/automation/flows/${r.flowId}`}>{names?.get(r.flowId) ?? `Flow ${r.flowId.slice(0, 8)}`}</Link>
          ),
        },
      ]
    : []),
  { id: 'version', header: 'Version', align: 'right', cell: (r) => `v${r.version}` },
  { id: 'nextStep', header: 'At step', cell: (r) => r.nextStep ?? '—' },
  { id: 'finishedAt', header: 'Finished', cell: (r) => (r.finishedAt ? formatDateTime(r.finishedAt) : '—') },
  { id: 'error', header: 'Error', cell: (r) => r.error ?? '' },
];

/** Run history, newest first, a cursor page at a time, filtered by status (and one flow's when `flowId`). */
export function RunsTable({ id, flowId }: { id: string; flowId?: string }) {
  const names = useFlowNames();
  return (
    <DataTable
      id={id}
      caption={flowId ? 'Runs of this flow' : 'Runs'}
      columns={columns(!flowId, names.data)}
      fetchPage={listFetcher('/api/v1/automation/executions')}
      rowKey={(r) => r.id}
      defaultSort="-createdAt"
      {...(flowId ? { fixedFilters: { flowId } } : {})}
      filters={[{ name: 'status', label: 'Status', type: 'select', options: STATUS_OPTIONS }]}
      emptyMessage="No runs."
    />
  );
}
