import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { api, listFetcher, unwrap } from '../../api';
import { DataTable, DateText, PageHeader, useAuth, type Column } from '../../components';
import { newShortcutHint, useNewShortcut } from '../../components/shortcuts';
import { BILLING_LABELS, pKeys, STATUS_LABELS, type Project } from './queries';
import { ProgressBar, StatusBadge } from './ui';

const columns: Column<Project>[] = [
  {
    id: 'code',
    header: 'Code',
    sortKey: 'code',
    alwaysVisible: true,
    cell: (p) => <Link to={`/projects/${p.id}`}>{p.code}</Link>,
  },
  { id: 'name', header: 'Name', sortKey: 'name', cell: (p) => <Link to={`/projects/${p.id}`}>{p.name}</Link> },
  { id: 'status', header: 'Status', cell: (p) => <StatusBadge status={p.status} /> },
  { id: 'manager', header: 'Manager', cell: (p) => p.managerName ?? '—' },
  { id: 'billing', header: 'Billing', cell: (p) => BILLING_LABELS[p.billingMethod] },
  {
    id: 'endDate',
    header: 'Ends',
    sortKey: 'endDate',
    cell: (p) => (p.endDate ? <DateText value={p.endDate} /> : '—'),
  },
  { id: 'tags', header: 'Tags', hiddenByDefault: true, cell: (p) => p.tags.join(', ') },
];

/** Projects I can see, with filters, status and progress (one portfolio request for the page's progress). */
export default function ProjectsPage() {
  const { can } = useAuth();
  useNewShortcut('/projects/new', 'New project', can('projects:write'));
  const portfolio = useQuery({
    queryKey: ['projects', 'portfolio'],
    queryFn: () => unwrap(api.GET('/api/v1/projects/portfolio', { params: { query: {} } })),
  });
  const progress = new Map((portfolio.data?.items ?? []).map((x) => [x.id, x.progress]));
  const cols: Column<Project>[] = [
    ...columns.slice(0, 3),
    {
      id: 'progress',
      header: 'Progress',
      cell: (p) => (progress.has(p.id) ? <ProgressBar progress={progress.get(p.id)!} /> : '—'),
    },
    ...columns.slice(3),
  ];
  return (
    <>
      <PageHeader
        title="Projects"
        actions={
          <>
            <Link to="/projects/portfolio">Portfolio</Link>
            {can('projects:write') && (
              <Link to="/projects/new" className="btn btn-primary" {...newShortcutHint('New project')}>
                New project
              </Link>
            )}
          </>
        }
      />
      <DataTable
        id={pKeys.list}
        caption="Projects"
        columns={cols}
        fetchPage={listFetcher('/api/v1/projects/projects')}
        rowKey={(p) => p.id}
        defaultSort="code"
        pageSize={25}
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
          },
          {
            name: 'billingMethod',
            label: 'Billing',
            type: 'select',
            options: Object.entries(BILLING_LABELS).map(([value, label]) => ({ value, label })),
          },
          { name: 'tag', label: 'Tag', type: 'search' },
          {
            name: 'archived',
            label: 'Archived',
            type: 'select',
            options: [{ value: 'true', label: 'Only archived' }],
          },
        ]}
      />
    </>
  );
}
