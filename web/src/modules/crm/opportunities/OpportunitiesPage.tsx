import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { listFetcher } from '../../../api';
import { DataTable, DateText, Money, PageHeader, useAuth, type Column } from '../../../components';
import { OrganizationNameLink } from '../shared/links';
import { crmKeys, OwnerName, stageName, usePipelines, useUserDirectory, type Opportunity } from '../shared/queries';
import { SavedViews, useSavedViewState } from '../../../components/SavedViews';
import { newShortcutHint, useNewShortcut } from '../../../components/shortcuts';
import { BulkActions } from '../shared/BulkActions';
import '../crm.css';
import { crmBackgroundExport } from '../crmExport';

export default function OpportunitiesPage() {
  const { can } = useAuth();
  const { ownerOptions } = useUserDirectory();
  const views = useSavedViewState({ url: true });
  useNewShortcut('/crm/opportunities/new', 'New opportunity', can('crm:write'));
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const clear = () => setSelected(new Set());
  const pipelines = usePipelines();
  const all = pipelines.data?.items ?? [];
  const stageOptions = all.flatMap((p) =>
    p.stages.map((s) => ({ value: s.id, label: all.length > 1 ? `${p.name}: ${s.name}` : s.name })),
  );
  const columns: Column<Opportunity>[] = [
    {
      id: 'name',
      header: 'Name',
      sortKey: 'name',
      alwaysVisible: true,
      cell: (o) => <Link to={`/crm/opportunities/${o.id}`}>{o.name}</Link>,
    },
    {
      id: 'organization',
      header: 'Organization',
      cell: (o) => <OrganizationNameLink id={o.organizationId} name={o.organizationName} />,
    },
    { id: 'stage', header: 'Stage', cell: (o) => stageName(all, o.stageId) },
    { id: 'status', header: 'Status', cell: (o) => <OpportunityStatus status={o.status} /> },
    {
      id: 'amount',
      header: 'Amount',
      sortKey: 'amount',
      align: 'right',
      cell: (o) => <Money amount={o.amount} currency={o.currency} />,
    },
    {
      id: 'probability',
      header: 'Probability',
      align: 'right',
      hiddenByDefault: true,
      cell: (o) => `${o.probability}%`,
    },
    { id: 'close', header: 'Expected close', cell: (o) => <DateText value={o.expectedCloseDate} /> },
    { id: 'owner', header: 'Owner', cell: (o) => <OwnerName name={o.ownerName} /> },
    {
      id: 'createdAt',
      header: 'Created',
      sortKey: 'createdAt',
      hiddenByDefault: true,
      cell: (o) => <DateText value={o.createdAt} />,
    },
  ];
  return (
    <>
      <PageHeader title="Opportunities" description="Deals in your pipelines." />
      <SavedViews
        list="crm.opportunities"
        {...views.savedViewProps}
        onApply={(query, viewId, how) => {
          clear();
          views.apply(query, viewId, how);
        }}
      />
      <BulkActions
        list="opportunities"
        listId={crmKeys.opportunities}
        what={['opportunity', 'opportunities']}
        selected={selected}
        onClear={clear}
        ownerOptions={ownerOptions}
        stageOptions={stageOptions}
        canWrite={can('crm:write')}
      />
      <DataTable
        key={views.tableKey}
        initialFilters={views.initialFilters}
        onQueryChange={views.onQueryChange}
        selection={{ selected, onChange: setSelected, rowLabel: (o) => o.name }}
        id={crmKeys.opportunities}
        caption="Opportunities"
        columns={columns}
        fetchPage={listFetcher('/api/v1/crm/opportunities')}
        rowKey={(o) => o.id}
        defaultSort={views.sort ?? '-createdAt'}
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: [
              { value: 'open', label: 'Open' },
              { value: 'won', label: 'Won' },
              { value: 'lost', label: 'Lost' },
            ],
          },
          {
            name: 'pipelineId',
            label: 'Pipeline',
            type: 'select',
            options: all.map((p) => ({ value: p.id, label: p.name })),
          },
          {
            name: 'stageId',
            label: 'Stage',
            type: 'select',
            options: all.flatMap((p) =>
              p.stages.map((s) => ({ value: s.id, label: all.length > 1 ? `${p.name}: ${s.name}` : s.name })),
            ),
          },
          { name: 'ownerId', label: 'Owner', type: 'select', options: ownerOptions },
        ]}
        exportPath="/api/v1/crm/opportunities/export.csv"
        backgroundExport={crmBackgroundExport('opportunities')}
        actions={
          <>
            <Link to="/crm/board" className="btn">
              Board
            </Link>
            {can('crm:write') && (
              <Link to="/crm/opportunities/new" className="btn btn-primary" {...newShortcutHint('New opportunity')}>
                New opportunity
              </Link>
            )}
          </>
        }
      />
    </>
  );
}

export function OpportunityStatus({ status }: { status: Opportunity['status'] }) {
  return (
    <span className={status === 'won' ? 'badge badge-active' : status === 'lost' ? 'badge badge-inactive' : 'badge'}>
      {status}
    </span>
  );
}
