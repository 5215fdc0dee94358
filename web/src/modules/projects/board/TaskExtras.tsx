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

type ChecklistItem = Task['checklist'][number];

/** The task's checklist: tick, rename, move up/down, remove, add; each change sends the item's version. */
export function TaskChecklist({ task, projectId }: { task: Task; projectId: string }) {
  const uid = useId();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const items = task.checklist;
  const path = { id: task.id };
  const change = useMutation({
    mutationFn: async (
      op:
        | { kind: 'add' }
        | { kind: 'update'; item: ChecklistItem; text?: string; done?: boolean }
        | { kind: 'remove'; item: ChecklistItem }
        | { kind: 'order'; itemIds: string[] },
    ) => {
      if (op.kind === 'add')
        await unwrap(api.POST('/api/v1/projects/tasks/{id}/checklist', { params: { path }, body: { text } }));
      else if (op.kind === 'update')
        await unwrap(
          api.PATCH('/api/v1/projects/tasks/{id}/checklist/{itemId}', {
            params: { path: { ...path, itemId: op.item.id } },
            body: {
              version: op.item.version,
              ...(op.text !== undefined ? { text: op.text } : {}),
              ...(op.done !== undefined ? { done: op.done } : {}),
            },
          }),
        );
      else if (op.kind === 'remove')
        await unwrap(
          api.DELETE('/api/v1/projects/tasks/{id}/checklist/{itemId}', {
            params: { path: { ...path, itemId: op.item.id }, query: { version: op.item.version } },
          }),
        );
      else
        await unwrap(
          api.PUT('/api/v1/projects/tasks/{id}/checklist/order', { params: { path }, body: { itemIds: op.itemIds } }),
        );
      return op.kind;
    },
    onSuccess: (kind) => {
      if (kind === 'add') setText('');
      setEditing(null);
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: pKeys.task(task.id) });
      await queryClient.invalidateQueries({ queryKey: pKeys.board(projectId) });
      await queryClient.invalidateQueries({ queryKey: ['projects', 'activity', task.id] });
    },
  });
  const move = (index: number, by: -1 | 1) => {
    const ids = items.map((i) => i.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    change.mutate({ kind: 'order', itemIds: ids });
  };
  const done = items.filter((i) => i.done).length;
  return (
    <section aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>
        Checklist{' '}
        {items.length > 0 && (
          <span className="muted" aria-label={`${done} of ${items.length} done`}>
            {done}/{items.length}
          </span>
        )}
      </h3>
      <ul className="pj-checklist">
        {items.map((item, i) => (
          <li key={item.id}>
            {editing?.id === item.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (editing.text.trim()) change.mutate({ kind: 'update', item, text: editing.text });
                }}
              >
                <input
                  aria-label={`Rename ${item.text}`}
                  value={editing.text}
                  onChange={(e) => setEditing({ id: item.id, text: e.target.value })}
                  maxLength={300}
                  autoFocus
                />
                <button type="submit" className="btn btn-ghost" disabled={change.isPending}>
                  Save
                </button>
                <button type="button" className="btn btn-ghost" onClick={() => setEditing(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <label>
                  <input
                    type="checkbox"
                    checked={item.done}
                    disabled={change.isPending}
                    onChange={(e) => change.mutate({ kind: 'update', item, done: e.target.checked })}
                  />{' '}
                  {item.done ? <s>{item.text}</s> : item.text}
                </label>{' '}
                <button
                  type="button"
                  className="btn btn-ghost"
                  aria-label={`Rename ${item.text}`}
                  onClick={() => setEditing({ id: item.id, text: item.text })}
                >
                  Edit
                </button>
                {i > 0 && (
                  <button
                    type="button"
                    className="btn btn-ghost"
                    aria-label={`Move ${item.text} up`}
                    disabled={change.isPending}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                )}
                {i < items.length - 1 && (
                  <button
                    type="button"
                    className="btn btn-ghost"
                    aria-label={`Move ${item.text} down`}
                    disabled={change.isPending}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                )}
                <button
                  type="button"
                  className="btn btn-ghost"
                  aria-label={`Remove ${item.text}`}
                  disabled={change.isPending}
                  onClick={() => change.mutate({ kind: 'remove', item })}
                >
                  ✕
                </button>
              </>
            )}
          </li>
        ))}
        {items.length === 0 && <li className="muted">No items yet</li>}
      </ul>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) change.mutate({ kind: 'add' });
        }}
      >
        <label htmlFor={`${uid}-new`}>New item</label>
        <input id={`${uid}-new`} value={text} onChange={(e) => setText(e.target.value)} maxLength={300} />
        <button type="submit" className="btn" disabled={!text.trim() || change.isPending}>
          Add item
        </button>
      </form>
      {change.error && (
        <p className="banner banner-error" role="alert">
          {errorMessage(change.error)}
        </p>
      )}
    </section>
  );
}

const ACTIONS: Record<string, string> = {
  'task.created': 'created the task',
  'task.updated': 'changed the task',
  'task.status-changed': 'changed the status',
  'task.reordered': 'reordered it on the board',
  'task.commented': 'commented',
  'task.checklist-item-added': 'added a checklist item',
  'task.checklist-item-changed': 'changed a checklist item',
  'task.checklist-item-done': 'ticked a checklist item',
  'task.checklist-item-reopened': 'unticked a checklist item',
  'task.checklist-item-removed': 'removed a checklist item',
  'task.checklist-reordered': 'reordered the checklist',
};

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  status_id: 'Status',
  priority: 'Priority',
  start_date: 'Start',
  due_date: 'Due',
  estimate_hours: 'Estimate',
  labels: 'Labels',
  assignee_ids: 'Assignees',
  checklist_item: 'Item',
  checklist_item_done: 'Done',
  checklist: 'Checklist',
  parent_id: 'Parent',
  type: 'Type',
};

const HIDDEN_IN_ACTIVITY = new Set(['id', 'project_id', 'number', 'rank', 'completed_at', 'comment_id', 'mentions']);

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(show).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number);
}

/** The task's history (newest first) from the audit log: who did what, and which fields changed. */
export function TaskActivity({ taskId }: { taskId: string }) {
  const uid = useId();
  const activity = useQuery({
    queryKey: ['projects', 'activity', taskId],
    queryFn: () => unwrap(api.GET('/api/v1/projects/tasks/{id}/activity', { params: { path: { id: taskId } } })),
  });
  return (
    <section aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>Activity</h3>
      <QueryState query={activity}>
        {(a) => (
          <ol className="pj-activity" aria-labelledby={`${uid}-h`}>
            {a.items.map((x) => {
              const changes = Object.entries(x.changes).filter(
                ([field]) => !HIDDEN_IN_ACTIVITY.has(field) && !(x.action === 'task.created' && field !== 'title'),
              );
              return (
                <li key={x.id}>
                  <strong>{x.actorName ?? 'System'}</strong> {ACTIONS[x.action] ?? x.action}{' '}
                  <span className="muted">
                    <DateText value={x.at} withTime />
                  </span>
                  {changes.length > 0 && (
                    <ul>
                      {changes.map(([field, c]) => (
                        <li key={field}>
                          {FIELD_LABELS[field] ?? field}: {show(c.from)} → {show(c.to)}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
            {a.items.length === 0 && <li className="muted">No activity yet</li>}
          </ol>
        )}
      </QueryState>
    </section>
  );
}
