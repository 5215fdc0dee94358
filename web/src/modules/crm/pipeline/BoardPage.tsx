import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useId, useRef, useState, type DragEvent } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import {
  ErrorState,
  formatMoney,
  listQueryKey,
  Money,
  PageHeader,
  Skeleton,
  useAuth,
  useToast,
} from '../../../components';
import { SCALE, sumDecimals } from '../../../components/decimal';
import {
  crmKeys,
  OwnerName,
  pickPipeline,
  usePipelines,
  useUserDirectory,
  type Board,
  type BoardStage,
  type Opportunity,
} from '../shared/queries';
import { ReasonDialog } from '../shared/ReasonDialog';
import '../crm.css';

interface MoveRequest {
  opp: Opportunity;
  toStageId: string;
  /** Insert before this card; null = at the end of the column. */
  beforeId: string | null;
}
interface MoveVars {
  opp: Opportunity;
  toStageId: string;
  position: number;
  beforeId: string | null;
  reason?: string;
}

/** Cards per column at first, and per "Show more". */
const BOARD_LIMIT = 100;
/** The most one board request returns per stage. */
const MAX_LIMIT = 500;

/**
 * The board with `extra[stageId]` more cards loaded in those columns (after the first BOARD_LIMIT):
 * one request for the board, then per expanded column its next slice (`stageId` + `offset`).
 */
async function fetchBoard(pipelineId: string, ownerId: string, extra: Record<string, number>): Promise<Board> {
  const owner = ownerId ? { ownerId } : {};
  const board = await unwrap(
    api.GET('/api/v1/crm/pipelines/{id}/board', {
      params: { path: { id: pipelineId }, query: { limit: BOARD_LIMIT, offset: 0, ...owner } },
    }),
  );
  const more = new Map<string, Opportunity[]>();
  await Promise.all(
    Object.entries(extra).map(async ([stageId, n]) => {
      const cards: Opportunity[] = [];
      for (let offset = BOARD_LIMIT; offset < BOARD_LIMIT + n; offset += MAX_LIMIT) {
        const slice = await unwrap(
          api.GET('/api/v1/crm/pipelines/{id}/board', {
            params: {
              path: { id: pipelineId },
              query: { stageId, offset, limit: Math.min(MAX_LIMIT, BOARD_LIMIT + n - offset), ...owner },
            },
          }),
        );
        cards.push(...(slice.stages[0]?.opportunities ?? []));
      }
      more.set(stageId, cards);
    }),
  );
  return {
    ...board,
    stages: board.stages.map((s) => {
      const seen = new Set(s.opportunities.map((o) => o.id));
      const added = (more.get(s.id) ?? []).filter((o) => !seen.has(o.id));
      return added.length ? { ...s, opportunities: [...s.opportunities, ...added] } : s;
    }),
  };
}

/**
 * The pipeline board: a column per stage with its opportunity cards. Drag a card (native HTML5
 * drag-and-drop) to another column or place, or use its "Move" menu from the keyboard. Moves are
 * optimistic and roll back on error; entering the lost stage asks why.
 */
