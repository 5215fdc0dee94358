import { Decimal } from 'decimal.js';
import { minorUnits, Money } from '../../../platform/money/money.js';
import type { KeyResultKind, ObjectiveStatus } from '../strategy.tables.js';

/**
 * Progress is always computed, never typed in: a key result's from its value, an objective's as the
 * weighted roll-up of its key results and child objectives. Decimal arithmetic throughout; rounded
 * to 2 places only when shown.
 */
const ZERO = new Money(0);
const HUNDRED = new Money(100);

/**
 * A key result's progress in percent, 0–100: how far its value has moved from start to target. The
 * direction comes from the two (a target below the start: lower is better). A boolean (or a
 * milestone: reached or not) is 0 or 100;
 * no value yet is 0.
 */
export function keyResultProgress(
  kr: { kind: KeyResultKind; startValue: string; targetValue: string },
  value: string | null,
): Decimal {
  if (value === null) return ZERO;
  if (kr.kind === 'boolean' || kr.kind === 'milestone') return new Money(value).gt(0) ? HUNDRED : ZERO;
  const span = new Money(kr.targetValue).minus(kr.startValue);
  if (span.isZero()) return ZERO;
  return Decimal.min(HUNDRED, Decimal.max(ZERO, new Money(value).minus(kr.startValue).times(100).div(span)));
}

export interface RollUpObjective {
  id: string;
  parentId: string | null;
  status: ObjectiveStatus;
  weight: string;
}
export interface RollUpKeyResult {
  objectiveId: string;
  weight: string;
  progress: Decimal;
}

/**
 * Each objective's progress: Σ(weight × progress) / Σ weight over its key results and its child
 * objectives (cancelled children left out); one with neither is at 0.
 */
export function rollUp(objectives: readonly RollUpObjective[], keyResults: readonly RollUpKeyResult[]) {
  const children = new Map<string, RollUpObjective[]>();
  for (const o of objectives) {
    if (o.parentId === null || o.status === 'cancelled') continue;
    children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  }
  const krs = new Map<string, RollUpKeyResult[]>();
  for (const k of keyResults) krs.set(k.objectiveId, [...(krs.get(k.objectiveId) ?? []), k]);

  const done = new Map<string, Decimal>();
  const visiting = new Set<string>();
  const progressOf = (o: RollUpObjective): Decimal => {
    const known = done.get(o.id);
    if (known) return known;
    if (visiting.has(o.id)) throw new Error(`Objective ${o.id} is its own ancestor`);
    visiting.add(o.id);
    let weighted = ZERO;
    let weights = ZERO;
    for (const k of krs.get(o.id) ?? []) {
      weighted = weighted.plus(k.progress.times(k.weight));
      weights = weights.plus(k.weight);
    }
    for (const child of children.get(o.id) ?? []) {
      weighted = weighted.plus(progressOf(child).times(child.weight));
      weights = weights.plus(child.weight);
    }
    const result = weights.isZero() ? ZERO : weighted.div(weights);
    visiting.delete(o.id);
    done.set(o.id, result);
    return result;
  };
  for (const o of objectives) progressOf(o);
  return done;
}

/** A percentage as shown: 2 places, half up. */
export const shown = (p: Decimal): string => p.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
/** A stored decimal without trailing zeros (`100.50000000` → `100.5`). */
export const plain = (v: string): string => new Money(v).toFixed();
export const plainOrNull = (v: string | null): string | null => (v === null ? null : plain(v));
/** A metric's value as shown: in its currency's minor units when it is money, else without trailing zeros. */
export const valueShown = (v: string | null, currency: string | null | undefined): string | null =>
  v === null ? null : currency ? new Money(v).toFixed(minorUnits(currency)) : plain(v);
