import { Link } from '@tanstack/react-router';
import { listFetcher } from '../../api';
import { DataTable, PageHeader, formatDate, useAuth, type Column } from '../../components';
import { CONTROL_STATUS_LABELS, CONTROL_STATUS_OPTIONS, useUsers, type Control } from './api';
import { HealthBadge, OwnerName } from './ui';
import './compliance.css';

/** The module's home: every control with its health (and why), owner and next review. */
export default function ControlsPage() {
  const { can } = useAuth();
  const names = useUsers();
  const columns: Column<Control>[] = [
    {
      id: 'name',
      header: 'Control',
      sortKey: 'name',
      alwaysVisible: true,
      cell: (c) => <Link to={`/compliance/controls/${c.id}`}>{c.name}</Link>,
    },
    { id: 'health', header: 'Health', cell: (c) => <HealthBadge health={c.health} withReasons /> },
    { id: 'status', header: 'Status', cell: (c) => CONTROL_STATUS_LABELS[c.status] },
    { id: 'owner', header: 'Owner', cell: (c) => <OwnerName id={c.ownerId} names={names} /> },
    {
      id: 'nextReviewDate',
      header: 'Next review',
      sortKey: 'nextReviewDate',
      cell: (c) => (c.nextReviewDate ? formatDate(c.nextReviewDate) : '—'),
    },
    { id: 'requirements', header: 'Requirements', align: 'right', cell: (c) => c.requirementIds.length },
    { id: 'evidence', header: 'Evidence', align: 'right', cell: (c) => c.evidenceCount },
  ];
  return (
    <>
      <PageHeader
        title="Controls"
        description="The measures actually applied, each linked to the requirements it satisfies. Health turns amber or red when a review is overdue, evidence is missing or expired, or a collector is stale or failed."
        actions={
          can('compliance:write') && (
            <Link to="/compliance/controls/new" className="btn btn-primary">
              New control
            </Link>
          )
        }
      />
      <DataTable
        id="compliance-controls"
        caption="Controls"
        columns={columns}
        fetchPage={listFetcher('/api/v1/compliance/controls')}
        rowKey={(c) => c.id}
        defaultSort="name"
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Control name' },
          { name: 'status', label: 'Status', type: 'select', options: CONTROL_STATUS_OPTIONS },
        ]}
        emptyMessage="No controls yet."
      />
    </>
  );
}
