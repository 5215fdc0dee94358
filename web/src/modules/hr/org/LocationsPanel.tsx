import { useState } from 'react';
import { listFetcher } from '../../../api';
import { DataTable, Dialog, useAuth, type Column } from '../../../components';
import { hrKeys, type Location } from '../queries';
import { LocationForm } from './LocationForm';

/** The work locations (country, time zone); hr:admin adds, edits and deletes them. */
export function LocationsPanel() {
  const { can } = useAuth();
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  const columns: Column<Location>[] = [
    {
      id: 'name',
      header: 'Name',
      sortKey: 'name',
      alwaysVisible: true,
      cell: (l) =>
        can('hr:admin') ? (
          <button type="button" className="btn-link" onClick={() => setEditing(l)}>
            {l.name}
          </button>
        ) : (
          l.name
        ),
    },
    { id: 'country', header: 'Country', cell: (l) => l.countryCode },
    { id: 'timezone', header: 'Time zone', cell: (l) => l.timezone },
    { id: 'city', header: 'City', cell: (l) => l.address?.city ?? '—' },
  ];
  return (
    <>
      <DataTable
        id={hrKeys.locations}
        caption="Locations"
        columns={columns}
        fetchPage={listFetcher('/api/v1/hr/locations')}
        rowKey={(l) => l.id}
        defaultSort="name"
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          { name: 'countryCode', label: 'Country code', type: 'text', placeholder: 'FR' },
        ]}
        actions={
          can('hr:admin') && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              New location
            </button>
          )
        }
      />
      {editing && (
        <Dialog
          open
          title={editing === 'new' ? 'New location' : `Edit ${editing.name}`}
          onClose={() => setEditing(null)}
        >
          <LocationForm location={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        </Dialog>
      )}
    </>
  );
}
