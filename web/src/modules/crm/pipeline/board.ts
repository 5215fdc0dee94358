// The board's data: loading it (with the extra cards of expanded columns) and the optimistic move.
import { api, unwrap } from '../../../api';
import { SCALE, sumDecimals } from '../../../components/decimal';
import type { Board, BoardStage, Opportunity } from '../shared/queries';

export interface MoveRequest {
  opp: Opportunity;
  toStageId: string;
  /** Insert before this card; null = at the end of the column. */
  beforeId: string | null;
}
export interface MoveVars {
  opp: Opportunity;
  toStageId: string;
  position: number;
  beforeId: string | null;
  reason?: string;
}

/** Cards per column at first, and per "Show more". */
export const BOARD_LIMIT = 100;
/** The most one board request returns per stage. */
const MAX_LIMIT = 500;

/**
 * The board with `extra[stageId]` more cards loaded in those columns (after the first BOARD_LIMIT):
 * one request for the board, then per expanded column its next slice (`stageId` + `offset`).
 */
export async function fetchBoard(pipelineId: string, ownerId: string, extra: Record<string, number>): Promise<Board> {
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

/** The board after a move, for the optimistic update (server positions come with the refetch). */
export function applyMove(board: Board, v: MoveVars): Board {
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
