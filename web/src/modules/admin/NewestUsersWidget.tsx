import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api';
import { DateText, QueryState } from '../../components';

/** Dashboard widget: the five newest users. */
export default function NewestUsersWidget() {
  const users = useQuery({
    queryKey: ['admin', 'newest-users'],
    queryFn: () => unwrap(api.GET('/api/v1/auth/users', { params: { query: { sort: '-createdAt', limit: 5 } } })),
  });
  return (
    <QueryState query={users} height="5em" retry={false}>
      {(page) => (
        <ul className="plain-list">
          {page.items.map((u) => (
            <li key={u.id}>
              <Link to={`/admin/users/${u.id}`}>{u.name}</Link> <span className="muted">{u.email}</span> ·{' '}
              <DateText value={u.createdAt} />
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
