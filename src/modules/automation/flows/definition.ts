import { z } from '@hono/zod-openapi';
import type { FieldError } from '../../../platform/errors/app-error.js';
import { parseCron } from '../../../platform/jobs/cron.js';
import { uuid } from '../../../platform/http/schemas.js';
import { syntaxError } from '../engine/expressions.js';
import { checkHttpStep, HttpStep, WebhookTrigger } from '../http/http-step.schema.js';

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
  z.strictObject({
    kind: z.literal('manual'),
    form: z.array(FormField).max(50).default([]),
    /** A record type (a module manifest's `records`): the flow is run from that record's page, `trigger.record` in scope. */
    record: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'A record type, e.g. crm.organization.')
      .optional()
      .openapi({
        description: 'A record type the flow is run from (a "Run flow" button on its page), e.g. crm.organization',
      }),
  }),
  WebhookTrigger,
]);

const next = { next: goto.optional() };
/**
 * Where the run goes when the step fails for good (a permanent failure, or its retries spent): a
 * step id of the same list, or `end`. The step's output is then `{ ok: false, error }` and `error`
 * (`{ message, code, stepId }`) is in scope for the expressions that follow. Without it the run fails.
 */
const onError = { onError: goto.optional() };
/** A length of time (at least one field; each a whole number). */
export const Duration = z
  .strictObject({
    days: z.number().int().min(0).max(3650).optional(),
    hours: z.number().int().min(0).max(100_000).optional(),
    minutes: z.number().int().min(0).max(1_000_000).optional(),
  })
  .openapi({ description: 'days, hours and minutes (added up)' });
export type DurationValue = z.output<typeof Duration>;
const Assignee = z.union([z.strictObject({ userId: uuid }), z.strictObject({ role: z.string().min(1).max(100) })]);

const ConditionStep = z.strictObject({
  kind: z.literal('condition'),
  id: stepIdSchema,
  cases: z
    .array(z.strictObject({ when: expression, goto }))
    .min(1)
    .max(50),
  /** When no case matches (default: the next step in the list). */
  otherwise: goto.optional(),
  ...onError,
});
const ActionStep = z.strictObject({
  kind: z.literal('action'),
  id: stepIdSchema,
  action: z.string().min(1).max(200).openapi({ description: 'A module action key, e.g. crm.create-activity' }),
  input: expression.openapi({ description: "An expression giving the action's input object" }),
  ...next,
  ...onError,
});
const SetStep = z.strictObject({
  kind: z.literal('set'),
  id: stepIdSchema,
  variables: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/), expression),
  ...next,
  ...onError,
});
const EmailStep = z.strictObject({
  kind: z.literal('email'),
  id: stepIdSchema,
  /** Each an expression giving an address or a list of addresses. */
  to: z.array(expression).min(1).max(20),
  subject: z.string().trim().min(1).max(500).openapi({ description: 'Text with {{ expression }} placeholders' }),
  body: z.string().min(1).max(20_000).openapi({ description: 'Text with {{ expression }} placeholders' }),
  ...next,
  ...onError,
});
const WaitStep = z.strictObject({
  kind: z.literal('wait'),
  id: stepIdSchema,
  duration: Duration.optional(),
  until: expression.optional().openapi({ description: 'An expression giving an ISO date-time' }),
  /** Waits for an event of this type whose `match` holds (over the run's data and `event`). */
  event: z.string().min(1).max(200).optional(),
  match: expression.optional().openapi({ description: 'e.g. event.payload.taskId = trigger.values.taskId' }),
  /** With `event`: how long to wait at most; then the run goes to `onTimeout` (default: `next`). */
  timeout: Duration.optional(),
  onTimeout: goto.optional(),
  ...next,
  ...onError,
});
const ApprovalStep = z.strictObject({
  kind: z.literal('approval'),
  id: stepIdSchema,
  title: z.string().trim().min(1).max(300),
  description: z.string().max(4000).default(''),
  assignee: Assignee,
  form: z.array(FormField).max(50).default([]),
  /** After this long undecided: a reminder (in the app and by email) to the assignee(s). */
  remindAfter: Duration.optional(),
  /** After this long undecided: reassigned to `escalateTo`, who are told. */
  escalateAfter: Duration.optional(),
  escalateTo: Assignee.optional(),
  /** After this long undecided: the approval expires and the run goes to `onDeadline` (default: `next`). */
  deadline: Duration.optional(),
  onDeadline: goto.optional(),
  ...next,
  ...onError,
});
const SubflowStep = z.strictObject({
  kind: z.literal('subflow'),
  id: stepIdSchema,
  flowId: uuid.openapi({ description: 'A published flow; its newest version runs' }),
  input: expression.optional().openapi({ description: "An expression giving the child's `trigger.values`" }),
  ...next,
  ...onError,
});

