import type { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import type { Tx } from '../db/database.js';
import type { JsonValue } from '../jobs/job-registry.js';

/** What an action's `run` gets besides the transaction. */
export interface ActionContext<I> {
  /** Validated by the action's `input` schema. */
  input: I;
  /** Who the action runs as (a flow's run-as user): its permissions were checked before `run`. */
  actor: Actor;
  /**
   * Stable across retries of the same step (e.g. `<execution id>:<step id>`). The caller records it in
   * the same transaction as the action, so an action that writes only with `trx` runs once per key;
   * an action that reaches the outside world passes it on (an idempotency header, a job's dedupe key).
   */
  idempotencyKey: string;
}

/** The action's work: calls its module's public functions with `trx`, returns a JSON result. */
export type ActionRun<I = unknown> = (trx: Tx, context: ActionContext<I>) => Promise<JsonValue>;

/**
 * Something another module (Automation) may do through a module's public surface, declared in the
 * module's manifest (`actions`): a Zod input schema, the permission the caller needs, and the code,
 * the schema and the code loaded on first use (so the manifest stays data and lazy imports: ADR 0008;
 * a schema is built when its file is evaluated, which a cold start should not pay for: ADR 0006).
 */
export interface ActionDefinition {
  /** `<module>.<name>` in kebab-case, e.g. `crm.create-activity`. */
  key: string;
  label: string;
  description?: string | undefined;
  /** The input's schema (the caller validates the input with it before it calls `run`). */
  input: () => Promise<z.ZodType>;
  /** The run-as user must hold it (checked by the caller before `run`, at every step). */
  permission: Permission;
  load: () => Promise<ActionRun>;
}

/**
 * Declares an action (list it in the module manifest's `actions`):
 *
 *     defineAction({ key: 'crm.create-activity', label: 'Create an activity',
 *       input: async () => (await import('./activities/activities.schemas.js')).CreateActivityBody,
 *       permission: 'crm:write', load: async () => (await import('./crm.actions.run.js')).createActivity })
 */
export function defineAction<S extends z.ZodType>(definition: {
  key: string;
  label: string;
  description?: string;
  input: () => Promise<S>;
  permission: Permission;
  load: () => Promise<ActionRun<z.output<S>>>;
}): ActionDefinition {
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(definition.key))
    throw new Error(`Action "${definition.key}" is not <module>.<name> in kebab-case`);
  return {
    key: definition.key,
    label: definition.label,
    description: definition.description,
    input: definition.input,
    permission: definition.permission,
    // The caller validates the input with `input` before it calls `run`.
    load: definition.load as unknown as () => Promise<ActionRun>,
  };
}
