import type { AliasedExpression } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import type { Db } from '../db/database.js';

/**
 * A dataset's field types. `money` is an amount (a decimal string) whose currency is another field
 * of the dataset (`currency`): a money measure is always grouped by that currency, never summed
 * across currencies. `date` fields are the time fields (they take a grain: day … year).
 */
export type DatasetFieldType = 'string' | 'date' | 'number' | 'boolean' | 'money';
export type DatasetAggregation = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'countDistinct';

export interface DatasetField {
  /** camelCase; the dataset's base query selects a column of exactly this name. */
  name: string;
  label: string;
  type: DatasetFieldType;
  /** For `money`: the name of the `string` field holding its currency code. */
  currency?: string;
  description?: string;
}

export interface DatasetMeasure {
  /** camelCase, unique among the dataset's fields and measures. */
  name: string;
  label: string;
  aggregation: DatasetAggregation;
  /** The field aggregated; absent only for `count` (rows). */
  field?: string;
  description?: string;
}

/**
 * The rows of a dataset the caller may see: a Kysely select whose columns are the dataset's fields
 * (by name), with the owning module's visibility rules already applied to `caller` (the same rule
 * as its own list API). Analytics wraps it as a subquery (`select … from (<base>) as d`) and adds
 * only aggregates, groupings, filters (parameters) and an order over the declared field names.
 */
export interface DatasetQuery {
  as<A extends string>(alias: A): AliasedExpression<object, A>;
}

/** Builds the caller's base query (it may read the caller's own context first, e.g. HR's viewer). */
export type DatasetSource = (db: Db, caller: Actor) => DatasetQuery | Promise<DatasetQuery>;

/**
 * A dataset a module offers to Analytics (the semantic layer), declared in the module's manifest
 * (`datasets`). The manifest holds only this description; the base query is the module's own code,
 * loaded on first use through `source` (typically from the module's index.ts), so Analytics never
 * names another module's tables (docs/adr/0015).
 */
export interface DatasetDefinition {
  /** `<module>.<name>`, e.g. `crm.opportunities`. */
  key: string;
  label: string;
  description: string;
  /** Who may query it (on top of `analytics:read`); rows are further limited by the base query. */
  permission: Permission;
  fields: readonly DatasetField[];
  measures: readonly DatasetMeasure[];
  /** The time field a question uses by default (a `date` field). */
  defaultTimeField?: string;
  source: () => Promise<DatasetSource>;
}

const NAME = /^[a-z][a-zA-Z0-9]{0,62}$/;

/**
 * Declares a dataset (list it in the module manifest's `datasets`); the declaration is checked once
 * here (names, types, money currencies, measures over declared fields), so a bad one fails at start.
 */
export function defineDataset(definition: DatasetDefinition): DatasetDefinition {
  const where = `Dataset "${definition.key}"`;
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-zA-Z0-9-]*$/.test(definition.key)) throw new Error(`${where}: not <module>.<name>`);
  const fields = new Map(definition.fields.map((f) => [f.name, f]));
  const names = [...definition.fields.map((f) => f.name), ...definition.measures.map((m) => m.name)];
  if (new Set(names).size !== names.length) throw new Error(`${where}: a name is declared twice`);
  for (const name of names) if (!NAME.test(name)) throw new Error(`${where}: "${name}" is not a camelCase name`);
  for (const f of definition.fields) {
    if (f.type === 'money' && fields.get(f.currency ?? '')?.type !== 'string')
      throw new Error(`${where}: money field "${f.name}" needs a string currency field`);
  }
  for (const m of definition.measures) {
    const field = m.field === undefined ? undefined : fields.get(m.field);
    if (m.field === undefined ? m.aggregation !== 'count' : !field)
      throw new Error(`${where}: measure "${m.name}" needs a declared field`);
    if ((m.aggregation === 'sum' || m.aggregation === 'avg') && field && !['number', 'money'].includes(field.type))
      throw new Error(`${where}: measure "${m.name}" sums a ${field.type} field`);
    if ((m.aggregation === 'min' || m.aggregation === 'max') && field?.type === 'boolean')
      throw new Error(`${where}: measure "${m.name}" takes the ${m.aggregation} of a boolean field`);
  }
  if (definition.defaultTimeField && fields.get(definition.defaultTimeField)?.type !== 'date')
    throw new Error(`${where}: the default time field is not a date field`);
  return definition;
}
