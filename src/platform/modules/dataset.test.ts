import { describe, expect, it } from 'vitest';
import { defineDataset, type DatasetDefinition } from './dataset.js';

const base: DatasetDefinition = {
  key: 'crm.deals',
  label: 'Deals',
  description: 'Test',
  permission: 'crm:read',
  fields: [
    { name: 'amount', label: 'Amount', type: 'money', currency: 'currency' },
    { name: 'currency', label: 'Currency', type: 'string' },
    { name: 'closed', label: 'Closed', type: 'date' },
    { name: 'won', label: 'Won', type: 'boolean' },
  ],
  measures: [{ name: 'total', label: 'Total', aggregation: 'sum', field: 'amount' }],
  defaultTimeField: 'closed',
  source: () => Promise.reject(new Error('not used')),
};

describe('defineDataset', () => {
  it('accepts a well-formed declaration', () => {
    expect(defineDataset(base)).toBe(base);
  });

  it.each([
    ['a key that is not <module>.<name>', { key: 'deals' }],
    ['a name that is not camelCase', { fields: [...base.fields, { name: 'bad name', label: 'x', type: 'string' }] }],
    ['a name declared twice', { measures: [{ name: 'amount', label: 'x', aggregation: 'count' }] }],
    ['money without a currency field', { fields: [{ name: 'amount', label: 'A', type: 'money', currency: 'nope' }] }],
    ['a measure over an unknown field', { measures: [{ name: 'x', label: 'x', aggregation: 'sum', field: 'nope' }] }],
    ['a sum of a date', { measures: [{ name: 'x', label: 'x', aggregation: 'sum', field: 'closed' }] }],
    ['the maximum of a boolean', { measures: [{ name: 'x', label: 'x', aggregation: 'max', field: 'won' }] }],
    ['a default time field that is no date', { defaultTimeField: 'currency' }],
  ] as [string, Partial<DatasetDefinition>][])('refuses %s', (_name, change) => {
    expect(() => defineDataset({ ...base, ...change })).toThrow(/Dataset/);
  });
});
