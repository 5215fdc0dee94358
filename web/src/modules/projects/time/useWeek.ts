import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api';

/** My time entries, tasks and timesheet of one project and week. */
export function useWeek(projectId: string, userId: string, weekStart: string, weekEnd: string) {
  const enabled = Boolean(projectId);
  const entries = useQuery({
    queryKey: ['projects', 'week-entries', projectId, userId, weekStart],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/time-entries', {
          params: { query: { projectId, userId, from: weekStart, to: weekEnd, limit: 200 } },
        }),
      ),
    enabled,
  });
  const tasks = useQuery({
    queryKey: ['projects', 'task-options', projectId],
    queryFn: () => unwrap(api.GET('/api/v1/projects/tasks', { params: { query: { projectId, limit: 200 } } })),
    enabled,
  });
  const sheet = useQuery({
    queryKey: ['projects', 'week-sheet', projectId, userId, weekStart],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/timesheets', { params: { query: { projectId, userId, weekStart, limit: 1 } } })),
    enabled,
  });
  return { entries, tasks, sheet };
}
