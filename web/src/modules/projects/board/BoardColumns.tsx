import { useId, useState, type DragEvent } from 'react';
import type { Board } from '../queries';
import type { MoveRequest } from './BoardPage';
import { TaskCard } from './TaskCard';

/** The board's columns with their cards; a drop lands after the card above the pointer. */
export function BoardColumns({
  board,
  writable,
  busy,
  onMove,
  onOpen,
}: {
  board: Board;
  writable: boolean;
  busy: boolean;
  onMove: (m: MoveRequest) => void;
  onOpen: (taskId: string) => void;
}) {
  const uid = useId();
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const cards = board.columns.flatMap((c) => c.cards);

  const onDrop = (e: DragEvent<HTMLElement>, statusId: string) => {
    e.preventDefault();
    const id = e.dataTransfer.getData('text/plain') || dragging;
    setDragging(null);
    setOver(null);
    const card = cards.find((c) => c.id === id);
    const column = board.columns.find((c) => c.statusId === statusId);
    if (!card || !column) return;
    const others = column.cards.filter((c) => c.id !== card.id);
    const els = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-card-id]')].filter(
      (el) => el.dataset.cardId !== card.id,
    );
    const below = els.findIndex((el) => {
      const r = el.getBoundingClientRect();
      return e.clientY < r.top + r.height / 2;
    });
    const index = below < 0 ? others.length : below;
    const afterTaskId = index === 0 ? null : (others[index - 1]?.id ?? null);
    const from = board.columns.find((c) => c.cards.some((x) => x.id === card.id));
    if (from?.statusId === statusId && column.cards.indexOf(card) === index) return;
    onMove({ card, toStatusId: statusId, afterTaskId });
  };

  return (
    <div className="pj-board" aria-busy={busy}>
      {board.columns.map((col) => (
        <section
          key={col.statusId}
          className={`pj-column${over === col.statusId ? ' pj-column-over' : ''}`}
          aria-labelledby={`${uid}-${col.statusId}`}
          data-status-id={col.statusId}
          onDragOver={(e) => {
            if (!dragging) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            if (over !== col.statusId) setOver(col.statusId);
          }}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
          }}
          onDrop={(e) => onDrop(e, col.statusId)}
        >
          <header className="pj-column-head">
            <h2 id={`${uid}-${col.statusId}`}>{col.name}</h2>
            <span className="badge" aria-label={`${col.count} tasks`}>
              {col.count}
            </span>
          </header>
          <ul className="pj-cards" aria-label={`${col.name} tasks`}>
            {col.cards.map((card, i) => (
              <li
                key={card.id}
                data-card-id={card.id}
                className={`pj-card${card.blocked ? ' pj-card-blocked' : ''}`}
                draggable={writable}
                onDragStart={(e) => {
                  e.dataTransfer.setData('text/plain', card.id);
                  e.dataTransfer.effectAllowed = 'move';
                  setDragging(card.id);
                }}
                onDragEnd={() => {
                  setDragging(null);
                  setOver(null);
                }}
              >
                <TaskCard
                  card={card}
                  columns={board.columns}
                  currentStatusId={col.statusId}
                  writable={writable}
                  prevPrevId={i >= 2 ? col.cards[i - 2]!.id : i === 1 ? null : undefined}
                  nextId={col.cards[i + 1]?.id}
                  onOpen={() => onOpen(card.id)}
                  onMove={(toStatusId, afterTaskId) => onMove({ card, toStatusId, afterTaskId })}
                />
              </li>
            ))}
          </ul>
          {col.count > col.cards.length && (
            <p className="muted">
              Showing {col.cards.length} of {col.count}
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
