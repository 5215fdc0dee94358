import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, errorMessage, unwrap } from '../../../api';
import { EmptyState, PageHeader, QueryState, useAuth, useToast } from '../../../components';
import { addDays, mondayOf } from '../queries';
import '../projects.css';
import { TimesheetGrid } from './TimesheetGrid';
import { useWeek } from './useWeek';

/** My week on one project: hours per task per day, saved as typed (on leaving a cell), then submitted. */
export default function TimesheetPage() {
  const uid = useId();
  const { user } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [weekStart, setWeekStart] = useState(() => mondayOf(new Date()));
  const [projectId, setProjectId] = useState('');
  const projects = useQuery({
    queryKey: ['projects', 'my-projects'],
    queryFn: () => unwrap(api.GET('/api/v1/projects/projects', { params: { query: { limit: 100 } } })),
  });
  const chosen = projectId || projects.data?.items[0]?.id || '';
  const weekEnd = addDays(weekStart, 6);
  const { entries, tasks, sheet } = useWeek(chosen, user.id, weekStart, weekEnd);
  const status = sheet.data?.items[0]?.status ?? 'open';
  const locked = status === 'submitted' || status === 'approved';
  const submit = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/projects/timesheets/submit', { body: { projectId: chosen, weekStart } })),
    onSuccess: () => toast.success('Week submitted for approval.'),
    onError: (e) => toast.error(errorMessage(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['projects', 'week-sheet'] }),
  });
  return (
    <>
      <PageHeader title="Timesheet" description="Your hours per task and day; submit the week when it is complete." />
      <QueryState query={projects}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="You are not in any project yet" />
          ) : (
            <>
              <div className="toolbar" role="group" aria-label="Week and project">
                <div className="filter">
                  <label htmlFor={`${uid}-p`}>Project</label>
                  <select id={`${uid}-p`} value={chosen} onChange={(e) => setProjectId(e.target.value)}>
                    {list.items.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.code} {p.name}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="button" className="btn" onClick={() => setWeekStart(addDays(weekStart, -7))}>
                  ← Previous week
                </button>
                <strong aria-live="polite">Week of {weekStart}</strong>
                <button type="button" className="btn" onClick={() => setWeekStart(addDays(weekStart, 7))}>
                  Next week →
                </button>
                <span className="badge" aria-label={`Timesheet ${status}`}>
                  {status}
                </span>
              </div>
              {sheet.data?.items[0]?.decisionComment && status === 'rejected' && (
                <p className="banner banner-warning">Rejected: {sheet.data.items[0].decisionComment}</p>
              )}
              <QueryState query={entries}>
                {(e) => (
                  <QueryState query={tasks}>
                    {(t) => (
                      <TimesheetGrid
                        projectId={chosen}
                        weekStart={weekStart}
                        entries={e.items}
                        tasks={t.items}
                        locked={locked}
                      />
                    )}
                  </QueryState>
                )}
              </QueryState>
              <div className="form-actions">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={locked || submit.isPending}
                  onClick={() => submit.mutate()}
                >
                  Submit week
                </button>
              </div>
            </>
          )
        }
      </QueryState>
    </>
  );
}
