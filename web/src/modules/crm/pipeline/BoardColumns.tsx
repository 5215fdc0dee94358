import { useId, useState, type DragEvent } from 'react';
import { formatMoney, Money } from '../../../components';
import type { Board, BoardStage } from '../shared/queries';
import { BOARD_LIMIT, type MoveRequest } from './board';
import { OpportunityCard } from './OpportunityCard';

/**
 * The board's columns, a stage each, with its cards. Cards move by native HTML5 drag-and-drop (a
 * marker shows where a card would land) or by their Move menu; both end in `onMove`.
 */
export function BoardColumns({
  board,
  writable,
  busy,
  fetching,
  onMove,
  onShowMore,
}: {
  board: Board;
  writable: boolean;
  /** Reloading or moving: the board is marked busy. */
  busy: boolean;
  /** Reloading: "Show more" waits. */
  fetching: boolean;
  onMove: (request: MoveRequest) => void;
  /** Load BOARD_LIMIT more cards in this stage's column. */
  onShowMore: (stageId: string) => void;
}) {
  const uid = useId();
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<{ stageId: string; beforeId: string | null } | null>(null);

  const onDragOver = (e: DragEvent<HTMLElement>, stage: BoardStage) => {
    if (!dragging) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const cards = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-card-id]')];
    const next = cards.find((c) => {
      const r = c.getBoundingClientRect();
      return e.clientY < r.top + r.height / 2;
    });
    const beforeId = next?.dataset.cardId ?? null;
    if (dropAt?.stageId !== stage.id || dropAt.beforeId !== beforeId) setDropAt({ stageId: stage.id, beforeId });
  };
  const onDrop = (e: DragEvent<HTMLElement>, stage: BoardStage) => {
    e.preventDefault();
    const id = e.dataTransfer.getData('text/plain') || dragging;
    const opp = board.stages.flatMap((s) => s.opportunities).find((o) => o.id === id);
    const beforeId = dropAt?.stageId === stage.id ? dropAt.beforeId : null;
    setDragging(null);
    setDropAt(null);
    if (opp) onMove({ opp, toStageId: stage.id, beforeId });
  };

  return (
    <div className="crm-board" aria-busy={busy}>
      {board.stages.map((stage) => (
        <section
          key={stage.id}
          className={`crm-column${dropAt?.stageId === stage.id ? ' crm-column-over' : ''}${stage.isWon ? ' crm-column-won' : ''}${stage.isLost ? ' crm-column-lost' : ''}`}
          aria-labelledby={`${uid}-stage-${stage.id}`}
          data-stage-id={stage.id}
          onDragOver={(e) => onDragOver(e, stage)}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropAt(null);
          }}
          onDrop={(e) => onDrop(e, stage)}
        >
          <header className="crm-column-head">
            <h2 id={`${uid}-stage-${stage.id}`}>{stage.name}</h2>
            <span className="badge" aria-label={`${stage.total} opportunities`}>
              {stage.total}
            </span>
            <StageTotals stage={stage} />
          </header>
          <ul className="crm-cards" aria-label={`${stage.name} opportunities`}>
            {stage.opportunities.map((opp, i) => (
              <li
                key={opp.id}
                data-card-id={opp.id}
                className={`crm-card${dragging === opp.id ? ' crm-card-dragging' : ''}${dropAt?.stageId === stage.id && dropAt.beforeId === opp.id ? ' crm-card-drop-before' : ''}`}
                draggable={writable}
                onDragStart={(e) => {
                  e.dataTransfer.setData('text/plain', opp.id);
                  e.dataTransfer.effectAllowed = 'move';
                  setDragging(opp.id);
                }}
                onDragEnd={() => {
                  setDragging(null);
                  setDropAt(null);
                }}
              >
                <OpportunityCard
                  opp={opp}
                  stages={board.stages}
                  writable={writable}
                  onMove={(toStageId, beforeId) => onMove({ opp, toStageId, beforeId })}
                  prevId={stage.opportunities[i - 1]?.id ?? null}
                  nextNextId={
                    i + 2 < stage.opportunities.length
                      ? stage.opportunities[i + 2]!.id
                      : i + 1 < stage.opportunities.length
                        ? null
                        : undefined
                  }
                />
              </li>
            ))}
            {dropAt?.stageId === stage.id && dropAt.beforeId === null && (
              <li className="crm-drop-end" aria-hidden="true" />
            )}
          </ul>
          {stage.opportunities.length === 0 && <p className="muted crm-column-empty">No opportunities</p>}
          {stage.total > stage.opportunities.length && (
            <div className="crm-column-more">
              <span className="muted">
                Showing {stage.opportunities.length} of {stage.total}
              </span>
              <button
                type="button"
                className="btn"
                disabled={fetching}
                aria-busy={fetching}
                onClick={() => onShowMore(stage.id)}
              >
                Show {Math.min(BOARD_LIMIT, stage.total - stage.opportunities.length)} more
                <span className="visually-hidden"> in {stage.name}</span>
              </button>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}

/** The stage's amounts per currency, summed by the API over all its opportunities (not only those shown). */
function StageTotals({ stage }: { stage: BoardStage }) {
  const totals = stage.amountByCurrency;
  if (totals.length === 0) return null;
  return (
    <p
      className="crm-column-total"
      aria-label={`Total ${totals.map((t) => formatMoney(t.amount, t.currency)).join(' + ')}`}
    >
      {totals.map((t) => (
        <span key={t.currency}>
          <Money amount={t.amount} currency={t.currency} />
        </span>
      ))}
    </p>
  );
}
