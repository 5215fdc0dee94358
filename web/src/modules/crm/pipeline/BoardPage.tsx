import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { PageHeader, QueryState, Skeleton, useAuth } from '../../../components';
import { crmKeys, pickPipeline, usePipelines, useUserDirectory } from '../shared/queries';
import { ReasonDialog } from '../shared/ReasonDialog';
import { BOARD_LIMIT, fetchBoard } from './board';
import { BoardColumns } from './BoardColumns';
import { useBoardMove } from './useBoardMove';
import '../crm.css';

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
  const board = useQuery({
    queryKey: key,
    queryFn: () => fetchBoard(pipeline!.id, ownerId, extra),
    enabled: Boolean(pipeline),
    placeholderData: keepPreviousData,
  });
  const { requestMove, moving, askReason, answerReason, status } = useBoardMove(key, board.data);

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
      <QueryState query={pipelines} loading={<BoardSkeleton />}>
        {() => (
          <QueryState query={board} loading={<BoardSkeleton />}>
            {(data) => (
              <BoardColumns
                board={data}
                writable={writable}
                busy={board.isFetching || moving}
                fetching={board.isFetching}
                onMove={requestMove}
                onShowMore={(stageId) => setExtra({ ...extra, [stageId]: (extra[stageId] ?? 0) + BOARD_LIMIT })}
              />
            )}
          </QueryState>
        )}
      </QueryState>
      {askReason && (
        <ReasonDialog
          title={`Why was ${askReason.opp.name} lost?`}
          label="Reason"
          confirmLabel="Mark lost"
          required
          onDone={answerReason}
        />
      )}
    </>
  );
}

/** Five grey columns while the board loads. */
function BoardSkeleton() {
  return (
    <div className="crm-board">
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="crm-column">
          <Skeleton height="10em" />
        </div>
      ))}
    </div>
  );
}
