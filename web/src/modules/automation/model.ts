// A flow's definition as the editor holds it (docs/adr/0016, src/modules/automation/flows/definition.ts).
// The API types a flow's draft as `unknown` (it is whatever was saved); these types mirror the
// definition's schema for the kinds the editor has forms for (a loop's body too), and keep any other
// kind as a plain object edited as JSON. The server validates either way.

export type FieldType = 'text' | 'number' | 'boolean' | 'date';
export interface FormField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
}
export const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'boolean', 'date'];

export type Trigger =
  | { kind: 'event'; event: string; filter?: string }
  | { kind: 'schedule'; cron: string; timeZone: string }
  | { kind: 'manual'; form: FormField[]; record?: string }
  | { kind: 'webhook'; credentialId: string };
export type TriggerKind = Trigger['kind'];
export const TRIGGER_KINDS: readonly TriggerKind[] = ['manual', 'event', 'schedule', 'webhook'];

export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
}
export type Assignee = { userId: string } | { role: string };

export interface ConditionStep {
  kind: 'condition';
  id: string;
  cases: { when: string; goto: string }[];
  otherwise?: string;
  onError?: string;
}
export interface ActionStep {
  kind: 'action';
  id: string;
  action: string;
  input: string;
  next?: string;
  /** Where a failure goes (else the run fails). */
  onError?: string;
}
export interface SetStep {
  kind: 'set';
  id: string;
  variables: Record<string, string>;
  next?: string;
  /** Where a failure goes (else the run fails). */
  onError?: string;
}
export interface WaitStep {
  kind: 'wait';
  id: string;
  duration?: Duration;
  until?: string;
  /** A wait for an event of this type whose `match` holds, at most `timeout` (then `onTimeout`). */
  event?: string;
  match?: string;
  timeout?: Duration;
  onTimeout?: string;
  next?: string;
  /** Where a failure goes (else the run fails). */
  onError?: string;
}
export interface ApprovalStep {
  kind: 'approval';
  id: string;
  title: string;
  description: string;
  assignee: Assignee;
  form: FormField[];
  remindAfter?: Duration;
  escalateAfter?: Duration;
  escalateTo?: Assignee;
  deadline?: Duration;
  onDeadline?: string;
  next?: string;
  /** Where a failure goes (else the run fails). */
  onError?: string;
}
export interface EmailStep {
  kind: 'email';
  id: string;
  /** Expressions, each giving an address or a list of them. */
  to: string[];
  /** Text with {{ expression }} placeholders. */
  subject: string;
  body: string;
  next?: string;
  /** Where a failure goes (else the run fails). */
  onError?: string;
}
export interface SubflowStep {
  kind: 'subflow';
  id: string;
  flowId: string;
  input?: string;
  next?: string;
  /** Where a failure goes (else the run fails). */
  onError?: string;
}
/** A kind the editor has no form for: kept as it came, edited as JSON. */
export interface OtherStep {
  kind: string;
  id: string;
  [key: string]: unknown;
}
export interface HttpStep {
  kind: 'http';
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Expressions: the URL, each header's value, the JSON body. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  credentialId?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  expectStatus?: number[];
  onError?: string;
  next?: string;
}
export const HTTP_METHODS: readonly HttpStep['method'][] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** A loop: its body (condition, action, set and email steps) runs once per item, `item` and `index` in scope. */
export interface LoopStep {
  kind: 'loop';
  id: string;
  items: string;
  maxItems?: number;
  steps: Step[];
  next?: string;
  onError?: string;
}
export type KnownStep =
  ConditionStep | ActionStep | SetStep | WaitStep | ApprovalStep | EmailStep | SubflowStep | HttpStep | LoopStep;
