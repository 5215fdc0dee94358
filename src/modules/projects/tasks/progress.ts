import { Decimal } from 'decimal.js';
import { Money } from '../../../platform/money/money.js';
import type { ProgressRow, projectTree } from './tasks.repository.js';
import type { ProgressDto } from './tasks.schemas.js';

/**
 * Progress is computed, never typed (OpenProject's work-weighted rule): over the leaf work items under
 * a task or in a project (tasks without subtasks), the share of estimated hours that is done. Leaves
 * without an estimate carry no weight; when no leaf has an estimate, the share of done leaves counts.
 * `done`/`total` count the leaves either way.
 */
export function toProgress(row: ProgressRow | undefined): ProgressDto {
  if (!row || row.total === 0) return { percent: null, done: 0, total: 0, doneHours: '0', totalHours: '0' };
  const totalHours = new Money(row.total_hours);
  const doneHours = new Money(row.done_hours);
  const share = row.estimated > 0 && totalHours.gt(0) ? doneHours.div(totalHours) : new Money(row.done).div(row.total);
  return {
    percent: share.times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toNumber(),
    done: row.done,
    total: row.total,
    doneHours: doneHours.toFixed(2),
    totalHours: totalHours.toFixed(2),
  };
}

/** Hours with at most 2 decimals (numeric(10, 2)) as exact hundredths, and back. */
const hundredths = (hours: string): number => {
  const [whole = '0', fraction = ''] = hours.split('.');
  return Number(whole) * 100 + Number(`${fraction}00`.slice(0, 2));
};
const fromHundredths = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

/**
 * The roll-up of every task that has subtasks, from the condensed tree (`projectTree`): each parent's
 * direct-leaf figures are added to it and to each of its ancestors. The same figures as
 * `subtreeProgress`, without a recursive query (whose row estimates made PostgreSQL JIT-compile it
 * for over a second at 20,000 tasks).
 */
export function rollupTree(tree: Awaited<ReturnType<typeof projectTree>>): Map<string, ProgressRow> {
  const parentOf = new Map(tree.parents.map((p) => [p.id, p.parent_id]));
  const sums = new Map<string, { total: number; done: number; totalH: number; doneH: number; estimated: number }>();
  for (const leaf of tree.leaves) {
    const totalH = hundredths(leaf.total_hours);
    const doneH = hundredths(leaf.done_hours);
    for (let up: string | null = leaf.id, guard = 0; up && guard < 1000; up = parentOf.get(up) ?? null, guard++) {
      const s = sums.get(up) ?? { total: 0, done: 0, totalH: 0, doneH: 0, estimated: 0 };
      s.total += leaf.total;
      s.done += leaf.done;
      s.totalH += totalH;
      s.doneH += doneH;
      s.estimated += leaf.estimated;
      sums.set(up, s);
    }
  }
  return new Map(
    [...sums].map(([id, s]) => [
      id,
      {
        id,
        total: s.total,
        done: s.done,
        total_hours: fromHundredths(s.totalH),
        done_hours: fromHundredths(s.doneH),
        estimated: s.estimated,
      },
    ]),
  );
}
