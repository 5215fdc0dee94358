import { describe, expect, it } from 'vitest';
import type { Dataset, QueryResult, ResultColumn } from './api';
import { chartPoints, emptyDraft, queryOf } from './model';

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
