import type { ChartPoint } from '../../components/charts';
import type {
  AnalyticsQuery,
  Cell,
  Dataset,
  FieldType,
  Filter,
  Grain,
  Question,
  QueryResult,
  ResultColumn,
  Visualization,
} from './api';

// The builder's pure parts: its form values to the JSON query and back, filters, chart points.

/** What the builder offers: every visualisation the API stores. */
export const VISUALIZATIONS = [
  'table',
  'pivot',
  'bar',
  'line',
  'area',
  'pie',
  'funnel',
  'number',
] as const satisfies readonly Visualization[];

export const OPS = {
  eq: 'is',
  ne: 'is not',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  isNull: 'is empty',
  notNull: 'is not empty',
} as const;
export type Op = keyof typeof OPS;

/** One filter as the form edits it: field, operator and the value as typed. */
export interface FilterRow {
  field: string;
  op: Op;
  value: string;
}
export interface FieldOption {
  name: string;
  label: string;
  type: FieldType;
}

/** The API's filters of the complete rows (a row without a value is left out until it has one). */
export function filtersOf(rows: readonly FilterRow[], fields: readonly FieldOption[]): Filter[] {
  const typeOf = new Map(fields.map((f) => [f.name, f.type]));
  return rows.flatMap((f): Filter[] => {
    if (!f.field) return [];
    if (f.op === 'isNull' || f.op === 'notNull') return [{ field: f.field, op: f.op }];
    const text = f.value.trim();
    if (!text) return [];
    return [{ field: f.field, op: f.op, value: typeOf.get(f.field) === 'boolean' ? text === 'true' : text }];
  });
}

/** Saved filters as rows (those this editor cannot show — `in`, `between` — are left out). */
export function rowsOf(filters: readonly Filter[]): FilterRow[] {
  return filters.flatMap((f): FilterRow[] =>
    'value' in f
      ? [{ field: f.field, op: f.op, value: String(f.value) }]
      : f.op === 'isNull' || f.op === 'notNull'
        ? [{ field: f.field, op: f.op, value: '' }]
        : [],
  );
}

export interface DimensionRow {
  field: string;
  grain: Grain | '';
}
/** What the builder edits: the query's parts as form values. */
export interface Draft {
  dataset: string;
  measures: string[];
  dimensions: DimensionRow[];
  filters: FilterRow[];
  sortField: string;
  sortDirection: 'asc' | 'desc';
  limit: string;
  visualization: Visualization;
  name: string;
}

export const emptyDraft = (dataset = ''): Draft => ({
  dataset,
  measures: [],
  dimensions: [],
  filters: [],
  sortField: '',
  sortDirection: 'asc',
  limit: '1000',
  visualization: 'bar',
  name: '',
});

export function draftOf(q: Question): Draft {
  const query = q.query;
  return {
    dataset: query.dataset,
    measures: query.measures ?? [],
    dimensions: (query.dimensions ?? []).map((d) =>
      typeof d === 'string' ? { field: d, grain: '' } : { field: d.field, grain: d.grain ?? '' },
    ),
    filters: rowsOf(query.filters ?? []),
    sortField: query.sort?.[0]?.field ?? '',
    sortDirection: query.sort?.[0]?.direction ?? 'asc',
    limit: String(query.limit ?? 1000),
    visualization: q.visualization,
    name: q.name,
  };
}

/** The JSON query of a draft (incomplete filter rows are left out), or null when it asks for nothing yet. */
export function queryOf(draft: Draft, dataset: Dataset | undefined): AnalyticsQuery | null {
  if (!dataset || draft.measures.length + draft.dimensions.length === 0) return null;
  const limit = Number(draft.limit);
  const dimensions = draft.dimensions.filter((d) => d.field);
  const sortable = [...dimensions.map((d) => d.field), ...draft.measures];
  return {
    dataset: dataset.key,
    measures: draft.measures,
    dimensions: dimensions.map((d) => (d.grain ? { field: d.field, grain: d.grain } : d.field)),
    filters: filtersOf(draft.filters, dataset.fields),
    sort: sortable.includes(draft.sortField) ? [{ field: draft.sortField, direction: draft.sortDirection }] : [],
    limit: Number.isInteger(limit) ? limit : 0,
  };
}