export type Step = KnownStep | OtherStep;
export const FORM_KINDS = [
  'condition',
  'action',
  'set',
  'wait',
  'approval',
  'email',
  'subflow',
  'http',
  'loop',
] as const;
export type FormKind = (typeof FORM_KINDS)[number];
/** The kinds a loop's body may hold (none that waits, no nested loop). */
export const BODY_KINDS = ['condition', 'action', 'set', 'email'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export interface Definition {
  trigger: Trigger;
  steps: Step[];
  /** Runs beyond this many at once are queued. */
  maxConcurrentRuns?: number;
  /** Days a finished run is kept. */
  retentionDays?: number;
}

export const KIND_LABELS: Record<string, string> = {
  condition: 'Condition',
  action: 'Module action',
  set: 'Set variables',
  wait: 'Wait',
  approval: 'Approval',
  loop: 'Loop',
  subflow: 'Sub-flow',
  email: 'Email',
  http: 'HTTP request',
  'wait-for-event': 'Wait for an event',
};
export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A saved draft (`unknown` in the API) as a definition, or a new one when it is not one. */
export function definitionOf(draft: unknown): Definition {
  if (!isRecord(draft) || !isRecord(draft.trigger) || !Array.isArray(draft.steps)) return emptyDefinition();
  const steps = draft.steps.filter(isRecord).map((s) => ({ ...s, kind: String(s.kind), id: String(s.id ?? '') }));
  // Anything else the definition holds (maxConcurrentRuns, retentionDays, later options) is kept as it is.
  return { ...draft, trigger: draft.trigger as unknown as Trigger, steps: steps as Step[] };
}

export function emptyDefinition(): Definition {
  return { trigger: { kind: 'manual', form: [] }, steps: [newStep('approval', [])] };
}

export function newTrigger(kind: TriggerKind): Trigger {
  switch (kind) {
    case 'event':
      return { kind, event: '' };
    case 'schedule':
      return { kind, cron: '0 9 * * 1', timeZone: 'UTC' };
    case 'manual':
      return { kind, form: [] };
    case 'webhook':
      return { kind, credentialId: '' };
  }
}

/** A step id not used yet: `approval`, `approval_2`, … */
export function freeId(base: string, steps: readonly Step[]): string {
  const clean = base.replace(/[^a-z0-9_]/g, '_').replace(/^[^a-z]+/, '') || 'step';
  const used = new Set(steps.map((s) => s.id));
  if (!used.has(clean)) return clean;
  for (let i = 2; ; i++) if (!used.has(`${clean}_${i}`)) return `${clean}_${i}`;
}

/** A new step of a kind with a form, with a free id and placeholders the user fills in. */
export function newStep(kind: FormKind, steps: readonly Step[]): Step {
  const id = freeId(kind, steps);
  switch (kind) {
    case 'condition':
      return { kind, id, cases: [{ when: '', goto: 'end' }] };
    case 'action':
      return { kind, id, action: '', input: '{}' };
    case 'set':
      return { kind, id, variables: { name: '' } };
    case 'wait':
      return { kind, id, duration: { days: 1 } };
    case 'approval':
      return { kind, id, title: 'Approve', description: '', assignee: { role: 'manager' }, form: [] };
    case 'email':
      return { kind, id, to: ['trigger.values.email'], subject: '', body: '' };
    case 'subflow':
      return { kind, id, flowId: '' };
    case 'http':
      return { kind, id, method: 'GET', url: '"https://"' };
    case 'loop':
      return {
        kind,
        id,
        items: 'trigger.values.items',
        steps: [{ kind: 'set', id: `${id}_each`, variables: { last: 'item' } }],
      };
  }
}

/** Every step id of a definition, loops' bodies included (ids are unique across them). */
export function allSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => (s.kind === 'loop' && Array.isArray(s.steps) ? [s, ...(s.steps as Step[])] : [s]));
}

/** Whether a step's kind has a form here. */
export function hasForm(step: Step): step is KnownStep {
  return (FORM_KINDS as readonly string[]).includes(step.kind);
}

