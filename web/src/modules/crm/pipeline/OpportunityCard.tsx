import { Link } from '@tanstack/react-router';
import { useId, useRef, useState } from 'react';
import { Money } from '../../../components';
import { OwnerName, type BoardStage, type Opportunity } from '../shared/queries';

/** A card on the board: name, organization, amount, probability, owner; "Move…" is the keyboard way to move it. */
export function OpportunityCard({
  opp,
  stages,
  writable,
  onMove,
  prevId,
  nextNextId,
}: {
  opp: Opportunity;
  stages: BoardStage[];
  writable: boolean;
  onMove: (toStageId: string, beforeId: string | null) => void;
  prevId: string | null;
  /** The card two below (move down = before it); null = move down to the end; undefined = already last. */
  nextNextId: string | null | undefined;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const pick = (toStageId: string, beforeId: string | null) => {
    setOpen(false);
    onMove(toStageId, beforeId);
  };
  return (
    <article className="crm-card-body" aria-label={opp.name}>
      <Link to={`/crm/opportunities/${opp.id}`} className="crm-card-title" draggable={false}>
        {opp.name}
      </Link>
      {opp.organizationId && (
        <span className="muted crm-card-org">{opp.organizationName ?? 'Organization not visible to you'}</span>
      )}
      <span className="crm-card-meta">
        <Money amount={opp.amount} currency={opp.currency} />
        <span className="muted">
          {opp.probability}% · <OwnerName name={opp.ownerName} />
        </span>
      </span>
      {writable && (
        <div
          className="menu crm-card-menu"
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
            aria-label={`Move ${opp.name}`}
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen(!open)}
          >
            Move…
          </button>
          {open && (
            <div id={panelId} className="menu-panel" role="group" aria-label={`Move ${opp.name} to`}>
              {prevId && (
                <button type="button" className="menu-item" onClick={() => pick(opp.stageId, prevId)} autoFocus>
                  ↑ Up
                </button>
              )}
              {nextNextId !== undefined && (
                <button
                  type="button"
                  className="menu-item"
                  onClick={() => pick(opp.stageId, nextNextId)}
                  autoFocus={!prevId}
                >
                  ↓ Down
                </button>
              )}
              {stages
                .filter((s) => s.id !== opp.stageId)
                .map((s, i) => (
                  <button
                    key={s.id}
                    type="button"
                    className="menu-item"
                    onClick={() => pick(s.id, null)}
                    autoFocus={!prevId && nextNextId === undefined && i === 0}
                  >
                    Move to {s.name}
                  </button>
                ))}
            </div>
          )}
        </div>
      )}
    </article>
  );
}
