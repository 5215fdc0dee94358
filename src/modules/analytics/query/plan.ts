import type { FieldError } from '../../../platform/errors/app-error.js';
import type {
  DatasetDefinition,
  DatasetField,
  DatasetFieldType,
  DatasetMeasure,
} from '../../../platform/modules/dataset.js';
import { analyticsErrors } from '../analytics.errors.js';
import type { AnalyticsQueryT, FilterT, Grain, ResultColumnT } from './query.schemas.js';

/** A filter value as it goes to the database: a parameter of a known type (never SQL text). */
export type ParamType = 'text' | 'date' | 'numeric' | 'boolean';
export interface Param {
  type: ParamType;
  value: string | boolean;
}
export type PlannedFilter =
  | { field: DatasetField; op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'; value: Param }
  | { field: DatasetField; op: 'in' | 'notIn'; values: Param[] }
  | { field: DatasetField; op: 'between'; from: Param; to: Param }
  | { field: DatasetField; op: 'isNull' | 'notNull' };

export interface PlannedDimension {
  field: DatasetField;
  grain: Grain | null;
  /** Added because a money measure is grouped by its currency, not asked for. */
  implicit: boolean;
}
export interface PlannedMeasure {
  measure: DatasetMeasure;
  field: DatasetField | null;
  type: DatasetFieldType;
}

/** A query checked against its dataset's declaration: every name resolved, every value typed. */
export interface QueryPlan {
  dataset: DatasetDefinition;
  dimensions: PlannedDimension[];
  measures: PlannedMeasure[];
  filters: PlannedFilter[];
  /** Output column names and directions (each a dimension or measure of the query). */
  sort: { column: string; direction: 'asc' | 'desc' }[];
  limit: number;
  columns: ResultColumnT[];
  /** A dimension of the query whose values become columns (`pivot` in the result), or null. */
  pivot: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d{1,15}(\.\d{1,8})?$/;
const RANGE_OPS = new Set(['gt', 'gte', 'lt', 'lte', 'between']);

/** The type of a measure's values: counts are numbers; sum/avg keep their field's type; min/max too. */
export function measureType(measure: DatasetMeasure, field: DatasetField | undefined): DatasetFieldType {
  if (measure.aggregation === 'count' || measure.aggregation === 'countDistinct') return 'number';
  return field?.type ?? 'number';
}

/**
 * Resolves a query against its dataset (pure: nothing reaches the database). Every problem is a
 * 422 naming its path: unknown fields or measures (including another dataset's), a grain on a
 * non-date field, a value that does not fit its field's type, a sort on a column the query lacks.
 */
export function planQuery(dataset: DatasetDefinition, query: AnalyticsQueryT, pathPrefix = ''): QueryPlan {
  const problems: FieldError[] = [];
  const fail = (path: string, message: string, code = 'invalid_query') =>
    problems.push({ path: pathPrefix + path, message, code });
  const fields = new Map(dataset.fields.map((f) => [f.name, f]));
  const measuresByName = new Map(dataset.measures.map((m) => [m.name, m]));
  const unknown = (path: string, name: string) =>
    fail(path, `"${name}" is not a field of the dataset ${dataset.key}.`, 'unknown_field');

  const dimensions: PlannedDimension[] = [];
  query.dimensions.forEach((d, i) => {
    const name = typeof d === 'string' ? d : d.field;
    const grain = typeof d === 'string' ? null : (d.grain ?? null);
    const field = fields.get(name);
    if (!field) return unknown(`dimensions.${i}`, name);
    if (grain && field.type !== 'date') return fail(`dimensions.${i}.grain`, `"${name}" is not a date field.`);
    if (dimensions.some((x) => x.field.name === name)) return fail(`dimensions.${i}`, `"${name}" is asked twice.`);
    dimensions.push({ field, grain: field.type === 'date' ? (grain ?? 'day') : null, implicit: false });
  });

  const measures: PlannedMeasure[] = [];
  query.measures.forEach((name, i) => {
    const measure = measuresByName.get(name);
    if (!measure)
      return fail(`measures.${i}`, `"${name}" is not a measure of the dataset ${dataset.key}.`, 'unknown_field');
    if (measures.some((m) => m.measure.name === name)) return fail(`measures.${i}`, `"${name}" is asked twice.`);
    const field = measure.field === undefined ? undefined : fields.get(measure.field);
    measures.push({ measure, field: field ?? null, type: measureType(measure, field) });
  });
  // Money keeps its currency: a money measure is grouped by its currency field.
  for (const m of measures) {
    if (m.type !== 'money' || !m.field?.currency) continue;
    const currency = fields.get(m.field.currency)!;
    if (!dimensions.some((d) => d.field.name === currency.name))
      dimensions.push({ field: currency, grain: null, implicit: true });
  }

  const filters: PlannedFilter[] = [];
  query.filters.forEach((f, i) => {
    const field = fields.get(f.field);
    if (!field) return unknown(`filters.${i}.field`, f.field);
    const planned = planFilter(field, f, `filters.${i}`, fail);
    if (planned) filters.push(planned);
  });

  const columnNames = new Set([...dimensions.map((d) => d.field.name), ...measures.map((m) => m.measure.name)]);
  const sort: QueryPlan['sort'] = [];
  query.sort.forEach((s, i) => {
    if (!columnNames.has(s.field))
      return fail(`sort.${i}.field`, `Sort by a dimension or measure of the query; "${s.field}" is neither.`);
    sort.push({ column: s.field, direction: s.direction });
  });

  if (query.pivot !== undefined) {
    if (!dimensions.some((d) => d.field.name === query.pivot && !d.implicit))
      fail('pivot', `Pivot a dimension of the query; "${query.pivot}" is not one.`);
    else if (measures.length === 0) fail('pivot', 'A pivot needs at least one measure.');
  }

  if (problems.length > 0) throw analyticsErrors.invalidQuery(problems);
  const columns: ResultColumnT[] = [
    ...dimensions.map((d) => ({
      name: d.field.name,
      label: d.field.label,
      kind: 'dimension' as const,
      type: d.field.type,
      grain: d.grain,
      currencyField: d.field.currency ?? null,
    })),
    ...measures.map((m) => ({
      name: m.measure.name,
      label: m.measure.label,
      kind: 'measure' as const,
      type: m.type,
      grain: null,
      currencyField: m.type === 'money' ? (m.field?.currency ?? null) : null,
    })),
  ];
  return { dataset, dimensions, measures, filters, sort, limit: query.limit, columns, pivot: query.pivot ?? null };
}

function planFilter(
  field: DatasetField,
  f: FilterT,
  path: string,
  fail: (path: string, message: string) => void,
): PlannedFilter | undefined {
  if (RANGE_OPS.has(f.op) && field.type === 'boolean') {
    fail(`${path}.op`, `"${f.op}" does not apply to a boolean field.`);
    return undefined;
  }
  const param = (value: string | number | boolean, at: string): Param | undefined => {
    const p = toParam(field.type, value);
    if (!p) fail(`${path}.${at}`, `Not a ${describe(field.type)} for "${field.name}".`);
    return p;
  };
  switch (f.op) {
    case 'isNull':
    case 'notNull':
      return { field, op: f.op };
    case 'in':
    case 'notIn': {
      const values = f.values.map((v, j) => param(v, `values.${j}`));
      return values.every((v) => v !== undefined) ? { field, op: f.op, values: values as Param[] } : undefined;
    }
    case 'between': {
      const from = param(f.from, 'from');
      const to = param(f.to, 'to');
      return from && to ? { field, op: 'between', from, to } : undefined;
    }
    default: {
      const value = param(f.value, 'value');
      return value ? { field, op: f.op, value } : undefined;
    }
  }
}

const describe = (type: DatasetFieldType) =>
  ({
    string: 'text value',
    date: 'date (YYYY-MM-DD)',
    number: 'number',
    money: 'decimal amount',
    boolean: 'true or false',
  })[type];

/** A value checked against its field's type, as a typed parameter. */
function toParam(type: DatasetFieldType, value: string | number | boolean): Param | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? { type: 'text', value } : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? { type: 'boolean', value } : undefined;
    case 'date':
      return typeof value === 'string' && DATE.test(value) && isCalendarDate(value)
        ? { type: 'date', value }
        : undefined;
    case 'number':
    case 'money': {
      const text = typeof value === 'number' ? String(value) : value;
      return typeof text === 'string' && DECIMAL.test(text) ? { type: 'numeric', value: text } : undefined;
    }
  }
}

/** 2026-02-30 matches the pattern but is no day: it must survive a round trip. */
function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
