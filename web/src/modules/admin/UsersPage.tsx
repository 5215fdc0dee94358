import { Link } from '@tanstack/react-router';
import { listFetcher, type Schema } from '../../api';
import { DataTable, DateText, PageHeader, useAuth, type Column } from '../../components';
import { adminKeys, useRoles } from './queries';

type User = Schema<'User'>;

const columns: Column<User>[] = [
  {
    id: 'name',
    header: 'Name',
    sortKey: 'name',
    alwaysVisible: true,
    cell: (u) => <Link to={`/admin/users/${u.id}`}>{u.name}</Link>,
  },
  { id: 'email', header: 'Email', sortKey: 'email', cell: (u) => u.email },
  {
    id: 'status',
    header: 'Status',
    cell: (u) => <span className={`badge badge-${u.status}`}>{u.status === 'active' ? 'Active' : 'Inactive'}</span>,
  },
  { id: 'roles', header: 'Roles', cell: (u) => u.roles.join(', ') },
  { id: 'lastLoginAt', header: 'Last sign-in', cell: (u) => <DateText value={u.lastLoginAt} withTime /> },
  {
    id: 'createdAt',
    header: 'Created',
    sortKey: 'createdAt',
    hiddenByDefault: true,
    cell: (u) => <DateText value={u.createdAt} />,
  },
];

export default function UsersPage() {
  const { can } = useAuth();
  const roles = useRoles();
  return (
    <>
      <PageHeader title="Users" description="People who can sign in to MOMS, and their roles." />
      <DataTable
        id={adminKeys.users}
        caption="Users"
        columns={columns}
        fetchPage={listFetcher('/api/v1/auth/users')}
        rowKey={(u) => u.id}
        defaultSort="name"
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Name or email' },
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: [
              { value: 'active', label: 'Active' },
              { value: 'inactive', label: 'Inactive' },
            ],
          },
          {
            name: 'role',
            label: 'Role',
            type: 'select',
            options: (roles.data?.items ?? []).map((r) => ({ value: r.name, label: r.name })),
          },
        ]}
        actions={
          can('auth:admin') && (
            <Link to="/admin/users/new" className="btn btn-primary">
              New user
            </Link>
          )
        }
      />
    </>
  );
}
