import { Money } from '../../../platform/money/money.js';
import type { MetricDefinition } from '../../../platform/modules/metric.js';
import { strategyErrors } from '../strategy.errors.js';
import type { KeyResultKind } from '../strategy.tables.js';

/** Start, target and current value of a new key result, by its kind (a 422 for what does not fit). */
export function initialValues(
  kind: KeyResultKind,
  input: { startValue?: string | undefined; targetValue?: string | undefined; currentValue?: string | undefined },
): { start: string; target: string; current: string | null } {
  if (kind === 'milestone') {
    if (input.startValue !== undefined || input.targetValue !== undefined || input.currentValue !== undefined)
      throw strategyErrors.kind('startValue', 'A milestone key result is done when its Projects milestone is reached.');
    return { start: '0', target: '1', current: null };
  }
  if (kind === 'boolean') {
    if (input.startValue !== undefined || input.targetValue !== undefined)
      throw strategyErrors.kind('startValue', 'A boolean key result goes from 0 (not done) to 1 (done).');
    const current = input.currentValue ?? '0';
    assertBoolean(current);
    return { start: '0', target: '1', current };
  }
  const defaults = kind === 'percentage' ? { start: '0', target: '100' } : { start: undefined, target: undefined };
  const start = input.startValue ?? defaults.start;
  const target = input.targetValue ?? defaults.target;
  if (start === undefined) throw strategyErrors.kind('startValue', 'Give the value the key result starts from.');
  if (target === undefined) throw strategyErrors.kind('targetValue', 'Give the target value.');
  if (new Money(start).eq(target)) throw strategyErrors.kind('targetValue', 'The target equals the start.');
  if (kind === 'metric') {
    if (input.currentValue !== undefined)
      throw strategyErrors.kind('currentValue', "A metric-bound key result's value comes from its metric.");
    return { start, target, current: null };
  }
  return { start, target, current: input.currentValue ?? start };
}

export function assertBoolean(value: string): void {
  if (value !== '0' && value !== '1') throw strategyErrors.kind('currentValue', 'A boolean key result is "0" or "1".');
}

/** A metric-bound target lies on the metric's better side of the start. */
export function assertDirection(metric: MetricDefinition, start: string, target: string): void {
  const up = new Money(target).gt(start);
  if (metric.direction === 'higher-is-better' && !up)
    throw strategyErrors.direction(`Higher ${metric.label.toLowerCase()} is better: set a target above the start.`);
  if (metric.direction === 'lower-is-better' && up)
    throw strategyErrors.direction(`Lower ${metric.label.toLowerCase()} is better: set a target below the start.`);
}
