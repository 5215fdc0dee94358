import { describe, expect, it } from 'vitest';
import type { Dataset, QueryResult, ResultColumn } from './api';
import { chartPoints, emptyDraft, pivotOf, queryOf } from './model';

const dataset: Dataset = {
  key: 'crm.opportunities',
  label: 'Opportunities',
  description: '',
  permission: 'crm:read',
  defaultTimeField: 'expectedCloseDate',
  fields: [
    { name: 'stage', label: 'Stage', type: 'string', currency: null, description: null },
    { name: 'amount', label: 'Amount', type: 'money', currency: 'currency', description: null },
    { name: 'won', label: 'Won', type: 'boolean', currency: null, description: null },
    { name: 'expectedCloseDate', label: 'Close', type: 'date', currency: null, description: null },
  ],
  measures: [
    { name: 'count', label: 'Opportunities', aggregation: 'count', field: null, type: 'number', description: null },
  ],
};

describe('queryOf', () => {
  it('asks nothing until a measure or a group is picked', () => {
    expect(queryOf(emptyDraft('crm.opportunities'), dataset)).toBeNull();
  });

  it('leaves out incomplete filters and a sort on a column the query lacks; types booleans; keeps grains', () => {
    const query = queryOf(
      {
        ...emptyDraft('crm.opportunities'),
        measures: ['count'],
        dimensions: [
          { field: 'expectedCloseDate', grain: 'month' },
          { field: 'stage', grain: '' },
        ],
        filters: [
          { field: 'amount', op: 'gt', value: ' 600 ' },
          { field: 'stage', op: 'eq', value: '' },
          { field: 'won', op: 'eq', value: 'true' },
          { field: 'stage', op: 'isNull', value: '' },
        ],
        sortField: 'owners',
        limit: '50',
      },
      dataset,
    );
    expect(query).toEqual({
      dataset: 'crm.opportunities',
      measures: ['count'],
      dimensions: [{ field: 'expectedCloseDate', grain: 'month' }, 'stage'],
      filters: [
        { field: 'amount', op: 'gt', value: '600' },
        { field: 'won', op: 'eq', value: true },
        { field: 'stage', op: 'isNull' },
      ],
      sort: [],
      limit: 50,
    });
  });
});

const col = (
  name: string,
  kind: ResultColumn['kind'],
  type: ResultColumn['type'],
  currencyField: string | null = null,
) => ({
  name,
  label: name,
  kind,
  type,
  grain: null,
  currencyField,
});

describe('chartPoints', () => {
  const result = (rows: QueryResult['rows'], first: 'count' | 'total'): QueryResult => {
    const count = col('count', 'measure', 'number');
    const total = col('total', 'measure', 'money', 'currency');
    return {
      dataset: 'crm.opportunities',
      columns: [
        col('stage', 'dimension', 'string'),
        col('currency', 'dimension', 'string'),
        ...(first === 'count' ? [count, total] : [total, count]),
      ],
      rows,
      totals: [],
      truncated: false,
      asOf: '2026-12-04T00:00:00Z',
    };
  };

  it('labels by the groups, leaving out the currency while every row has the same one', () => {
    const rows = [
      { stage: 'Won', currency: 'EUR', count: '2', total: '1500.00' },
      { stage: 'Lost', currency: 'EUR', count: '1', total: '250.00' },
    ];
    expect(chartPoints(result(rows, 'count')).points).toEqual([
      { label: 'Won', value: 2 },
      { label: 'Lost', value: 1 },
    ]);
  });

  it('never draws amounts of two currencies together; counts over them keep the currency in the label', () => {
    const rows = [
      { stage: 'Won', currency: 'EUR', count: '2', total: '1500.00' },
      { stage: 'Won', currency: 'USD', count: '1', total: '99.00' },
    ];
    expect(chartPoints(result(rows, 'total')).points).toEqual([{ label: 'Won', value: 1500 }]);
    expect(chartPoints(result(rows, 'count')).points).toEqual([
      { label: 'Won · EUR', value: 2 },
      { label: 'Won · USD', value: 1 },
    ]);
  });
});

describe('pivotOf', () => {
  const col = (name: string, kind: 'dimension' | 'measure', extra: Partial<ResultColumn> = {}): ResultColumn => ({
    name,
    label: name,
    kind,
    type: kind === 'measure' ? 'number' : 'string',
    grain: null,
    currencyField: null,
    ...extra,
  });

  it('spreads the last group across the columns, the others down the rows, a missing cell empty', () => {
    const result: QueryResult = {
      dataset: 'crm.opportunities',
      columns: [col('owner', 'dimension'), col('stage', 'dimension'), col('count', 'measure')],
      rows: [
        { owner: 'Ada', stage: 'Lead', count: '2' },
        { owner: 'Ada', stage: 'Won', count: '1' },
        { owner: 'Bob', stage: 'Won', count: '3' },
      ],
      totals: [],
      truncated: false,
      asOf: '2026-12-05T00:00:00Z',
    };
    const pivot = pivotOf(result)!;
    expect(pivot.across.name).toBe('stage');
    expect(pivot.keys).toEqual(['Lead', 'Won']);
    expect(pivot.rowColumns.map((c) => c.name)).toEqual(['owner']);
    expect(
      pivot.rows.map((r) => [r.head.owner, r.cells.get('Lead')?.count ?? null, r.cells.get('Won')?.count]),
    ).toEqual([
      ['Ada', '2', '1'],
      ['Bob', null, '3'],
    ]);
  });

  it('keeps a money measure’s currency down the rows (never across), and has nothing to spread without a group', () => {
    const result: QueryResult = {
      dataset: 'crm.opportunities',
      columns: [
        col('stage', 'dimension'),
        col('currency', 'dimension'),
        col('amount', 'measure', { type: 'money', currencyField: 'currency' }),
      ],
      rows: [
        { stage: 'Lead', currency: 'EUR', amount: '10.00' },
        { stage: 'Lead', currency: 'USD', amount: '5.00' },
      ],
      totals: [],
      truncated: false,
      asOf: '2026-12-05T00:00:00Z',
    };
    const pivot = pivotOf(result)!;
    expect(pivot.across.name).toBe('stage');
    expect(pivot.rows.map((r) => r.head.currency)).toEqual(['EUR', 'USD']);
    expect(pivotOf({ ...result, columns: [col('count', 'measure')], rows: [{ count: '3' }] })).toBeNull();
  });
});