/** The steps a loop's body may hold: none that waits (a wait, an approval, a sub-flow) and no nested loop. */
const BodyStep = z.discriminatedUnion('kind', [ConditionStep, ActionStep, SetStep, EmailStep]);
export const LOOP_BODY_KINDS: ReadonlySet<string> = new Set(['condition', 'action', 'set', 'email']);
const LoopStep = z.strictObject({
  kind: z.literal('loop'),
  id: stepIdSchema,
  /** An expression giving the list (each item runs the body once, `item` and `index` in scope). */
  items: expression,
  /** More items than this fails the step (default 100). */
  maxItems: z.number().int().min(1).max(1000).default(100),
  steps: z.array(BodyStep).min(1).max(50),
  ...next,
  ...onError,
});

const Step = z.discriminatedUnion('kind', [
  ConditionStep,
  ActionStep,
  SetStep,
  WaitStep,
  ApprovalStep,
  EmailStep,
  LoopStep,
  SubflowStep,
  HttpStep,
]);

export const FlowDefinition = z
  .strictObject({
    trigger: Trigger,
    steps: z.array(Step).min(1).max(200),
    /** Runs beyond this many at once (running or waiting) are queued and start as others finish. */
    maxConcurrentRuns: z.number().int().min(1).max(1000).optional(),
    /** Days a finished or not run is kept (default 90). */
    retentionDays: z.number().int().min(1).max(3650).optional(),
  })
  .openapi('FlowDefinition');
export type FlowDefinitionValue = z.output<typeof FlowDefinition>;
export type StepDefinition = FlowDefinitionValue['steps'][number] | z.output<typeof BodyStep>;
export type LoopStepDefinition = z.output<typeof LoopStep>;
export type TriggerDefinition = FlowDefinitionValue['trigger'];

/** Where a step sits: its block (the flow's list or a loop's body), its index there, the loop around it. */
export interface StepPlace {
  step: StepDefinition;
  block: readonly StepDefinition[];
  index: number;
  loop: LoopStepDefinition | null;
}

/** Finds a step by id, also inside loops' bodies. */
export function locate(def: FlowDefinitionValue, id: string): StepPlace | null {
  for (const [index, step] of def.steps.entries()) {
    if (step.id === id) return { step, block: def.steps, index, loop: null };
    if (step.kind === 'loop') {
      const inner = step.steps.findIndex((s) => s.id === id);
      if (inner >= 0) return { step: step.steps[inner]!, block: step.steps, index: inner, loop: step };
    }
  }
  return null;
}

/**
 * Where the run goes after a step: its `next`/`goto` target, or the next step of its block. At the
 * end of a loop's body (or on `end` inside it) the loop step comes again (its next item).
 */
export function successor(place: StepPlace, target: string | undefined): string | null {
  if (place.loop) {
    if (target === 'end') return place.loop.id;
    if (target !== undefined) return target;
    return place.block[place.index + 1]?.id ?? place.loop.id;
  }
  if (target === 'end') return null;
  if (target !== undefined) return target;
  return place.block[place.index + 1]?.id ?? null;
}

/** The `{{ expression }}` placeholders of a template. */
export function templateParts(template: string): ({ text: string } | { expression: string })[] {
  const parts: ({ text: string } | { expression: string })[] = [];
  const re = /\{\{([\s\S]*?)\}\}/g;
  let last = 0;
  for (const m of template.matchAll(re)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index) });
    parts.push({ expression: m[1]!.trim() });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** What the checks beyond the schema need from the installation. */
export interface DefinitionCatalog {
  eventTypes: ReadonlySet<string>;
  actions: ReadonlySet<string>;
  /** Record types a manual flow may be run from (engine/catalog.ts). */
  recordTypes: ReadonlySet<string>;
}

/** A duration in whole minutes. */
export function durationMinutes(d: DurationValue): number {
  return (d.days ?? 0) * 24 * 60 + (d.hours ?? 0) * 60 + (d.minutes ?? 0);
}

