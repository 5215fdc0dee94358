import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import { listQueryKey, useToast } from '../../../components';
import { crmKeys, type Board } from '../shared/queries';
import { applyMove, type MoveRequest, type MoveVars } from './board';

/**
 * Moving cards on the board under `key`: `requestMove` turns a drop (or a Move menu choice) into a
 * position and moves optimistically, rolling back on error; entering the lost stage first asks why
 * (`askReason`, answered with `answerReason`). `status` is the last outcome, for a live region.
 */
export function useBoardMove(key: QueryKey, board: Board | undefined) {
  const queryClient = useQueryClient();
  const toast = useToast();
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
      const stage = board?.stages.find((s) => s.id === v.toStageId);
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
    const stages = board?.stages ?? [];
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

  /** The lost-reason dialog closed: move with the reason, or not at all (cancelled). */
  const answerReason = (reason: string | null | undefined) => {
    const vars = askReason;
    setAskReason(null);
    if (vars && reason) move.mutate({ ...vars, reason });
  };

  return { requestMove, moving: move.isPending, askReason, answerReason, status };
}
