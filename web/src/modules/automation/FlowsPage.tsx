import { Link } from '@tanstack/react-router';
import { listFetcher } from '../../api';
import { DataTable, PageHeader, formatDateTime, useAuth, type Column } from '../../components';
import type { Flow } from './api';
import { definitionOf, describeTrigger } from './model';
import { LastRun } from './ui';
import './automation.css';

const columns: Column<Flow>[] = [
  {
    id: 'name',
    header: 'Flow',
    sortKey: 'name',
    alwaysVisible: true,
    cell: (f) => <Link to={`/automation/flows/${f.id}`}>{f.name}</Link>,
  },
  {
    id: 'status',
    header: 'Status',
    cell: (f) =>
      f.publishedVersion === null ? (
        <span className="badge">Draft</span>
      ) : f.enabled ? (
        <span className="badge badge-active">Enabled</span>
      ) : (
        <span className="badge badge-inactive">Disabled</span>
      ),
  },
  { id: 'trigger', header: 'Trigger', cell: (f) => describeTrigger(definitionOf(f.draft).trigger) },
  {
    id: 'published',
    header: 'Published version',
    align: 'right',
    cell: (f) => (f.publishedVersion === null ? '—' : `v${f.publishedVersion}`),
  },
  { id: 'lastRun', header: 'Last run', cell: (f) => <LastRun flowId={f.id} /> },
  {
    id: 'updatedAt',
    header: 'Changed',
    sortKey: 'updatedAt',
    hiddenByDefault: true,
    cell: (f) => formatDateTime(f.updatedAt),
  },
];

/** The module's home: every flow, with its status, trigger, published version and latest run. */
export default function FlowsPage() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader
        title="Flows"
        description="Flows start on an event, on a schedule or by hand, and run their steps as their run-as user."
        actions={
          <>
            <Link to="/automation/runs" className="btn">
              All runs
            </Link>
            {can('automation:write') && (
              <Link to="/automation/flows/new" className="btn btn-primary">
                New flow
              </Link>
            )}
          </>
        }
      />
      <DataTable
        id="automation-flows"
        caption="Flows"
        columns={columns}
        fetchPage={listFetcher('/api/v1/automation/flows')}
        rowKey={(f) => f.id}
        defaultSort="name"
        filters={[{ name: 'q', label: 'Search', type: 'search', placeholder: 'Flow name' }]}
        emptyMessage="No flows yet."
      />
    </>
  );
}