export default function BoardPage() {
  const search = useSearch({ strict: false }) as { pipelineId?: string; ownerId?: string };
  const navigate = useNavigate();
  const uid = useId();
  const { can } = useAuth();
  const writable = can('crm:write');
  const pipelines = usePipelines();
  const { ownerOptions } = useUserDirectory();
  const pipeline = pickPipeline(pipelines.data?.items, search.pipelineId);
  const ownerId = search.ownerId ?? '';
  const [extra, setExtra] = useState<Record<string, number>>({});
  const key = [...crmKeys.board(pipeline?.id ?? '', ownerId), extra] as const;
  const queryClient = useQueryClient();
  const toast = useToast();
  const board = useQuery({
    queryKey: key,
    queryFn: () => fetchBoard(pipeline!.id, ownerId, extra),
    enabled: Boolean(pipeline),
    placeholderData: keepPreviousData,
  });
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<{ stageId: string; beforeId: string | null } | null>(null);
  const [askReason, setAskReason] = useState<MoveVars | null>(null);
  const [status, setStatus] = useState('');

  const move = useMutation({
    mutationFn: (v: MoveVars) =>
      unwrap(
        api.POST('/api/v1/crm/opportunities/{id}/move', {
          params: { path: { id: v.opp.id } },
          body: {
            version: v.opp.version,
            stageId: v.toStageId,
            position: v.position,
            ...(v.reason ? { reason: v.reason } : {}),
          },
        }),
      ),
    onMutate: async (v) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Board>(key);
      if (before) queryClient.setQueryData<Board>(key, applyMove(before, v));
      return { before };
    },
    onError: (error, v, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      const conflict = error instanceof ProblemError && error.isVersionConflict;
      toast.error(
        conflict
          ? `${v.opp.name} was changed by someone else; the board is reloaded, try again.`
          : `Could not move ${v.opp.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
      setStatus(`Move of ${v.opp.name} failed and was undone.`);
    },
    onSuccess: (saved, v) => {
      if (saved) queryClient.setQueryData(crmKeys.opportunity(saved.id), saved);
      const stage = board.data?.stages.find((s) => s.id === v.toStageId);
      setStatus(`${v.opp.name} moved to ${stage?.name ?? 'another stage'}.`);
    },
    onSettled: async (_d, _e, v) => {
      await queryClient.invalidateQueries({ queryKey: ['crm', 'board'] });
      await queryClient.invalidateQueries({ queryKey: crmKeys.stageHistory(v.opp.id) });
      await queryClient.invalidateQueries({ queryKey: crmKeys.timeline('opportunities', v.opp.id) });
      await queryClient.invalidateQueries({ queryKey: ['crm', 'forecast'] });
      await queryClient.invalidateQueries({ queryKey: listQueryKey(crmKeys.opportunities) });
    },
  });

  const requestMove = ({ opp, toStageId, beforeId }: MoveRequest) => {
    const stages = board.data?.stages ?? [];
    const target = stages.find((s) => s.id === toStageId);
    if (!target || beforeId === opp.id) return;
    const others = target.opportunities.filter((o) => o.id !== opp.id);
    const sameStage = opp.stageId === toStageId;
    let position: number;
    const before = beforeId ? others.find((o) => o.id === beforeId) : undefined;
    if (before) position = before.position - (sameStage && opp.position < before.position ? 1 : 0);
    else {
      const last = others.at(-1);
      position = last ? last.position + (sameStage && opp.position < last.position ? 0 : 1) : 0;
    }
    if (sameStage) {
      const ids = target.opportunities.map((o) => o.id);
      const from = ids.indexOf(opp.id);
      const to = before ? others.indexOf(before) : others.length;
      if (from === to) return; // dropped where it was
    }
    const vars: MoveVars = { opp, toStageId, position, beforeId };
    if (target.isLost && !sameStage) setAskReason(vars);
    else move.mutate(vars);
  };

  // ---- native drag-and-drop ----
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
    const opp = board.data?.stages.flatMap((s) => s.opportunities).find((o) => o.id === id);
    const beforeId = dropAt?.stageId === stage.id ? dropAt.beforeId : null;
    setDragging(null);
    setDropAt(null);
    if (opp) requestMove({ opp, toStageId: stage.id, beforeId });
  };

  const setSearch = (next: { pipelineId?: string; ownerId?: string }) => {
    setExtra({});
    void navigate({
      to: '/crm/board',
      search: {
        ...(search.pipelineId ? { pipelineId: search.pipelineId } : {}),
        ...(search.ownerId ? { ownerId: search.ownerId } : {}),
        ...next,
      },
      replace: true,
    });
  };

  return (
    <>
      <PageHeader
        title="Pipeline board"
        description="Drag cards between stages, or use a card’s Move menu."
        actions={
          <>
            <Link to="/crm/opportunities">List view</Link>
            {writable && (
              <Link to="/crm/opportunities/new" className="btn btn-primary">
                New opportunity
              </Link>
            )}
          </>
        }
      />
      <div className="toolbar" role="group" aria-label="Board options">
        {(pipelines.data?.items.length ?? 0) > 1 && (
          <div className="filter">
            <label htmlFor={`${uid}-pipeline`}>Pipeline</label>
            <select
              id={`${uid}-pipeline`}
              value={pipeline?.id ?? ''}
              onChange={(e) => setSearch({ pipelineId: e.target.value })}
            >
              {pipelines.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="filter">
          <label htmlFor={`${uid}-owner`}>Owner</label>
          <select
            id={`${uid}-owner`}
            value={ownerId}
            onChange={(e) => setSearch({ ownerId: e.target.value || undefined })}
          >
            <option value="">All I can see</option>
            {ownerOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {pipelines.isError ? (
        <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : !board.data ? (
        <div className="crm-board">
          {Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="crm-column">
              <Skeleton height="10em" />
            </div>
          ))}
        </div>
      ) : (
        <div className="crm-board" aria-busy={board.isFetching || move.isPending}>
          {board.data.stages.map((stage) => (
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
                      stages={board.data.stages}
                      writable={writable}
                      onMove={(toStageId, beforeId) => requestMove({ opp, toStageId, beforeId })}
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
                    disabled={board.isFetching}
                    aria-busy={board.isFetching}
                    onClick={() => setExtra({ ...extra, [stage.id]: (extra[stage.id] ?? 0) + BOARD_LIMIT })}
                  >
                    Show {Math.min(BOARD_LIMIT, stage.total - stage.opportunities.length)} more
                    <span className="visually-hidden"> in {stage.name}</span>
                  </button>
                </div>
              )}
            </section>
          ))}
        </div>
      )}
      {askReason && (
        <ReasonDialog
          title={`Why was ${askReason.opp.name} lost?`}
          label="Reason"
          confirmLabel="Mark lost"
          required
          onDone={(reason) => {
            const vars = askReason;
            setAskReason(null);
            if (reason) move.mutate({ ...vars, reason });
          }}
        />
      )}
    </>
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

function OpportunityCard({
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

/** The board after a move, for the optimistic update (server positions come with the refetch). */
function applyMove(board: Board, v: MoveVars): Board {
  const target = board.stages.find((s) => s.id === v.toStageId);
  const probability = v.opp.stageId === v.toStageId ? v.opp.probability : (target?.probability ?? v.opp.probability);
  const moved: Opportunity = { ...v.opp, stageId: v.toStageId, position: v.position, probability };
  return {
    ...board,
    stages: board.stages.map((s) => {
      let list = s.opportunities.filter((o) => o.id !== v.opp.id);
      const left = s.opportunities.length - list.length;
      let total = s.total - left;
      let amounts = left ? addAmount(s.amountByCurrency, v.opp, -1) : s.amountByCurrency;
      if (s.id === v.toStageId) {
        const at = v.beforeId ? list.findIndex((o) => o.id === v.beforeId) : -1;
        list = at < 0 ? [...list, moved] : [...list.slice(0, at), moved, ...list.slice(at)];
        total += 1;
        amounts = addAmount(amounts, v.opp, 1);
      }
      return { ...s, opportunities: list, total, amountByCurrency: amounts };
    }),
  };
}

/** A stage's amounts with one opportunity added (1) or taken away (-1), exactly (decimal strings). */
function addAmount(amounts: BoardStage['amountByCurrency'], opp: Opportunity, sign: 1 | -1) {
  const found = amounts.some((a) => a.currency === opp.currency);
  const next = found ? amounts : [...amounts, { currency: opp.currency, count: 0, amount: '0' }];
  return next
    .map((a) =>
      a.currency === opp.currency
        ? {
            ...a,
            count: a.count + sign,
            amount: sumDecimals([a.amount, sign === 1 ? opp.amount : `-${opp.amount}`], SCALE),
          }
        : a,
    )
    .filter((a) => a.count > 0)
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
