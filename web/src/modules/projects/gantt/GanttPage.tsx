import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { PageHeader, QueryState, useAuth } from '../../../components';
import { TaskDialog } from '../board/TaskDialog';
import { moveErrorMessage } from '../board/moveError';
import { addDays, pKeys, useProject } from '../queries';
import { GanttChart, type GanttTask } from './GanttChart';
import '../projects.css';

/**
 * The project's timeline: a bar per dated task, dependency lines between them. Drag a bar (or focus
 * it and press ← / →) to move its dates; a task's dialog (its key) edits the dates directly.
 */
export default function GanttPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = useAuth();
  const project = useProject(id);
  const queryClient = useQueryClient();
  const [openTask, setOpenTask] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const gantt = useQuery({
    queryKey: pKeys.gantt(id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/projects/{id}/gantt', { params: { path: { id } } })),
  });
  const writable = can('projects:write') && project.data?.myRole !== 'viewer' && !project.data?.archived;
  const shift = useMutation({
    mutationFn: ({ task, days }: { task: GanttTask; days: number }) =>
      unwrap(
        api.PATCH('/api/v1/projects/tasks/{id}', {
          params: { path: { id: task.id } },
          body: {
            version: task.version,
            startDate: task.startDate ? addDays(task.startDate, days) : null,
            dueDate: task.dueDate ? addDays(task.dueDate, days) : null,
          },
        }),
      ),
    onSuccess: (t) =>
      setMessage({ error: false, text: `${t.key} now runs ${t.startDate ?? '…'} – ${t.dueDate ?? '…'}.` }),
    onError: (e, v) => setMessage({ error: true, text: moveErrorMessage(e, v.task.key, 'new dates') }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: pKeys.gantt(id) }),
  });
  return (
    <>
      <PageHeader
        title={project.data ? `${project.data.code} timeline` : 'Timeline'}
        description="Drag a bar, or focus it and press ← or →, to move a task by days."
        actions={
          <>
            <Link to={`/projects/${id}`}>Project</Link>
            <Link to={`/projects/${id}/board`}>Board</Link>
          </>
        }
      />
      {message && (
        <p
          className={`banner ${message.error ? 'banner-error' : 'banner-info'}`}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <QueryState query={gantt} height="16em">
        {(g) => (
          <GanttChart
            gantt={g}
            writable={writable && !shift.isPending}
            onShift={(task, days) => shift.mutate({ task, days })}
            onOpen={setOpenTask}
          />
        )}
      </QueryState>
      {openTask && <TaskDialog taskId={openTask} projectId={id} onClose={() => setOpenTask(null)} />}
    </>
  );
}
