import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, errorMessage, unwrap } from '../../../api';
import { DateText, QueryState } from '../../../components';
import { pKeys, type Task } from '../queries';

/** What the task waits for and what waits for it; link another task of the project as a blocker. */
export function TaskDependencies({ task, projectId }: { task: Task; projectId: string }) {
  const uid = useId();
  const queryClient = useQueryClient();
  const [pred, setPred] = useState('');
  const key = ['projects', 'deps', task.id] as const;
  const deps = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/projects/tasks/{id}/dependencies', { params: { path: { id: task.id } } })),
  });
  const tasks = useQuery({
    queryKey: ['projects', 'task-options', projectId],
    queryFn: () => unwrap(api.GET('/api/v1/projects/tasks', { params: { query: { projectId, limit: 200 } } })),
  });
  const link = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/projects/dependencies', {
          body: { predecessorId: pred, successorId: task.id, kind: 'finish_to_start', lagDays: 0 },
        }),
      ),
    onSuccess: () => setPred(''),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: key });
      await queryClient.invalidateQueries({ queryKey: pKeys.board(projectId) });
      await queryClient.invalidateQueries({ queryKey: pKeys.gantt(projectId) });
    },
  });
  return (
    <section aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>Dependencies</h3>
      <QueryState query={deps}>
        {(d) => (
          <ul>
            {d.predecessors.map((p) => (
              <li key={p.id}>
                Waits for {p.predecessorKey} {p.predecessorTitle} ({p.kind === 'finish_to_start' ? 'finish' : 'start'})
              </li>
            ))}
            {d.successors.map((s) => (
              <li key={s.id}>
                Blocks {s.successorKey} {s.successorTitle}
              </li>
            ))}
            {d.predecessors.length + d.successors.length === 0 && <li className="muted">None</li>}
          </ul>
        )}
      </QueryState>
      <div className="toolbar">
        <label htmlFor={`${uid}-pred`}>Blocked by</label>
        <select id={`${uid}-pred`} value={pred} onChange={(e) => setPred(e.target.value)}>
          <option value="">Choose a task…</option>
          {(tasks.data?.items ?? [])
            .filter((x) => x.id !== task.id)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.key} {x.title}
              </option>
            ))}
        </select>
        <button type="button" className="btn" disabled={!pred || link.isPending} onClick={() => link.mutate()}>
          Add blocker
        </button>
      </div>
      {link.error && (
        <p className="banner banner-error" role="alert">
          {errorMessage(link.error)}
        </p>
      )}
    </section>
  );
}

/** The task's comments and a box to add one (mention as @[Name](user-id)). */
export function TaskComments({ taskId }: { taskId: string }) {
  const uid = useId();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const key = ['projects', 'comments', taskId] as const;
  const comments = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/projects/tasks/{id}/comments', { params: { path: { id: taskId } } })),
  });
  const add = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/projects/tasks/{id}/comments', { params: { path: { id: taskId } }, body: { body } })),
    onSuccess: () => setBody(''),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <section aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>Comments</h3>
      <QueryState query={comments}>
        {(c) => (
          <ul>
            {c.items.map((x) => (
              <li key={x.id}>
                <strong>{x.authorName ?? 'Someone'}</strong> <DateText value={x.createdAt} withTime />: {x.body}
              </li>
            ))}
            {c.items.length === 0 && <li className="muted">No comments yet</li>}
          </ul>
        )}
      </QueryState>
      <label htmlFor={`${uid}-body`}>Comment</label>
      <textarea id={`${uid}-body`} value={body} onChange={(e) => setBody(e.target.value)} rows={2} />
      <button type="button" className="btn" disabled={!body.trim() || add.isPending} onClick={() => add.mutate()}>
        Add comment
      </button>
      {add.error && (
        <p className="banner banner-error" role="alert">
          {errorMessage(add.error)}
        </p>
      )}
    </section>
  );
}
