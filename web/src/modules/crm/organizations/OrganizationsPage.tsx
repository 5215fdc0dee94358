import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { listFetcher } from '../../../api';
import { DataTable, DateText, PageHeader, useAuth, type Column } from '../../../components';
import { OrganizationLink, Tags } from '../shared/links';
import { crmKeys, OwnerName, useUserDirectory, type Organization } from '../shared/queries';
import { SavedViews, useSavedViewState } from '../../../components/SavedViews';
import { newShortcutHint, useNewShortcut } from '../../../components/shortcuts';
import { BulkActions } from '../shared/BulkActions';
import '../crm.css';
import { crmBackgroundExport } from '../crmExport';

export default function OrganizationsPage() {
  const { can } = useAuth();
  const { ownerOptions } = useUserDirectory();
  const views = useSavedViewState({ url: true });
  useNewShortcut('/crm/organizations/new', 'New organization', can('crm:write'));
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const clear = () => setSelected(new Set());
  const columns: Column<Organization>[] = [
    {
      id: 'name',
      header: 'Name',
      sortKey: 'name',
      alwaysVisible: true,
      cell: (o) => <Link to={`/crm/organizations/${o.id}`}>{o.name}</Link>,
    },
    { id: 'domain', header: 'Domain', cell: (o) => o.domain ?? <span className="muted">—</span> },
    { id: 'industry', header: 'Industry', cell: (o) => o.industry ?? <span className="muted">—</span> },
    { id: 'size', header: 'Size', hiddenByDefault: true, cell: (o) => o.size ?? <span className="muted">—</span> },
    {
      id: 'city',
      header: 'City',
      hiddenByDefault: true,
      cell: (o) => o.address?.city ?? <span className="muted">—</span>,
    },
    {
      id: 'parent',
      header: 'Parent',
      hiddenByDefault: true,
      cell: (o) => (o.parentId ? <OrganizationLink id={o.parentId} /> : <span className="muted">—</span>),
    },
    { id: 'owner', header: 'Owner', cell: (o) => <OwnerName name={o.ownerName} /> },
    { id: 'tags', header: 'Tags', cell: (o) => <Tags tags={o.tags} /> },
    {
      id: 'createdAt',
      header: 'Created',
      sortKey: 'createdAt',
      hiddenByDefault: true,
      cell: (o) => <DateText value={o.createdAt} />,
    },
    { id: 'updatedAt', header: 'Updated', sortKey: 'updatedAt', cell: (o) => <DateText value={o.updatedAt} /> },
  ];
  return (
    <>
      <PageHeader title="Organizations" description="Companies you work with." />
      <SavedViews
        list="crm.organizations"
        {...views.savedViewProps}
        onApply={(query, viewId, how) => {
          clear();
          views.apply(query, viewId, how);
        }}
      />
      <BulkActions
        list="organizations"
        listId={crmKeys.organizations}
        what={['organization', 'organizations']}
        selected={selected}
        onClear={clear}
        ownerOptions={ownerOptions}
        canWrite={can('crm:write')}
      />
      <DataTable
        key={views.tableKey}
        initialFilters={views.initialFilters}
        onQueryChange={views.onQueryChange}
        selection={{ selected, onChange: setSelected, rowLabel: (o) => o.name }}
        id={crmKeys.organizations}
        caption="Organizations"
        columns={columns}
        fetchPage={listFetcher('/api/v1/crm/organizations')}
        rowKey={(o) => o.id}
        defaultSort={views.sort ?? 'name'}
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Name or domain' },
          { name: 'ownerId', label: 'Owner', type: 'select', options: ownerOptions },
          { name: 'industry', label: 'Industry', type: 'text' },
          { name: 'tag', label: 'Tag', type: 'text' },
        ]}
        exportPath="/api/v1/crm/organizations/export.csv"
        backgroundExport={crmBackgroundExport('organizations')}
        actions={
          can('crm:write') && (
            <>
              <Link to="/crm/import" search={{ kind: 'organizations' }} className="btn">
                Import CSV
              </Link>
              <Link to="/crm/organizations/new" className="btn btn-primary" {...newShortcutHint('New organization')}>
                New organization
              </Link>
            </>
          )
        }
      />
    </>
  );
}