/**
 * The points of a chart: one per row, labelled by its dimensions, valued by the first measure (a
 * number for drawing only; labels show the API's decimal string). A money measure is drawn in the
 * first row's currency only (amounts of different currencies are never drawn together); the currency
 * a money measure adds to the groups is left out of the labels while every row has the same one.
 */
export function chartPoints(result: QueryResult): { measure: ResultColumn | undefined; points: ChartPoint[] } {
  const measure = result.columns.find((c) => c.kind === 'measure');
  if (!measure) return { measure, points: [] };
  const currency = measure.currencyField ? result.rows[0]?.[measure.currencyField] : undefined;
  const rows = measure.currencyField ? result.rows.filter((r) => r[measure.currencyField!] === currency) : result.rows;
  const currencyFields = new Set(result.columns.flatMap((c) => (c.currencyField ? [c.currencyField] : [])));
  const labels = result.columns.filter(
    (c) => c.kind === 'dimension' && !(currencyFields.has(c.name) && new Set(rows.map((r) => r[c.name])).size <= 1),
  );
  return {
    measure,
    points: rows.map((row) => ({
      label: labels.map((c) => String(row[c.name] ?? '—')).join(' · ') || measure.label,
      value: Number(row[measure.name] ?? 0),
    })),
  };
}

/** The dimension a pivot spreads across its columns: the last group asked for (not a currency a money measure added). */
export function pivotAcross(result: QueryResult): ResultColumn | undefined {
  const currencies = new Set(result.columns.flatMap((c) => (c.currencyField ? [c.currencyField] : [])));
  const dims = result.columns.filter((c) => c.kind === 'dimension');
  return dims.filter((c) => !currencies.has(c.name)).at(-1) ?? undefined;
}

export interface Pivot {
  /** The row headers: every other dimension (a money measure's currency among them). */
  rowColumns: ResultColumn[];
  across: ResultColumn;
  /** The distinct values of `across`, in the result's order. */
  keys: string[];
  measures: ResultColumn[];
  /** One per distinct row-header combination, in the result's order; `cells` holds the source row per key. */
  rows: { head: Record<string, Cell>; cells: Map<string, Record<string, Cell>> }[];
}

const keyOf = (value: Cell | undefined) => (value === null || value === undefined ? '—' : String(value));

/**
 * A result as a pivot: one dimension across the columns, the others down the rows, each cell the
 * measures of the row that has both (computed here from the rows: the API has no pivot of its own).
 * Null when the result has no dimension to spread.
 */
export function pivotOf(result: QueryResult): Pivot | null {
  const across = pivotAcross(result);
  if (!across) return null;
  const rowColumns = result.columns.filter((c) => c.kind === 'dimension' && c.name !== across.name);
  const measures = result.columns.filter((c) => c.kind === 'measure');
  const keys: string[] = [];
  const seen = new Set<string>();
  const rows = new Map<string, Pivot['rows'][number]>();
  for (const row of result.rows) {
    const key = keyOf(row[across.name]);
    if (!seen.has(key)) {
      seen.add(key);
      keys.push(key);
    }
    const head = JSON.stringify(rowColumns.map((c) => row[c.name] ?? null));
    let line = rows.get(head);
    if (!line) {
      line = { head: Object.fromEntries(rowColumns.map((c) => [c.name, row[c.name] ?? null])), cells: new Map() };
      rows.set(head, line);
    }
    line.cells.set(key, row);
  }
  return { rowColumns, across, keys, measures, rows: [...rows.values()] };
}
