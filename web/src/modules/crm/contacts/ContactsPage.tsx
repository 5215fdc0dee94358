import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { listFetcher } from '../../../api';
import { DataTable, DateText, PageHeader, useAuth, type Column } from '../../../components';
import { OrganizationNameLink, Tags } from '../shared/links';
import { crmKeys, OwnerName, useUserDirectory, type Contact } from '../shared/queries';
import { SavedViews, useSavedViewState } from '../../../components/SavedViews';
import { newShortcutHint, useNewShortcut } from '../../../components/shortcuts';
import { BulkActions } from '../shared/BulkActions';
import '../crm.css';
import { crmBackgroundExport } from '../crmExport';

export default function ContactsPage() {
  const { can } = useAuth();
  const { ownerOptions } = useUserDirectory();
  const views = useSavedViewState({ url: true });
  useNewShortcut('/crm/contacts/new', 'New contact', can('crm:write'));
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const clear = () => setSelected(new Set());
  const columns: Column<Contact>[] = [
    {
      id: 'name',
      header: 'Name',
      sortKey: 'lastName',
      alwaysVisible: true,
      cell: (c) => (
        <Link to={`/crm/contacts/${c.id}`}>
          {c.firstName} {c.lastName}
        </Link>
      ),
    },
    { id: 'title', header: 'Title', cell: (c) => c.title ?? <span className="muted">—</span> },
    {
      id: 'organization',
      header: 'Organization',
      cell: (c) => <OrganizationNameLink id={c.organizationId} name={c.organizationName} />,
    },
    { id: 'email', header: 'Email', cell: (c) => c.emails.join(', ') || <span className="muted">—</span> },
    {
      id: 'phone',
      header: 'Phone',
      hiddenByDefault: true,
      cell: (c) => c.phones.join(', ') || <span className="muted">—</span>,
    },
    { id: 'owner', header: 'Owner', cell: (c) => <OwnerName name={c.ownerName} /> },
    { id: 'tags', header: 'Tags', hiddenByDefault: true, cell: (c) => <Tags tags={c.tags} /> },
    {
      id: 'optedIn',
      header: 'Marketing',
      hiddenByDefault: true,
      cell: (c) => (c.marketing.optedIn ? 'Opted in' : 'No'),
    },
    {
      id: 'createdAt',
      header: 'Created',
      sortKey: 'createdAt',
      hiddenByDefault: true,
      cell: (c) => <DateText value={c.createdAt} />,
    },
    { id: 'updatedAt', header: 'Updated', sortKey: 'updatedAt', cell: (c) => <DateText value={c.updatedAt} /> },
  ];
  return (
    <>
      <PageHeader title="Contacts" description="People at your organizations." />
      <SavedViews
        list="crm.contacts"
        {...views.savedViewProps}
        onApply={(query, viewId, how) => {
          clear();
          views.apply(query, viewId, how);
        }}
      />
      <BulkActions
        list="contacts"
        listId={crmKeys.contacts}
        what={['contact', 'contacts']}
        selected={selected}
        onClear={clear}
        ownerOptions={ownerOptions}
        canWrite={can('crm:write')}
      />
      <DataTable
        key={views.tableKey}
        initialFilters={views.initialFilters}
        onQueryChange={views.onQueryChange}
        selection={{ selected, onChange: setSelected, rowLabel: (c) => `${c.firstName} ${c.lastName}` }}
        id={crmKeys.contacts}
        caption="Contacts"
        columns={columns}
        fetchPage={listFetcher('/api/v1/crm/contacts')}
        rowKey={(c) => c.id}
        defaultSort={views.sort ?? 'lastName'}
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Name, email, phone' },
          { name: 'ownerId', label: 'Owner', type: 'select', options: ownerOptions },
          { name: 'tag', label: 'Tag', type: 'text' },
          {
            name: 'optedIn',
            label: 'Marketing',
            type: 'select',
            options: [
              { value: 'true', label: 'Opted in' },
              { value: 'false', label: 'Not opted in' },
            ],
          },
        ]}
        exportPath="/api/v1/crm/contacts/export.csv"
        backgroundExport={crmBackgroundExport('contacts')}
        actions={
          can('crm:write') && (
            <>
              <Link to="/crm/import" search={{ kind: 'contacts' }} className="btn">
                Import CSV
              </Link>
              <Link to="/crm/contacts/new" className="btn btn-primary" {...newShortcutHint('New contact')}>
                New contact
              </Link>
            </>
          )
        }
      />
    </>
  );
}
