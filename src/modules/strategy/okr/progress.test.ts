import { describe, expect, it } from 'vitest';
import { Money } from '../../../platform/money/money.js';
import { ragOf } from '../kpis/kpis.service.js';
import { keyResultProgress, rollUp, shown } from './progress.js';

const p = (
  kind: 'numeric' | 'boolean' | 'percentage' | 'metric',
  start: string,
  target: string,
  value: string | null,
) => shown(keyResultProgress({ kind, startValue: start, targetValue: target }, value));

describe('key result progress', () => {
  it('measures the way from start to target in either direction, clamped to 0–100', () => {
    expect(p('numeric', '0', '200', '50')).toBe('25.00');
    expect(p('numeric', '10', '0', '4')).toBe('60.00');
    expect(p('metric', '1000', '0', '1500')).toBe('0.00');
    expect(p('numeric', '0', '3', '1')).toBe('33.33');
    expect(p('numeric', '0', '3', '2')).toBe('66.67');
    expect(p('numeric', '0', '10', '25')).toBe('100.00');
    expect(p('numeric', '-100', '100', '0')).toBe('50.00');
    expect(p('metric', '0', '10', null)).toBe('0.00');
    expect(p('boolean', '0', '1', '1')).toBe('100.00');
    expect(p('boolean', '0', '1', '0')).toBe('0.00');
    // Decimal, not float: 0.1 + 0.2 of 0.3 is exactly done.
    expect(p('numeric', '0', '0.3', '0.30000000')).toBe('100.00');
  });
});

describe('roll-up', () => {
  it('weights key results and child objectives, skips cancelled children, keeps precision until shown', () => {
    const objectives = [
      { id: 'c', parentId: null, status: 'active' as const, weight: '1' },
      { id: 'd', parentId: 'c', status: 'active' as const, weight: '2' },
      { id: 'x', parentId: 'c', status: 'cancelled' as const, weight: '100' },
      { id: 'e', parentId: 'd', status: 'active' as const, weight: '1' },
      { id: 'empty', parentId: null, status: 'active' as const, weight: '1' },
    ];
    const krs = [
      { objectiveId: 'c', weight: '1', progress: new Money(100) },
      { objectiveId: 'd', weight: '1', progress: new Money(0) },
      { objectiveId: 'e', weight: '1', progress: new Money(50) },
      { objectiveId: 'x', weight: '1', progress: new Money(0) },
    ];
    const r = rollUp(objectives, krs);
    expect(shown(r.get('e')!)).toBe('50.00');
    expect(shown(r.get('d')!)).toBe('25.00');
    // (100×1 + 25×2) / 3 = 50
    expect(shown(r.get('c')!)).toBe('50.00');
    expect(shown(r.get('empty')!)).toBe('0.00');
  });

  it('refuses a loop', () => {
    expect(() =>
      rollUp(
        [
          { id: 'a', parentId: 'b', status: 'active', weight: '1' },
          { id: 'b', parentId: 'a', status: 'active', weight: '1' },
        ],
        [],
      ),
    ).toThrow(/own ancestor/);
  });
});

describe('KPI thresholds', () => {
  it('says green, amber or red in the metric direction', () => {
    expect(ragOf('higher-is-better', '120', '100', '80')).toBe('green');
    expect(ragOf('higher-is-better', '90', '100', '80')).toBe('amber');
    expect(ragOf('higher-is-better', '79.99', '100', '80')).toBe('red');
    expect(ragOf('lower-is-better', '5', '8', '12')).toBe('green');
    expect(ragOf('lower-is-better', '12', '8', '12')).toBe('amber');
    expect(ragOf('lower-is-better', '12.01', '8', '12')).toBe('red');
  });
});
