import { Link } from '@tanstack/react-router';
import { EmptyState, PageHeader, QueryState, useAuth } from '../../components';
import { useRoles } from './queries';

export default function RolesPage() {
  const { can } = useAuth();
  const roles = useRoles();
  return (
    <>
      <PageHeader
        title="Roles"
        description="A role is a named set of permissions; users get permissions through their roles."
        actions={
          can('auth:admin') && (
            <Link to="/admin/roles/new" className="btn btn-primary">
              New role
            </Link>
          )
        }
      />
      <QueryState query={roles} height="10em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No roles yet" />
          ) : (
            <div className="table-scroll">
              <table aria-label="Roles">
                <thead>
                  <tr>
                    <th scope="col">Role</th>
                    <th scope="col">Description</th>
                    <th scope="col">Permissions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((r) => (
                    <tr key={r.name}>
                      <td>
                        <Link to={`/admin/roles/${r.name}`}>{r.name}</Link>
                        {r.builtin && <span className="badge"> built-in</span>}
                        {r.requireTwoFactor && <span className="badge"> two-factor required</span>}
                      </td>
                      <td>{r.description}</td>
                      <td className="wrap">{r.permissions.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
