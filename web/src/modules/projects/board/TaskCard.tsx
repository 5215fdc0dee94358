import { useId, useRef, useState } from 'react';
import type { Board, BoardCard } from '../queries';

/** A card: key, title, priority, due date, a "Blocked" mark; "Move…" is the keyboard way to move it. */
export function TaskCard({
  card,
  columns,
  currentStatusId,
  writable,
  prevPrevId,
  nextId,
  onOpen,
  onMove,
}: {
  card: BoardCard;
  columns: Board['columns'];
  currentStatusId: string;
  writable: boolean;
  /** Move up = after this card; null = to the top; undefined = already first. */
  prevPrevId: string | null | undefined;
  /** Move down = after this card; undefined = already last. */
  nextId: string | undefined;
  onOpen: () => void;
  onMove: (toStatusId: string, afterTaskId: string | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const label = `${card.key} ${card.title}`;
  const pick = (statusId: string, after: string | null) => {
    setOpen(false);
    onMove(statusId, after);
  };
  return (
    <article aria-label={label}>
      <button type="button" className="pj-link" onClick={onOpen} draggable={false}>
        <strong>{card.key}</strong> {card.title}
      </button>
      <div className="pj-card-meta muted">
        {card.type !== 'task' && <span>{card.type}</span>}
        <span>{card.priority}</span>
        {card.dueDate && <span>due {card.dueDate}</span>}
        {card.estimateHours && <span>{card.estimateHours} h</span>}
        {card.checklist && (
          <span aria-label={`Checklist ${card.checklist.done} of ${card.checklist.total} done`}>
            ☑ {card.checklist.done}/{card.checklist.total}
          </span>
        )}
        {card.blocked && <span className="badge">Blocked</span>}
      </div>
      {writable && (
        <div
          className="menu"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && open) {
              e.stopPropagation();
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          <button
            ref={button}
            type="button"
            className="btn btn-ghost"
            aria-label={`Move ${card.key}`}
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen(!open)}
          >
            Move…
          </button>
          {open && (
            <div id={panelId} className="menu-panel" role="group" aria-label={`Move ${card.key} to`}>
              {prevPrevId !== undefined && (
                <button type="button" className="menu-item" onClick={() => pick(currentStatusId, prevPrevId)}>
                  ↑ Up
                </button>
              )}
              {nextId !== undefined && (
                <button type="button" className="menu-item" onClick={() => pick(currentStatusId, nextId)}>
                  ↓ Down
                </button>
              )}
              {columns
                .filter((c) => c.statusId !== currentStatusId)
                .map((c, i) => (
                  <button
                    key={c.statusId}
                    type="button"
                    className="menu-item"
                    autoFocus={i === 0}
                    onClick={() => pick(c.statusId, c.cards.at(-1)?.id ?? null)}
                  >
                    Move to {c.name}
                  </button>
                ))}
            </div>
          )}
        </div>
      )}
    </article>
  );
}
