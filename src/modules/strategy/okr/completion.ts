import type { Decimal } from 'decimal.js';
import type { Tx } from '../../../platform/db/database.js';
import { emit } from '../../../platform/events/emit.js';
import { keyResultCompleted } from '../strategy.events.js';
import { markCompleted } from './objectives.repository.js';
import type { KeyResultRow, ObjectiveRow } from './views.js';

/** The first time a key result's progress reaches 100 %: note it, and emit `strategy.key-result.completed`. */
export async function noteCompletion(
  trx: Tx,
  kr: KeyResultRow,
  objective: ObjectiveRow,
  progress: Decimal,
  actorId: string | null,
): Promise<void> {
  if (kr.completed_at !== null || progress.lt(100)) return;
  if (!(await markCompleted(trx, kr.id))) return;
  await emit(trx, {
    type: keyResultCompleted,
    payload: { keyResultId: kr.id, objectiveId: objective.id, cycleId: objective.cycle_id },
    actorId,
  });
}