/** The sub-flows a definition calls (their flow ids). */
export function subflowsOf(def: FlowDefinitionValue): string[] {
  return def.steps.flatMap((s) => (s.kind === 'subflow' ? [s.flowId] : []));
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
  } else if (t.kind === 'manual' && t.record !== undefined && !catalog.recordTypes.has(t.record)) {
    add(
      'trigger.record',
      `${t.record} is not a record type a flow can be run from (${[...catalog.recordTypes].join(', ')}).`,
    );
  }
  const ids = new Set<string>();
  def.steps.forEach((s, i) => {
    if (ids.has(s.id)) add(`steps.${i}.id`, `Step id ${s.id} is used twice.`);
    ids.add(s.id);
    if (s.kind === 'loop')
      s.steps.forEach((b, j) => {
        if (ids.has(b.id)) add(`steps.${i}.steps.${j}.id`, `Step id ${b.id} is used twice.`);
        ids.add(b.id);
      });
  });
  const topIds = new Set(def.steps.map((s) => s.id));
  const template = (path: string, text: string) => {
    for (const part of templateParts(text)) if ('expression' in part) expr(path, part.expression || '(empty)');
  };
  const checkStep = (s: StepDefinition, at: string, blockIds: ReadonlySet<string>) => {
    // A target names a step of the same block (a loop's body cannot jump out of it, nor the flow into it).
    const target = (path: string, id: string | undefined) => {
      if (id === undefined || id === 'end') return;
      if (!ids.has(id)) add(path, `No step has the id ${id}.`);
      else if (!blockIds.has(id)) add(path, `Step ${id} is not in the same list of steps (a loop's body is its own).`);
    };
    switch (s.kind) {
      case 'condition':
        s.cases.forEach((c, j) => {
          expr(`${at}.cases.${j}.when`, c.when);
          target(`${at}.cases.${j}.goto`, c.goto);
        });
        target(`${at}.otherwise`, s.otherwise);
        break;
      case 'action':
        if (!catalog.actions.has(s.action)) add(`${at}.action`, `No module offers the action ${s.action}.`);
        expr(`${at}.input`, s.input);
        break;
      case 'set':
        for (const [name, text] of Object.entries(s.variables)) expr(`${at}.variables.${name}`, text);
        break;
      case 'wait':
        if (s.event !== undefined) {
          if (s.duration !== undefined || s.until !== undefined)
            add(`${at}`, 'A wait has one of a duration, an until expression or an event.');
          if (!catalog.eventTypes.has(s.event)) add(`${at}.event`, `No module declares the event type ${s.event}.`);
        } else if ((s.duration === undefined) === (s.until === undefined))
          add(`${at}`, 'A wait has either a duration or an until expression (or an event).');
        if (s.event === undefined && (s.match !== undefined || s.timeout !== undefined || s.onTimeout !== undefined))
          add(`${at}.event`, 'match, timeout and onTimeout belong to a wait for an event.');
        if (s.timeout !== undefined && durationMinutes(s.timeout) === 0)
          add(`${at}.timeout`, 'A timeout is at least one minute.');
        expr(`${at}.until`, s.until);
        expr(`${at}.match`, s.match);
        target(`${at}.onTimeout`, s.onTimeout);
        break;
      case 'approval':
        if ((s.escalateAfter === undefined) !== (s.escalateTo === undefined))
          add(`${at}.escalateTo`, 'escalateAfter and escalateTo go together.');
        if (s.onDeadline !== undefined && s.deadline === undefined)
          add(`${at}.deadline`, 'onDeadline needs a deadline.');
        for (const key of ['remindAfter', 'escalateAfter', 'deadline'] as const) {
          const d = s[key];
          if (d !== undefined && durationMinutes(d) === 0) add(`${at}.${key}`, 'At least one minute.');
        }
        target(`${at}.onDeadline`, s.onDeadline);
        break;
      case 'email':
        s.to.forEach((text, j) => expr(`${at}.to.${j}`, text));
        template(`${at}.subject`, s.subject);
        template(`${at}.body`, s.body);
        break;
      case 'subflow':
        expr(`${at}.input`, s.input);
        break;
      case 'http':
        checkHttpStep(s, at, expr);
        break;
      case 'loop': {
        expr(`${at}.items`, s.items);
        const bodyIds = new Set(s.steps.map((b) => b.id));
        s.steps.forEach((b, j) => checkStep(b, `${at}.steps.${j}`, bodyIds));
        break;
      }
    }
    if ('next' in s) target(`${at}.next`, s.next);
    target(`${at}.onError`, s.onError);
  };
  def.steps.forEach((s, i) => checkStep(s, `steps.${i}`, topIds));
  return out;
}
