import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api';
import { EmptyState, PageHeader, QueryState } from '../../components';
import { SavedViews } from '../../components/SavedViews';
import { TaskDialog } from './board/TaskDialog';
import { useMembers, useProject } from './queries';
import './projects.css';

/** The filters of the task list, as saved in a view (the platform's, list `projects.tasks`: strings, as the API's query takes them). */
interface Filters {
  statusId: string;
  assigneeId: string;
  label: string;
  overdue: boolean;
}
const NO_FILTERS: Filters = { statusId: '', assigneeId: '', label: '', overdue: false };

function toSaved(projectId: string, f: Filters): Record<string, string> {
  return {
    projectId,
    ...(f.statusId ? { statusId: f.statusId } : {}),
    ...(f.assigneeId ? { assigneeId: f.assigneeId } : {}),
    ...(f.label.trim() ? { label: f.label.trim() } : {}),
    ...(f.overdue ? { overdue: 'true' } : {}),
  };
}

function fromSaved(saved: Record<string, string>): Filters {
  return {
    statusId: saved.statusId ?? '',
    assigneeId: saved.assigneeId ?? '',
    label: saved.label ?? '',
    overdue: saved.overdue === 'true',
  };
}

/** A project's tasks as a list with filters (status, assignee, label, overdue) and your saved views. */
export default function TaskListPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const uid = useId();
  const project = useProject(id);
  const members = useMembers(id);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [openTask, setOpenTask] = useState<string | null>(null);
  const query = toSaved(id, filters);
  const statuses = useQuery({
    queryKey: ['projects', 'statuses', id],
    queryFn: () => unwrap(api.GET('/api/v1/projects/projects/{id}/statuses', { params: { path: { id } } })),
  });
  const tasks = useQuery({
    queryKey: ['projects', 'task-list', query],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/tasks', {
          params: {
            query: {
              projectId: id,
              limit: 200,
              ...(filters.statusId ? { statusId: filters.statusId } : {}),
              ...(filters.assigneeId ? { assigneeId: filters.assigneeId } : {}),
              ...(filters.label.trim() ? { label: filters.label.trim() } : {}),
              ...(filters.overdue ? { overdue: 'true' as const } : {}),
            },
          },
        }),
      ),
  });
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const names = new Map((members.data?.items ?? []).map((m) => [m.userId, m.name ?? m.userId]));
  const p = project.data;
  return (
    <>
      <PageHeader
        title={p ? `${p.code} · Tasks` : 'Tasks'}
        actions={
          <>
            <Link to={`/projects/${id}`} className="btn">
              Project
            </Link>
            <Link to={`/projects/${id}/board`} className="btn">
              Board
            </Link>
          </>
        }
      />
      <section className="card" aria-label="Saved views">
        <SavedViews
          list="projects.tasks"
          current={query}
          match={(saved) => saved.projectId === id}
          onApply={(saved) => setFilters(saved.projectId === id ? fromSaved(saved) : NO_FILTERS)}
        />
      </section>
      <section className="card" aria-label="Filters">
        <div className="toolbar">
          <label htmlFor={`${uid}-status`}>Status</label>
          <select id={`${uid}-status`} value={filters.statusId} onChange={(e) => set({ statusId: e.target.value })}>
            <option value="">Any</option>
            {(statuses.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <label htmlFor={`${uid}-assignee`}>Assignee</label>
          <select
            id={`${uid}-assignee`}
            value={filters.assigneeId}
            onChange={(e) => set({ assigneeId: e.target.value })}
          >
            <option value="">Anyone</option>
            {(members.data?.items ?? []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name ?? m.userId}
              </option>
            ))}
          </select>
          <label htmlFor={`${uid}-label`}>Label</label>
          <input
            id={`${uid}-label`}
            value={filters.label}
            onChange={(e) => set({ label: e.target.value })}
            maxLength={50}
          />
          <label>
            <input type="checkbox" checked={filters.overdue} onChange={(e) => set({ overdue: e.target.checked })} />{' '}
            Overdue
          </label>
        </div>
      </section>
      <QueryState query={tasks}>
        {(t) =>
          t.items.length === 0 ? (
            <EmptyState title="No tasks match these filters" />
          ) : (
            <table>
              <caption className="visually-hidden">Tasks</caption>
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Status</th>
                  <th scope="col">Assignees</th>
                  <th scope="col">Labels</th>
                  <th scope="col">Due</th>
                  <th scope="col">Checklist</th>
                </tr>
              </thead>
              <tbody>
                {t.items.map((x) => (
                  <tr key={x.id}>
                    <td>
                      <button type="button" className="pj-link" onClick={() => setOpenTask(x.id)}>
                        {x.key} {x.title}
                      </button>
                    </td>
                    <td>{x.statusName}</td>
                    <td>{x.assigneeIds.map((a) => names.get(a) ?? a).join(', ') || '—'}</td>
                    <td>{x.labels.join(', ') || '—'}</td>
                    <td>{x.dueDate ?? '—'}</td>
                    <td>
                      {x.checklist.length > 0
                        ? `${x.checklist.filter((i) => i.done).length}/${x.checklist.length}`
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {openTask && (
        <TaskDialog
          taskId={openTask}
          projectId={id}
          onClose={() => {
            setOpenTask(null);
            void tasks.refetch();
          }}
        />
      )}
    </>
  );
}
