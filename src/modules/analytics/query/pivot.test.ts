import { describe, expect, it } from 'vitest';
import { pivotRows } from './pivot.js';
import type { ResultColumnT } from './query.schemas.js';

const col = (name: string, kind: 'dimension' | 'measure', type: ResultColumnT['type'] = 'string'): ResultColumnT => ({
  name,
  label: name,
  kind,
  type,
  grain: null,
  currencyField: null,
});

describe('pivot: one dimension as columns', () => {
  it('groups the other dimensions into rows, each value a column with every measure', () => {
    const columns = [col('month', 'dimension', 'date'), col('stage', 'dimension'), col('count', 'measure', 'number')];
    const rows = [
      { month: '2026-01-01', stage: 'Lead', count: '2' },
      { month: '2026-01-01', stage: 'Won', count: '1' },
      { month: '2026-02-01', stage: 'Won', count: '3' },
      { month: '2026-02-01', stage: null, count: '4' },
    ];
    expect(pivotRows('stage', columns, rows)).toEqual({
      field: 'stage',
      values: ['Lead', 'Won', ''],
      rows: [
        { key: { month: '2026-01-01' }, cells: { Lead: { count: '2' }, Won: { count: '1' } } },
        { key: { month: '2026-02-01' }, cells: { Won: { count: '3' }, '': { count: '4' } } },
      ],
      truncated: false,
    });
  });

  it('keeps at most 100 values', () => {
    const columns = [col('n', 'dimension', 'number'), col('count', 'measure', 'number')];
    const rows = Array.from({ length: 120 }, (_, i) => ({ n: String(i), count: '1' }));
    const pivot = pivotRows('n', columns, rows);
    expect(pivot.values).toHaveLength(100);
    expect(pivot.truncated).toBe(true);
    expect(pivot.rows).toHaveLength(1);
  });
});
