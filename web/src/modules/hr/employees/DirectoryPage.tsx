import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Pager } from '../../../components/Pager';
import { Link, useSearch } from '@tanstack/react-router';
import { useDeferredValue, useState, type ReactNode } from 'react';
import { listFetcher } from '../../../api';
import {
  DataTable,
  EmptyState,
  PageHeader,
  QueryState,
  useAuth,
  type Column,
  type FilterDef,
} from '../../../components';
import { departmentOptions, hrKeys, statusBadge, useDepartmentTree, useLocations, type EmployeeCard } from '../queries';
import { Avatar, PersonLink } from '../ui';
import { employeesBackgroundExport } from '../hrExport';

const columns: Column<EmployeeCard>[] = [
  {
    id: 'name',
    header: 'Name',
    sortKey: 'lastName',
    alwaysVisible: true,
    cell: (e) => <PersonLink id={e.id} firstName={e.firstName} lastName={e.lastName} />,
  },
  { id: 'number', header: 'No.', sortKey: 'employeeNumber', cell: (e) => e.employeeNumber },
  { id: 'position', header: 'Position', cell: (e) => e.positionTitle ?? <span className="muted">—</span> },
  { id: 'department', header: 'Department', cell: (e) => e.departmentName ?? <span className="muted">—</span> },
  { id: 'location', header: 'Location', cell: (e) => e.locationName ?? <span className="muted">—</span> },
  {
    id: 'manager',
    header: 'Manager',
    cell: (e) => (e.managerId ? <Link to={`/hr/employees/${e.managerId}`}>{e.managerName}</Link> : '—'),
  },
  { id: 'email', header: 'Work email', cell: (e) => <a href={`mailto:${e.workEmail}`}>{e.workEmail}</a> },
  { id: 'phone', header: 'Work phone', hiddenByDefault: true, cell: (e) => e.workPhone ?? '—' },
  {
    id: 'status',
    header: 'Status',
    cell: (e) => <span className={statusBadge(e.status)}>{e.status === 'active' ? 'Active' : 'Terminated'}</span>,
  },
];

export default function DirectoryPage() {
  const { can } = useAuth();
  // /hr/employees?departmentId=… (links from the organization pages) pre-filters the list.
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const initialFilters = Object.fromEntries(
    ['departmentId', 'positionId', 'locationId', 'managerId']
      .filter((k) => typeof search[k] === 'string')
      .map((k) => [k, search[k] as string]),
  );
  const tree = useDepartmentTree();
  const locations = useLocations();
  const [view, setView] = useState<'list' | 'cards'>(
    () => (localStorage.getItem('moms.hr.directory-view') as 'list' | 'cards' | null) ?? 'list',
  );
  const choose = (v: 'list' | 'cards') => {
    setView(v);
    localStorage.setItem('moms.hr.directory-view', v);
  };
  const filters: FilterDef[] = [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'Name, email or number' },
    { name: 'departmentId', label: 'Department', type: 'select', options: departmentOptions(tree.data?.items ?? []) },
    {
      name: 'locationId',
      label: 'Location',
      type: 'select',
      options: (locations.data?.items ?? []).map((l) => ({ value: l.id, label: l.name })),
    },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      placeholder: 'Active',
      options: [
        { value: 'terminated', label: 'Terminated' },
        { value: 'all', label: 'All' },
      ],
    },
  ];
  const actions = (
    <>
      <div className="hr-view-toggle" role="group" aria-label="View">
        <button type="button" className="btn" aria-pressed={view === 'list'} onClick={() => choose('list')}>
          List
        </button>
        <button type="button" className="btn" aria-pressed={view === 'cards'} onClick={() => choose('cards')}>
          Cards
        </button>
      </div>
      {can('hr:admin') && (
        <Link to="/hr/employees/new" className="btn btn-primary">
          New employee
        </Link>
      )}
    </>
  );
  return (
    <>
      <PageHeader
        title="Directory"
        description="Everyone in the company: who they are, where they sit, who they report to."
      />
      {view === 'list' ? (
        <DataTable
          id={hrKeys.employees}
          caption="Employees"
          columns={columns}
          fetchPage={listFetcher('/api/v1/hr/employees')}
          rowKey={(e) => e.id}
          defaultSort="lastName"
          filters={filters}
          initialFilters={initialFilters}
          exportPath="/api/v1/hr/employees/export.csv"
          backgroundExport={employeesBackgroundExport}
          actions={actions}
        />
      ) : (
        <CardsView filters={filters} actions={actions} initial={initialFilters} />
      )}
    </>
  );
}

const fetchCards = listFetcher('/api/v1/hr/employees');

/** The directory as cards: the same filters, cursor paging of its own. */
function CardsView({
  filters,
  actions,
  initial,
}: {
  filters: FilterDef[];
  actions: ReactNode;
  initial: Record<string, string>;
}) {
  const [values, setValues] = useState<Record<string, string>>(initial);
  const deferred = useDeferredValue(values);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const query = Object.fromEntries(Object.entries(deferred).filter(([, v]) => v));
  const page = useQuery({
    queryKey: ['list', hrKeys.employees, 'cards', query, cursor],
    queryFn: () => fetchCards({ ...query, limit: 24, sort: 'lastName', ...(cursor ? { cursor } : {}) }),
    placeholderData: keepPreviousData,
  });
  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setCursors([undefined]);
  };
  return (
    <section aria-label="Employees">
      <div className="toolbar" role="search" aria-label="Filter employees">
        {filters.map((f) => (
          <div className="filter" key={f.name}>
            <label htmlFor={`cards-${f.name}`}>{f.label}</label>
            {f.type === 'select' ? (
              <select id={`cards-${f.name}`} value={values[f.name] ?? ''} onChange={(e) => set(f.name, e.target.value)}>
                <option value="">{f.placeholder ?? 'All'}</option>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`cards-${f.name}`}
                type="search"
                placeholder={f.placeholder}
                value={values[f.name] ?? ''}
                onChange={(e) => set(f.name, e.target.value)}
              />
            )}
          </div>
        ))}
        <div className="toolbar-spacer" />
        {actions}
      </div>
      <QueryState query={page} height="10em">
        {(cards) =>
          cards.items.length === 0 ? (
            <EmptyState title="Nobody matches these filters" />
          ) : (
            <ul className="hr-cards" aria-busy={page.isFetching}>
              {cards.items.map((e) => (
                <li key={e.id}>
                  <article className="card hr-card" aria-label={`${e.firstName} ${e.lastName}`}>
                    <Avatar person={e} large />
                    <div>
                      <p>
                        <Link to={`/hr/employees/${e.id}`}>
                          <strong>
                            {e.firstName} {e.lastName}
                          </strong>
                        </Link>
                        {e.status !== 'active' && <span className={statusBadge(e.status)}> terminated</span>}
                      </p>
                      <p className="muted">{[e.positionTitle, e.departmentName].filter(Boolean).join(' · ') || '—'}</p>
                      {e.locationName && <p className="muted">{e.locationName}</p>}
                      <p>
                        <a href={`mailto:${e.workEmail}`}>{e.workEmail}</a>
                      </p>
                      {e.workPhone && <p>{e.workPhone}</p>}
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <Pager
        label="Employee pages"
        cursors={cursors}
        setCursors={setCursors}
        nextCursor={page.data?.nextCursor}
        busy={page.isFetching}
      />
    </section>
  );
}
