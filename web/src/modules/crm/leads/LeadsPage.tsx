import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { listFetcher } from '../../../api';
import { DataTable, DateText, PageHeader, useAuth, type Column } from '../../../components';
import { capitalize, LEAD_STATUSES } from '../shared/lists';
import { crmKeys, OwnerName, useUserDirectory, type Lead } from '../shared/queries';
import { SavedViews, useSavedViewState } from '../../../components/SavedViews';
import { newShortcutHint, useNewShortcut } from '../../../components/shortcuts';
import { BulkActions } from '../shared/BulkActions';
import '../crm.css';
import { crmBackgroundExport } from '../crmExport';

export default function LeadsPage() {
  const { can } = useAuth();
  const { ownerOptions } = useUserDirectory();
  const views = useSavedViewState({ url: true });
  useNewShortcut('/crm/leads/new', 'New lead', can('crm:write'));
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const clear = () => setSelected(new Set());
  const columns: Column<Lead>[] = [
    {
      id: 'name',
      header: 'Name',
      sortKey: 'name',
      alwaysVisible: true,
      cell: (l) => <Link to={`/crm/leads/${l.id}`}>{l.name}</Link>,
    },
    { id: 'company', header: 'Company', cell: (l) => l.company ?? <span className="muted">—</span> },
    { id: 'email', header: 'Email', cell: (l) => l.email ?? <span className="muted">—</span> },
    { id: 'status', header: 'Status', cell: (l) => <LeadStatus lead={l} /> },
    { id: 'score', header: 'Score', sortKey: 'score', align: 'right', cell: (l) => l.score },
    {
      id: 'source',
      header: 'Source',
      hiddenByDefault: true,
      cell: (l) => l.source ?? <span className="muted">—</span>,
    },
    { id: 'owner', header: 'Owner', cell: (l) => <OwnerName name={l.ownerName} /> },
    { id: 'createdAt', header: 'Created', sortKey: 'createdAt', cell: (l) => <DateText value={l.createdAt} /> },
  ];
  return (
    <>
      <PageHeader title="Leads" description="Prospects to qualify and convert." />
      <SavedViews
        list="crm.leads"
        {...views.savedViewProps}
        onApply={(query, viewId, how) => {
          clear();
          views.apply(query, viewId, how);
        }}
      />
      <BulkActions
        list="leads"
        listId={crmKeys.leads}
        what={['lead', 'leads']}
        selected={selected}
        onClear={clear}
        ownerOptions={ownerOptions}
        canWrite={can('crm:write')}
      />
      <DataTable
        key={views.tableKey}
        initialFilters={views.initialFilters}
        onQueryChange={views.onQueryChange}
        selection={{ selected, onChange: setSelected, rowLabel: (l) => l.name }}
        id={crmKeys.leads}
        caption="Leads"
        columns={columns}
        fetchPage={listFetcher('/api/v1/crm/leads')}
        rowKey={(l) => l.id}
        defaultSort={views.sort ?? '-createdAt'}
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Name, company, email' },
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: LEAD_STATUSES.map((s) => ({ value: s, label: capitalize(s) })),
          },
          { name: 'ownerId', label: 'Owner', type: 'select', options: ownerOptions },
          { name: 'source', label: 'Source', type: 'text' },
          {
            name: 'converted',
            label: 'Converted',
            type: 'select',
            options: [
              { value: 'false', label: 'Not converted' },
              { value: 'true', label: 'Converted' },
            ],
          },
        ]}
        exportPath="/api/v1/crm/leads/export.csv"
        backgroundExport={crmBackgroundExport('leads')}
        actions={
          can('crm:write') && (
            <Link to="/crm/leads/new" className="btn btn-primary" {...newShortcutHint('New lead')}>
              New lead
            </Link>
          )
        }
      />
    </>
  );
}

export function LeadStatus({ lead }: { lead: Lead }) {
  if (lead.convertedAt) return <span className="badge badge-active">converted</span>;
  return <span className={lead.status === 'disqualified' ? 'badge badge-inactive' : 'badge'}>{lead.status}</span>;
}
