import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { DatasetField, DatasetQuery } from '../../../platform/modules/dataset.js';
import type { Param, PlannedDimension, PlannedFilter, PlannedMeasure, QueryPlan } from './plan.js';

/**
 * Compiles a checked plan to Kysely queries over the dataset's base query (`select … from (<base>)
 * as d`). Identifiers are the declaration's field names (checked by `defineDataset` and resolved
 * by `planQuery`) and generated aliases `c0…cN`; grains, directions and cast types come from fixed
 * lists; every value is a bound parameter. Nothing the caller typed reaches the SQL text.
 */

const ref = (field: DatasetField) => sql.ref(`d.${field.name}`);
const CASTS = { text: sql`text`, date: sql`date`, numeric: sql`numeric`, boolean: sql`boolean` } as const;
const value = (p: Param) => sql`cast(${p.value} as ${CASTS[p.type]})`;
const column = (i: number) => `c${i}`;

/** A dimension's value as grouped and ordered (native type: dates order as dates, numbers as numbers). */
function dimensionValue(d: PlannedDimension): RawBuilder<unknown> {
  if (d.field.type === 'date') return sql`date_trunc(${sql.lit(d.grain ?? 'day')}, ${ref(d.field)}::timestamp)`;
  return sql`${ref(d.field)}`;
}

/** What the caller gets: dates as YYYY-MM-DD, numbers and amounts as decimal strings (never floats). */
function dimensionOutput(d: PlannedDimension, grouped: RawBuilder<unknown>): RawBuilder<unknown> {
  if (d.field.type === 'date') return sql`to_char(${grouped}, 'YYYY-MM-DD')`;
  if (d.field.type === 'number' || d.field.type === 'money') return sql`(${grouped})::text`;
  return grouped;
}

function measureValue(m: PlannedMeasure): RawBuilder<unknown> {
  const field = m.field;
  switch (m.measure.aggregation) {
    case 'count':
      return field ? sql`count(${ref(field)})` : sql`count(*)`;
    case 'countDistinct':
      return sql`count(distinct ${ref(field!)})`;
    case 'sum':
      return sql`sum(${ref(field!)})`;
    case 'avg':
      return sql`round(avg(${ref(field!)}), 4)`;
    case 'min':
      return sql`min(${ref(field!)})`;
    case 'max':
      return sql`max(${ref(field!)})`;
  }
}

const measureOutput = (m: PlannedMeasure, aggregate: RawBuilder<unknown>): RawBuilder<unknown> =>
  m.type === 'date'
    ? sql`to_char(${aggregate}, 'YYYY-MM-DD')`
    : m.type === 'boolean'
      ? aggregate
      : sql`(${aggregate})::text`;

function condition(f: PlannedFilter): RawBuilder<SqlBool> {
  const r = ref(f.field);
  switch (f.op) {
    case 'eq':
      return sql<SqlBool>`${r} = ${value(f.value)}`;
    case 'ne':
      return sql<SqlBool>`${r} is distinct from ${value(f.value)}`;
    case 'gt':
      return sql<SqlBool>`${r} > ${value(f.value)}`;
    case 'gte':
      return sql<SqlBool>`${r} >= ${value(f.value)}`;
    case 'lt':
      return sql<SqlBool>`${r} < ${value(f.value)}`;
    case 'lte':
      return sql<SqlBool>`${r} <= ${value(f.value)}`;
    case 'between':
      return sql<SqlBool>`${r} between ${value(f.from)} and ${value(f.to)}`;
    case 'in':
      return sql<SqlBool>`${r} in (${sql.join(f.values.map(value))})`;
    case 'notIn':
      return sql<SqlBool>`(${r} is null or ${r} not in (${sql.join(f.values.map(value))}))`;
    case 'isNull':
      return sql<SqlBool>`${r} is null`;
    case 'notNull':
      return sql<SqlBool>`${r} is not null`;
  }
}

export interface CompiledQuery {
  /** The rows (one more than the limit, to tell a truncated result). */
  rows: ReturnType<typeof selectFrom>;
  /** The measures over every matching row, grouped by the money measures' currencies; null without measures. */
  totals: ReturnType<typeof selectFrom> | null;
  /** Output alias → column name, for the rows and for the totals. */
  rowColumns: string[];
  totalColumns: string[];
}

function selectFrom(db: Db, plan: QueryPlan, base: DatasetQuery) {
  let q = db.selectFrom(base.as('d'));
  for (const f of plan.filters) q = q.where(condition(f));
  return q;
}

export function compileQuery(db: Db, plan: QueryPlan, base: DatasetQuery): CompiledQuery {
  const dims = plan.dimensions.map((d) => ({ d, grouped: dimensionValue(d) }));
  const measures = plan.measures.map((m) => ({ m, aggregate: measureValue(m) }));
  const rowColumns = [...dims.map(({ d }) => d.field.name), ...measures.map(({ m }) => m.measure.name)];
  const ordering = new Map<string, RawBuilder<unknown>>([
    ...dims.map(({ d, grouped }) => [d.field.name, grouped] as const),
    ...measures.map(({ m, aggregate }) => [m.measure.name, aggregate] as const),
  ]);

  let rows = selectFrom(db, plan, base).select([
    ...dims.map(({ d, grouped }, i) => dimensionOutput(d, grouped).as(column(i))),
    ...measures.map(({ m, aggregate }, j) => measureOutput(m, aggregate).as(column(dims.length + j))),
  ]);
  if (dims.length > 0) rows = rows.groupBy(dims.map(({ grouped }) => grouped));
  const sort =
    plan.sort.length > 0 ? plan.sort : dims.map(({ d }) => ({ column: d.field.name, direction: 'asc' as const }));
  for (const s of sort) {
    const direction = s.direction === 'desc' ? sql`desc nulls last` : sql`asc nulls last`;
    rows = rows.orderBy(sql`${ordering.get(s.column)!} ${direction}`);
  }
  rows = rows.limit(plan.limit + 1);

  let totals: CompiledQuery['totals'] = null;
  const currencies = dims.filter(({ d }) =>
    plan.measures.some((m) => m.type === 'money' && m.field?.currency === d.field.name),
  );
  const totalColumns = [...currencies.map(({ d }) => d.field.name), ...measures.map(({ m }) => m.measure.name)];
  if (measures.length > 0) {
    totals = selectFrom(db, plan, base).select([
      ...currencies.map(({ d, grouped }, i) => dimensionOutput(d, grouped).as(column(i))),
      ...measures.map(({ m, aggregate }, j) => measureOutput(m, aggregate).as(column(currencies.length + j))),
    ]);
    if (currencies.length > 0) totals = totals.groupBy(currencies.map(({ grouped }) => grouped));
    for (const { grouped } of currencies) totals = totals.orderBy(grouped);
  }
  return { rows, totals, rowColumns, totalColumns };
}
