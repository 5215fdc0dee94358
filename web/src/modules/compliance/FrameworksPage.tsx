import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listFetcher, unwrap } from '../../api';
import { DataTable, listQueryKey, PageHeader, useAuth, useToast, type Column } from '../../components';
import { complianceKeys, type Framework } from './api';
import { Coverage } from './Coverage';
import './compliance.css';

const columns: Column<Framework>[] = [
  {
    id: 'name',
    header: 'Framework',
    alwaysVisible: true,
    cell: (f) => <Link to={`/compliance/frameworks/${f.id}`}>{f.name}</Link>,
  },
  { id: 'version', header: 'Version', cell: (f) => (f.current ? f.version : `${f.version} (superseded)`) },
  { id: 'publisher', header: 'Publisher', cell: (f) => f.publisher || '—' },
  { id: 'requirements', header: 'Requirements', align: 'right', cell: (f) => f.requirementCount },
  { id: 'coverage', header: 'Coverage', cell: (f) => <Coverage frameworkId={f.id} compact /> },
];

/** Imported frameworks (every version) with their coverage by controls; admins import the built-in ones. */
export default function FrameworksPage() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader
        title="Frameworks"
        description="Versioned libraries of requirements. A requirement is covered when a control is linked to it, directly or through a mapping from another framework."
      />
      {can('compliance:admin') && <BuiltinLibraries />}
      <DataTable
        id="compliance-frameworks"
        caption="Frameworks"
        columns={columns}
        fetchPage={listFetcher('/api/v1/compliance/frameworks')}
        rowKey={(f) => f.id}
        filters={[{ name: 'q', label: 'Search', type: 'search', placeholder: 'Framework name' }]}
        emptyMessage="No frameworks imported yet."
      />
    </>
  );
}

function BuiltinLibraries() {
  const client = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const library = useQuery({
    queryKey: ['compliance', 'library'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/compliance/library', { signal })),
  });
  const missing = (library.data ?? []).filter((l) => l.importedFrameworkId === null);
  if (missing.length === 0) return null;
  const importLibrary = async (key: string, name: string) => {
    setBusy(key);
    try {
      await unwrap(api.POST('/api/v1/compliance/library/{key}/import', { params: { path: { key } } }));
      toast.success(`Imported ${name}`);
      await client.invalidateQueries({ queryKey: complianceKeys.all });
      await client.invalidateQueries({ queryKey: listQueryKey('compliance-frameworks') });
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card compliance-section" aria-labelledby="builtin-heading">
      <h2 id="builtin-heading">Built-in libraries</h2>
      <ul>
        {missing.map((l) => (
          <li key={l.key}>
            {l.name} {l.version}{' '}
            <button
              type="button"
              className="btn"
              disabled={busy !== null}
              onClick={() => void importLibrary(l.key, l.name)}
            >
              Import {l.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
