import type { z } from 'zod';
import type { Permission } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { lazySchema, type SchemaSource } from './lazy.js';

/** What a metric's value measures: an amount of money (its currency comes with the value), a count, a percentage (0–100), days. */
export type MetricUnit = 'money' | 'count' | 'percent' | 'days';
export type MetricDirection = 'higher-is-better' | 'lower-is-better';

/** A metric's value: a decimal string (never a float), or null when there is nothing to measure (a rate of no events). */
export interface MetricValue {
  value: string | null;
  /** For `money` metrics: the currency of `value`. */
  currency?: string;
}

export interface MetricInput {
  /** The period measured, ISO dates, inclusive (a balance is taken at `to`). */
  from: string;
  to: string;
  /** The metric's own parameters, not yet validated (`evaluate` parses them with `params`). */
  params: unknown;
}

/**
 * A named metric a module computes for Strategy's key results and KPIs, declared in the module's
 * manifest (`metrics`). `evaluate` calls only the module's public functions (loaded on first use),
 * so Strategy never reads another module's tables.
 */
export interface MetricDefinition {
  /** `<module>.<name>`, e.g. `finance.revenue`. */
  key: string;
  label: string;
  description: string;
  unit: MetricUnit;
  direction: MetricDirection;
  /** Who may see its values. */
  permission: Permission;
  /**
   * The parameters' schema (an object; `{}` when it takes none), built (or imported) on the first call and
   * kept (a manifest is imported by every function at a cold start: docs/adr/0008).
   */
  params: () => Promise<z.ZodType>;
  evaluate: (db: Db, input: MetricInput) => Promise<MetricValue>;
}

/**
 * Declares a metric (list it in the module manifest's `metrics`); its parameters are validated
 * before `evaluate` sees them (a ZodError on bad ones: the caller turns it into a 422). The schema is
 * a function, called once on first use (memoized):
 *
 *     defineMetric({ key: 'finance.revenue', …, params: async () => (await import('./metrics.schemas.js')).revenueParams(),
 *       evaluate: async (db, { from, to, params }) => (await import('./metrics.js')).revenue(db, { from, to, ...params }) })
 */
export function defineMetric<S extends z.ZodType>(definition: {
  key: string;
  label: string;
  description: string;
  unit: MetricUnit;
  direction: MetricDirection;
  permission: Permission;
  params: SchemaSource<S>;
  evaluate: (db: Db, input: { from: string; to: string; params: z.output<S> }) => Promise<MetricValue>;
}): MetricDefinition {
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-zA-Z0-9-]*$/.test(definition.key))
    throw new Error(`Metric key "${definition.key}" is not <module>.<name>`);
  const schema = lazySchema(definition.params);
  return {
    ...definition,
    params: schema,
    evaluate: async (db, { from, to, params }) =>
      definition.evaluate(db, { from, to, params: (await schema()).parse(params ?? {}) }),
  };
}