/** The list with the item at `from` moved to `to` (clamped). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from === target || from < 0 || from >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

const DURATION_KEYS = new Set(['duration', 'timeout', 'remindAfter', 'escalateAfter', 'deadline']);

/** The definition as the API takes it: empty optional strings and durations left out. */
export function cleanDefinition(def: Definition): Definition {
  const blankless = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as T;
  const durations = (o: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (DURATION_KEYS.has(k) && isRecord(v)) {
        const d = blankless(v);
        if (Object.keys(d).length > 0) out[k] = d;
      } else out[k] = v;
    }
    return out;
  };
  const clean = (s: Step): Step => {
    const out = blankless(durations(s as Record<string, unknown>)) as Step;
    return out.kind === 'loop' && Array.isArray(out.steps) ? { ...out, steps: (out.steps as Step[]).map(clean) } : out;
  };
  return blankless({
    ...def,
    trigger: blankless(def.trigger),
    steps: def.steps.map(clean),
  });
}

/**
 * The server's field errors (paths like `definition.steps.2.action`) re-keyed without the
 * `definition.` prefix; errors about the whole definition land under `''`.
 */
export function definitionErrors(errors: readonly { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const path = e.path === 'definition' ? '' : e.path.startsWith('definition.') ? e.path.slice(11) : null;
    if (path === null) continue;
    out[path] ??= e.message;
  }
  return out;
}

/** The errors under `prefix` (a step's errors the form shows no field for go to its JSON box). */
export function errorsUnder(errors: Record<string, string>, prefix: string): [string, string][] {
  return Object.entries(errors).filter(([p]) => p === prefix || p.startsWith(`${prefix}.`));
}

/** A one-line description of a trigger, for lists. */
export function describeTrigger(trigger: unknown): string {
  if (!isRecord(trigger)) return '—';
  switch (trigger.kind) {
    case 'event':
      return `On ${String(trigger.event)}`;
    case 'schedule':
      return `Schedule ${String(trigger.cron)} (${String(trigger.timeZone ?? 'UTC')})`;
    case 'manual':
      return 'By hand';
    case 'webhook':
      return 'Signed webhook';
    default:
      return String(trigger.kind);
  }
}

/** The manual trigger's form of a definition (empty for other triggers). */
export function manualForm(def: unknown): FormField[] | null {
  if (!isRecord(def) || !isRecord(def.trigger) || def.trigger.kind !== 'manual') return null;
  return Array.isArray(def.trigger.form) ? (def.trigger.form as FormField[]) : [];
}

export type FormValue = string | number | boolean | null;

/** Form input (strings from the fields) as the API's values: numbers as numbers, blanks left out. */
export function formValues(
  form: readonly FormField[],
  raw: Record<string, string | boolean>,
): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const f of form) {
    const v = raw[f.key];
    if (f.type === 'boolean') out[f.key] = Boolean(v);
    else if (typeof v === 'string' && v.trim() !== '') {
      const n = Number(v.replace(',', '.'));
      out[f.key] = f.type === 'number' && Number.isFinite(n) ? n : v.trim();
    }
  }
  return out;
}

/** Pretty JSON for step inputs and outputs. */
export function json(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2);
}

/** A sample `trigger` for a trigger kind, as the run would see it. */
export function sampleTrigger(trigger: Trigger, example: unknown): Record<string, unknown> {
  switch (trigger.kind) {
    case 'event':
      return { type: trigger.event, payload: example ?? {} };
    case 'manual': {
      const values = Object.fromEntries(
        trigger.form.map((f) => [f.key, f.type === 'number' ? 0 : f.type === 'boolean' ? false : ''] as const),
      );
      return { type: 'manual', values, ...(trigger.record ? { record: { type: trigger.record, id: '' } } : {}) };
    }
    case 'schedule':
      return { type: 'schedule', slot: new Date().toISOString() };
    case 'webhook':
      return { type: 'webhook', payload: {} };
  }
}
