import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { kpisOfCycle } from '../kpis/kpis.repository.js';
import type { Perspective } from '../strategy.tables.js';
import { findCycle } from './cycles.repository.js';
import { perspectives } from './okr.schemas.js';
import { plain, shown } from './progress.js';
import { loadBoard } from './views.js';

/**
 * The balanced scorecard of a cycle: its active objectives and KPIs grouped by perspective
 * (financial, customer, internal process, learning and growth), each objective with its progress,
 * health and parent (the links of the strategy map). KPI values come from `POST /kpis/{id}/evaluate`.
 */
export async function scorecard(db: Db, cycleId: string) {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw errors.notFound('Cycle', cycleId);
  const [board, kpis] = await Promise.all([loadBoard(db, cycle), kpisOfCycle(db, cycleId)]);
  const of = (p: Perspective) => ({
    perspective: p,
    objectives: board.objectives
      .filter((o) => o.perspective === p && o.status !== 'cancelled')
      .map((o) => ({
        id: o.id,
        parentId: o.parent_id,
        title: o.title,
        level: o.level,
        progress: shown(board.objectiveProgress.get(o.id)!),
        health: o.health,
      })),
    kpis: kpis
      .filter((k) => k.perspective === p)
      .map((k) => ({ id: k.id, name: k.name, metricKey: k.metric_key, target: plain(k.target) })),
  });
  return { cycleId, perspectives: perspectives.map(of) };
}
