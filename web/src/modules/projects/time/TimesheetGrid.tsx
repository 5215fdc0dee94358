import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage, unwrap } from '../../../api';
import { useToast } from '../../../components';
import { sumDecimals } from '../../../components/decimal';
import { addDays, type Task, type TimeEntry } from '../queries';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A row per task (open tasks and those with time this week), a cell per day; a cell saves on blur. */
export function TimesheetGrid({
  projectId,
  weekStart,
  entries,
  tasks,
  locked,
}: {
  projectId: string;
  weekStart: string;
  entries: TimeEntry[];
  tasks: Task[];
  locked: boolean;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const dates = DAYS.map((_, i) => addDays(weekStart, i));
  const withTime = new Set(entries.map((e) => e.taskId));
  const rows = tasks.filter((t) => t.statusCategory !== 'done' || withTime.has(t.id));
  const cellEntries = (taskId: string, date: string) => entries.filter((e) => e.taskId === taskId && e.date === date);

  const save = async (task: Task, date: string, value: string) => {
    const key = `${task.id}|${date}`;
    const existing = cellEntries(task.id, date);
    const current = existing.length
      ? sumDecimals(
          existing.map((e) => e.hours),
          2,
        )
      : '';
    const v = value.trim();
    if (Number(v || 0) === Number(current || 0)) return;
    try {
      if (!v || Number(v) === 0) {
        for (const e of existing)
          await unwrap(
            api.DELETE('/api/v1/projects/time-entries/{id}', {
              params: { path: { id: e.id }, query: { version: e.version } },
            }),
          );
      } else if (existing.length === 1) {
        await unwrap(
          api.PATCH('/api/v1/projects/time-entries/{id}', {
            params: { path: { id: existing[0]!.id } },
            body: { version: existing[0]!.version, hours: v },
          }),
        );
      } else if (existing.length === 0) {
        await unwrap(
          api.POST('/api/v1/projects/time-entries', { body: { projectId, taskId: task.id, date, hours: v, note: '' } }),
        );
      } else {
        toast.error(`${task.key} has several entries on ${date}; change them one by one in the list.`);
      }
      setDraft((d) => {
        const next = { ...d };
        delete next[key];
        return next;
      });
    } catch (e) {
      toast.error(`Could not save ${task.key} on ${date}: ${errorMessage(e)}`);
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['projects', 'week-entries'] });
    }
  };

  if (rows.length === 0) return <p className="muted">No open tasks in this project.</p>;
  return (
    <table className="pj-timesheet">
      <caption className="visually-hidden">Hours per task and day</caption>
      <thead>
        <tr>
          <th scope="col">Task</th>
          {dates.map((d, i) => (
            <th key={d} scope="col" className="num">
              {DAYS[i]} {d.slice(5)}
            </th>
          ))}
          <th scope="col" className="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.id}>
            <th scope="row">
              {t.key} {t.title}
            </th>
            {dates.map((d, i) => {
              const key = `${t.id}|${d}`;
              const existing = cellEntries(t.id, d);
              const saved = existing.length
                ? sumDecimals(
                    existing.map((e) => e.hours),
                    2,
                  )
                : '';
              return (
                <td key={d} className="num">
                  <input
                    inputMode="decimal"
                    aria-label={`${t.key} ${DAYS[i]} ${d} hours`}
                    value={draft[key] ?? saved}
                    disabled={locked || existing.some((e) => e.invoiced)}
                    onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                    onBlur={(e) => void save(t, d, e.target.value)}
                  />
                </td>
              );
            })}
            <td className="num">
              {sumDecimals(
                entries.filter((e) => e.taskId === t.id).map((e) => e.hours),
                2,
              )}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Week total</th>
          <td colSpan={7} />
          <td className="num" aria-label="Week total hours">
            {sumDecimals(
              entries.map((e) => e.hours),
              2,
            )}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
