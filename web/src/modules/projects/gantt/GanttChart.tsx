import { useRef, useState, type PointerEvent } from 'react';
import { addDays, daysBetween, type Gantt } from '../queries';

export type GanttTask = Gantt['tasks'][number];
const DAY = 24; // px per day
const ROW = 32; // px per row (2em at 16px)
const LABEL = 224; // px (14em)

/** The chart: a header of weeks, a row per task with its bar, and dependency lines (SVG). */
export function GanttChart({
  gantt,
  writable,
  onShift,
  onOpen,
}: {
  gantt: Gantt;
  writable: boolean;
  onShift: (task: GanttTask, days: number) => void;
  onOpen: (taskId: string) => void;
}) {
  const [drag, setDrag] = useState<{ id: string; x: number; days: number } | null>(null);
  const moved = useRef(false);
  const dated = gantt.tasks.filter((t) => t.startDate ?? t.dueDate);
  if (gantt.tasks.length === 0) return <p className="muted">No tasks yet.</p>;
  const starts = dated.map((t) => (t.startDate ?? t.dueDate)!);
  const ends = dated.map((t) => (t.dueDate ?? t.startDate)!);
  const today = new Date().toISOString().slice(0, 10);
  const first = addDays([...starts, today].sort()[0]!, -7);
  const last = addDays([...ends, today].sort().at(-1)!, 14);
  const span = daysBetween(first, last) + 1;
  const x = (iso: string) => LABEL + daysBetween(first, iso) * DAY;
  const row = new Map(gantt.tasks.map((t, i) => [t.id, i]));
  const weeks: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 7)) weeks.push(d);

  const endDrag = (e: PointerEvent<HTMLElement>, t: GanttTask) => {
    if (!drag || drag.id !== t.id) return;
    e.currentTarget.releasePointerCapture(e.pointerId);
    setDrag(null);
    if (drag.days !== 0) onShift(t, drag.days);
  };

  return (
    <div className="pj-gantt" style={{ width: '100%' }}>
      <div style={{ position: 'relative', width: LABEL + span * DAY, height: (gantt.tasks.length + 1) * ROW }}>
        <div className="pj-gantt-row" aria-hidden="true">
          {weeks.map((w) => (
            <span key={w} className="muted" style={{ position: 'absolute', left: x(w), fontSize: '0.75em' }}>
              {w}
            </span>
          ))}
        </div>
        <svg
          className="pj-gantt-lines"
          width={LABEL + span * DAY}
          height={(gantt.tasks.length + 1) * ROW}
          aria-hidden="true"
        >
          <line
            x1={x(today)}
            x2={x(today)}
            y1={0}
            y2={(gantt.tasks.length + 1) * ROW}
            stroke="var(--danger)"
            strokeDasharray="4 4"
          />
          {gantt.dependencies.map((d) => {
            const a = gantt.tasks.find((t) => t.id === d.predecessorId);
            const b = gantt.tasks.find((t) => t.id === d.successorId);
            const ra = row.get(d.predecessorId);
            const rb = row.get(d.successorId);
            if (!a || !b || ra === undefined || rb === undefined) return null;
            const aEnd = a.dueDate ?? a.startDate;
            const aStart = a.startDate ?? a.dueDate;
            const bStart = b.startDate ?? b.dueDate;
            if (!aEnd || !aStart || !bStart) return null;
            const x1 = d.kind === 'finish_to_start' ? x(aEnd) + DAY : x(aStart);
            const y1 = (ra + 1.5) * ROW;
            const x2 = x(bStart);
            const y2 = (rb + 1.5) * ROW;
            return (
              <path
                key={d.id}
                d={`M${x1},${y1} H${x1 + 6} V${y2} H${x2}`}
                fill="none"
                stroke="currentColor"
                strokeOpacity={0.6}
                markerEnd="url(#pj-arrow)"
              />
            );
          })}
          <defs>
            <marker id="pj-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
            </marker>
          </defs>
        </svg>
        <ul aria-label="Tasks on the timeline" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {gantt.tasks.map((t) => {
            const s = t.startDate ?? t.dueDate;
            const e = t.dueDate ?? t.startDate;
            const offset = drag?.id === t.id ? drag.days * DAY : 0;
            return (
              <li key={t.id} className="pj-gantt-row">
                <span className="pj-gantt-label">
                  <button type="button" className="pj-link" onClick={() => onOpen(t.id)} title={t.title}>
                    {t.key}
                  </button>{' '}
                  {t.title}
                </span>
                {s && e && (
                  <button
                    type="button"
                    className={`pj-gantt-bar${t.statusCategory === 'done' ? ' pj-gantt-bar-done' : ''}${t.type === 'milestone' ? ' pj-gantt-milestone' : ''}`}
                    style={{ left: x(s) + offset, width: (daysBetween(s, e) + 1) * DAY - 2 }}
                    aria-label={`${t.key} ${t.title}: ${s} to ${e}${t.percent !== null ? `, ${t.percent}% done` : ''}. Press left or right arrow to move by a day.`}
                    data-task-id={t.id}
                    disabled={!writable}
                    onPointerDown={(ev) => {
                      if (!writable) return;
                      ev.currentTarget.setPointerCapture(ev.pointerId);
                      moved.current = false;
                      setDrag({ id: t.id, x: ev.clientX, days: 0 });
                    }}
                    onPointerMove={(ev) => {
                      if (drag?.id !== t.id) return;
                      const days = Math.round((ev.clientX - drag.x) / DAY);
                      if (days !== drag.days) {
                        moved.current = true;
                        setDrag({ ...drag, days });
                      }
                    }}
                    onPointerUp={(ev) => endDrag(ev, t)}
                    onPointerCancel={() => setDrag(null)}
                    onKeyDown={(ev) => {
                      if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') {
                        ev.preventDefault();
                        onShift(t, ev.key === 'ArrowLeft' ? -1 : 1);
                      }
                    }}
                  >
                    {t.type === 'milestone' ? '' : t.percent !== null ? `${t.percent}%` : ''}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
