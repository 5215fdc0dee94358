import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api';
import { EmptyState, PageHeader, QueryState } from '../../components';

/** My assigned tasks across projects. */
export default function MyTasksPage() {
  const tasks = useQuery({
    queryKey: ['projects', 'my-tasks'],
    queryFn: () => unwrap(api.GET('/api/v1/projects/my-tasks', { params: { query: { limit: 100 } } })),
  });
  return (
    <>
      <PageHeader title="My tasks" />
      <QueryState query={tasks}>
        {(t) =>
          t.items.length === 0 ? (
            <EmptyState title="No tasks assigned to you" />
          ) : (
            <table>
              <caption className="visually-hidden">My tasks</caption>
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Status</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {t.items.map((x) => (
                  <tr key={x.id}>
                    <td>
                      <Link to={`/projects/${x.projectId}/board`}>
                        {x.key} {x.title}
                      </Link>
                    </td>
                    <td>{x.statusName}</td>
                    <td>{x.priority}</td>
                    <td>{x.dueDate ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}
