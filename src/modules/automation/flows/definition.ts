import { z } from '@hono/zod-openapi';
import type { FieldError } from '../../../platform/errors/app-error.js';
import { parseCron } from '../../../platform/jobs/cron.js';
import { uuid } from '../../../platform/http/schemas.js';
import { syntaxError } from '../engine/expressions.js';

/**
 * A flow's definition: one trigger and a list of steps (docs/adr/0016). Steps run in list order unless
 * one says `next` (or a condition's `goto`); `end` finishes the run. Every string called an
 * expression is JSONata over `{ trigger, steps, vars, execution }`, checked when the flow is saved.
 */
const expression = z.string().trim().min(1).max(4000).openapi({ description: 'A JSONata expression' });
export const stepIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'A step id is lowercase letters, digits and _ (it names the step in expressions).');
const goto = z.string().regex(/^([a-z][a-z0-9_]{0,62}|end)$/, 'A step id, or "end".');

export const FormField = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/, 'A field key is a letter followed by letters, digits or _.'),
  label: z.string().trim().min(1).max(200),
  type: z.enum(['text', 'number', 'boolean', 'date']).default('text'),
  required: z.boolean().default(false),
});
export type FormFieldDefinition = z.output<typeof FormField>;

const Trigger = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('event'),
    event: z.string().min(1).max(200).openapi({ description: 'An event type, e.g. crm.opportunity.won' }),
    filter: expression.optional().openapi({ description: 'Runs only when true, e.g. trigger.payload.amount > 10000' }),
  }),
  z.strictObject({
    kind: z.literal('schedule'),
    cron: z.string().min(1).max(100).openapi({ description: 'Five-field cron, in `timeZone`' }),
    timeZone: z.string().min(1).max(100).default('UTC'),
  }),
  z.strictObject({ kind: z.literal('manual'), form: z.array(FormField).max(50).default([]) }),
]);

const next = { next: goto.optional() };
const Step = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('condition'),
    id: stepIdSchema,
    cases: z
      .array(z.strictObject({ when: expression, goto }))
      .min(1)
      .max(50),
    /** When no case matches (default: the next step in the list). */
    otherwise: goto.optional(),
  }),
  z.strictObject({
    kind: z.literal('action'),
    id: stepIdSchema,
    action: z.string().min(1).max(200).openapi({ description: 'A module action key, e.g. crm.create-activity' }),
    input: expression.openapi({ description: "An expression giving the action's input object" }),
    ...next,
  }),
  z.strictObject({
    kind: z.literal('set'),
    id: stepIdSchema,
    variables: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/), expression),
    ...next,
  }),
  z.strictObject({
    kind: z.literal('wait'),
    id: stepIdSchema,
    duration: z
      .strictObject({
        days: z.number().int().min(0).max(3650).optional(),
        hours: z.number().int().min(0).max(100_000).optional(),
        minutes: z.number().int().min(0).max(1_000_000).optional(),
      })
      .optional(),
    until: expression.optional().openapi({ description: 'An expression giving an ISO date-time' }),
    ...next,
  }),
  z.strictObject({
    kind: z.literal('approval'),
    id: stepIdSchema,
    title: z.string().trim().min(1).max(300),
    description: z.string().max(4000).default(''),
    assignee: z.union([z.strictObject({ userId: uuid }), z.strictObject({ role: z.string().min(1).max(100) })]),
    form: z.array(FormField).max(50).default([]),
    ...next,
  }),
]);

export const FlowDefinition = z
  .strictObject({ trigger: Trigger, steps: z.array(Step).min(1).max(200) })
  .openapi('FlowDefinition');
export type FlowDefinitionValue = z.output<typeof FlowDefinition>;
export type StepDefinition = FlowDefinitionValue['steps'][number];
export type TriggerDefinition = FlowDefinitionValue['trigger'];

/** What the checks beyond the schema need from the installation. */
export interface DefinitionCatalog {
  eventTypes: ReadonlySet<string>;
  actions: ReadonlySet<string>;
}

/** True when `name` is an IANA time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The checks a schema cannot make: unique step ids, every `goto`/`next` names a step, every
 * expression parses, the event type and actions exist, the cron and time zone are valid, a wait has
 * exactly one of `duration` and `until`. Returns field errors (paths under `definition`), empty when valid.
 */
export function checkDefinition(
  def: FlowDefinitionValue,
  catalog: DefinitionCatalog,
  base = 'definition',
): FieldError[] {
  const out: FieldError[] = [];
  const add = (path: string, message: string, code = 'invalid') => out.push({ path: `${base}.${path}`, message, code });
  const expr = (path: string, text: string | undefined) => {
    if (text === undefined) return;
    const problem = syntaxError(text);
    if (problem) add(path, `Not a valid expression: ${problem}`, 'invalid-expression');
  };
  const t = def.trigger;
  if (t.kind === 'event') {
    if (!catalog.eventTypes.has(t.event)) add('trigger.event', `No module declares the event type ${t.event}.`);
    expr('trigger.filter', t.filter);
  } else if (t.kind === 'schedule') {
    try {
      parseCron(t.cron);
    } catch (error) {
      add('trigger.cron', (error as Error).message);
    }
    if (!isTimeZone(t.timeZone)) add('trigger.timeZone', `${t.timeZone} is not a time zone.`);
  }
  const ids = new Set<string>();
  def.steps.forEach((s, i) => {
    if (ids.has(s.id)) add(`steps.${i}.id`, `Step id ${s.id} is used twice.`);
    ids.add(s.id);
  });
  const target = (path: string, id: string | undefined) => {
    if (id !== undefined && id !== 'end' && !ids.has(id)) add(path, `No step has the id ${id}.`);
  };
  def.steps.forEach((s, i) => {
    const at = `steps.${i}`;
    switch (s.kind) {
      case 'condition':
        s.cases.forEach((c, j) => {
          expr(`${at}.cases.${j}.when`, c.when);
          target(`${at}.cases.${j}.goto`, c.goto);
        });
        target(`${at}.otherwise`, s.otherwise);
        return;
      case 'action':
        if (!catalog.actions.has(s.action)) add(`${at}.action`, `No module offers the action ${s.action}.`);
        expr(`${at}.input`, s.input);
        break;
      case 'set':
        for (const [name, text] of Object.entries(s.variables)) expr(`${at}.variables.${name}`, text);
        break;
      case 'wait':
        if ((s.duration === undefined) === (s.until === undefined))
          add(`${at}`, 'A wait has either a duration or an until expression.');
        expr(`${at}.until`, s.until);
        break;
      case 'approval':
        break;
    }
    target(`${at}.next`, s.next);
  });
  return out;
}
