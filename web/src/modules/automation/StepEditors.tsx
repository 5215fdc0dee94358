import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api';
import { useAuth } from '../../components';
import { useActions, useCredentials, useFlowNames } from './api';
import { Check, Select, Text, WholeNumber } from './fields';
import {
  allSteps,
  BODY_KINDS,
  errorsUnder,
  FIELD_TYPES,
  hasForm,
  HTTP_METHODS,
  json,
  kindLabel,
  move,
  newStep,
  newTrigger,
  type BodyKind,
  type LoopStep,
  type ActionStep,
  type ApprovalStep,
  type Assignee,
  type ConditionStep,
  type Duration,
  type EmailStep,
  type FormField,
  type HttpStep,
  type SetStep,
  type Step,
  type SubflowStep,
  type Trigger,
  type TriggerKind,
  type WaitStep,
} from './model';

type Errors = Record<string, string>;

const TRIGGER_KINDS: { value: TriggerKind; label: string }[] = [
  { value: 'manual', label: 'By hand (with a form)' },
  { value: 'event', label: 'When an event happens' },
  { value: 'schedule', label: 'On a schedule' },
  { value: 'webhook', label: 'A signed webhook (POST /hooks/{flow id})' },
];

/** The trigger: its kind and that kind's fields (a manual trigger's form). */
export function TriggerEditor({
  trigger,
  onChange,
  errors,
  disabled,
}: {
  trigger: Trigger;
  onChange: (trigger: Trigger) => void;
  errors: Errors;
  disabled: boolean;
}) {
  return (
    <fieldset className="card flow-section" disabled={disabled}>
      <legend>Trigger</legend>
      <Select
        label="Starts"
        value={trigger.kind}
        options={TRIGGER_KINDS}
        onChange={(k) => onChange(newTrigger(k as TriggerKind))}
        error={errors['trigger'] ?? errors['trigger.kind']}
      />
      {trigger.kind === 'event' && (
        <div className="grid-2">
          <Text
            label="Event type"
            value={trigger.event}
            onChange={(event) => onChange({ ...trigger, event })}
            error={errors['trigger.event']}
            hint="A module's event, e.g. crm.opportunity.won or projects.task.completed."
            required
          />
          <Text
            label="Only when (filter)"
            value={trigger.filter ?? ''}
            onChange={(filter) => onChange({ ...trigger, filter })}
            error={errors['trigger.filter']}
            hint="An expression over trigger, e.g. $number(trigger.payload.amount) > 10000 (amounts are strings)"
            code
          />
        </div>
      )}
      {trigger.kind === 'schedule' && (
        <div className="grid-2">
          <Text
            label="Cron"
            value={trigger.cron}
            onChange={(cron) => onChange({ ...trigger, cron })}
            error={errors['trigger.cron']}
            hint="Five fields: minute hour day month weekday (0 9 * * 1 = Mondays at 09:00)."
            code
            required
          />
          <Text
            label="Time zone"
            value={trigger.timeZone}
            onChange={(timeZone) => onChange({ ...trigger, timeZone })}
            error={errors['trigger.timeZone']}
            hint="e.g. Europe/Berlin"
            required
          />
        </div>
      )}
      {trigger.kind === 'webhook' && (
        <WebhookCredential
          value={trigger.credentialId}
          onChange={(credentialId) => onChange({ ...trigger, credentialId })}
          error={errors['trigger.credentialId']}
        />
      )}
      {trigger.kind === 'manual' && (
        <RecordTypeField
          value={trigger.record ?? ''}
          onChange={(record) => onChange({ ...trigger, record: record || undefined })}
          error={errors['trigger.record']}
        />
      )}
      {trigger.kind === 'manual' && (
        <FormFieldsEditor
          title="Run form"
          fields={trigger.form}
          onChange={(form) => onChange({ ...trigger, form })}
          errors={errors}
          path="trigger.form"
        />
      )}
    </fieldset>
  );
}

/** A manual flow's record type: run from that record's page ("Run flow"), `trigger.record` in the run. */
function RecordTypeField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (type: string) => void;
  error: string | undefined;
}) {
  const types = useQuery({
    queryKey: ['automation', 'record-types'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/automation/record-types', { signal })),
    staleTime: 10 * 60_000,
  });
  const options = [
    { value: '', label: 'No record (run from the flow’s page)' },
    ...(types.data?.items ?? []).map((r) => ({ value: r.type, label: `${r.label} (${r.type})` })),
  ];
  if (value && !types.data?.items.some((r) => r.type === value)) options.push({ value, label: value });
  return (
    <Select
      label="Run from a record"
      value={value}
      options={options}
      onChange={onChange}
      error={error}
      hint="Adds a “Run flow” button to that record’s page once published; the run gets trigger.record.id and trigger.record.type."
    />
  );
}

/** A webhook trigger's signing credential: one of the vault's HMAC credentials. */
function WebhookCredential({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const credentials = useCredentials();
  const hmac = (credentials.data?.items ?? []).filter((c) => c.type === 'hmac');
  const options = [
    { value: '', label: credentials.isPending ? 'Loading credentials…' : 'Choose an HMAC credential' },
    ...hmac.map((c) => ({ value: c.id, label: `${c.name} (${c.hint})` })),
  ];
  if (value && !hmac.some((c) => c.id === value)) options.push({ value, label: value });
  return (
    <Select
      label="Signing credential"
      value={value}
      options={options}
      onChange={onChange}
      error={error}
      hint={`Callers sign with its whsec_ secret (Standard Webhooks) and POST to /api/v1/automation/hooks/{flow id}. Credentials are made under Automation → Credentials.`}
      required
    />
  );
}

/** The fields of a manual trigger's or an approval's form. */
export function FormFieldsEditor({
  title,
  fields,
  onChange,
  errors,
  path,
}: {
  title: string;
  fields: FormField[];
  onChange: (fields: FormField[]) => void;
  errors: Errors;
  path: string;
}) {
  const set = (i: number, patch: Partial<FormField>) =>
    onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div className="form-fields">
      <h3>{title}</h3>
      {fields.length === 0 && <p className="muted">No fields.</p>}
      {fields.map((f, i) => (
        <div key={i} className="form-field-row">
          <Text
            label={`Field ${i + 1} key`}
            value={f.key}
            onChange={(key) => set(i, { key })}
            error={errors[`${path}.${i}.key`]}
            code
          />
          <Text
            label={`Field ${i + 1} label`}
            value={f.label}
            onChange={(label) => set(i, { label })}
            error={errors[`${path}.${i}.label`]}
          />
          <Select
            label={`Field ${i + 1} type`}
            value={f.type}
            options={FIELD_TYPES.map((t) => ({ value: t, label: t }))}
            onChange={(type) => set(i, { type: type as FormField['type'] })}
          />
          <Check label={`Field ${i + 1} required`} checked={f.required} onChange={(required) => set(i, { required })} />
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => onChange(fields.filter((_, j) => j !== i))}
            aria-label={`Remove field ${i + 1} of the ${title.toLowerCase()}`}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() =>
          onChange([...fields, { key: `field${fields.length + 1}`, label: '', type: 'text', required: false }])
        }
      >
        Add field to the {title.toLowerCase()}
      </button>
    </div>
  );
}

/** Where a step goes next: the following step (default), another step, or the end (of the run, or of a loop's item). */
function targetOptions(steps: readonly Step[], self: string, allowDefault: boolean, inBody = false) {
  return [
    ...(allowDefault ? [{ value: '', label: 'The following step' }] : []),
    ...steps.filter((s) => s.id !== self && s.id).map((s) => ({ value: s.id, label: `Step ${s.id}` })),
    { value: 'end', label: inBody ? 'End this item (the loop goes on)' : 'End the run' },
  ];
}

/** The form of one step, by kind; kinds without a form are edited as JSON. */
export function StepFields({
  step,
  index,
  steps,
  onChange,
  errors,
  path,
  flowSteps,
}: {
  step: Step;
  index: number;
  /** The steps of the same list (the flow's, or a loop's body): where `next` and `onError` may go. */
  steps: readonly Step[];
  onChange: (step: Step) => void;
  errors: Errors;
  /** The step's path in the definition (default `steps.<index>`; `steps.2.steps.0` in a loop's body). */
  path?: string;
  /** The flow's top-level steps (for free ids; default: `steps`). */
  flowSteps?: readonly Step[];
}) {
  const at = path ?? `steps.${index}`;
  const inBody = path !== undefined && /\.steps\.\d+$/.test(path);
  const err = (field: string) => errors[`${at}.${field}`];
  if (!hasForm(step)) return <StepJson step={step} onChange={onChange} errors={errorsUnder(errors, at)} />;
  const next =
    step.kind === 'condition' ? null : (
      <Select
        label="Then"
        value={step.next ?? ''}
        options={targetOptions(steps, step.id, true, inBody)}
        onChange={(v) => onChange({ ...step, next: v || undefined } as Step)}
        error={err('next')}
      />
    );
  // Every kind may send its failure to another step (the HTTP step has its own, with its hint).
  const onError =
    step.kind === 'http' ? null : (
      <Select
        label="On error"
        value={step.onError ?? ''}
        options={[{ value: '', label: 'Fail the run' }, ...targetOptions(steps, step.id, false, inBody)]}
        onChange={(v) => onChange({ ...step, onError: v || undefined } as Step)}
        error={err('onError')}
        hint="When the step fails (after its retries): the run goes on there with error.message, error.code and error.stepId"
      />
    );
  return (
    <>
      <Text
        label="Step id"
        value={step.id}
        onChange={(id) => onChange({ ...step, id })}
        error={err('id')}
        hint={`Names the step in expressions: steps.${step.id || 'id'}`}
        code
        required
      />
      {step.kind === 'condition' && <ConditionFields step={step} steps={steps} onChange={onChange} err={err} />}
      {step.kind === 'action' && <ActionFields step={step} onChange={onChange} err={err} />}
      {step.kind === 'set' && <SetFields step={step} onChange={onChange} err={err} />}
      {step.kind === 'wait' && <WaitFields step={step} steps={steps} onChange={onChange} err={err} />}
      {step.kind === 'approval' && (
        <ApprovalFields step={step} steps={steps} onChange={onChange} err={err} errors={errors} at={at} />
      )}
      {step.kind === 'email' && <EmailFields step={step} onChange={onChange} err={err} />}
      {step.kind === 'subflow' && <SubflowFields step={step} onChange={onChange} err={err} />}
      {step.kind === 'http' && <HttpFields step={step} steps={steps} onChange={onChange} err={err} />}
      {step.kind === 'loop' && (
        <LoopFields step={step} at={at} onChange={onChange} err={err} errors={errors} flowSteps={flowSteps ?? steps} />
      )}
      {next}
      {onError}
      {err('') && <p className="field-error">{err('')}</p>}
    </>
  );
}

type Err = (field: string) => string | undefined;

/** A loop: its list, its limit, and its body's steps (each with its own form; added, moved, removed here). */
function LoopFields({
  step,
  at,
  onChange,
  err,
  errors,
  flowSteps,
}: {
  step: LoopStep;
  at: string;
  onChange: (s: Step) => void;
  err: Err;
  errors: Errors;
  flowSteps: readonly Step[];
}) {
  const [addKind, setAddKind] = useState<BodyKind>('set');
  const body = step.steps;
  const setBody = (steps: Step[]) => onChange({ ...step, steps });
  return (
    <>
      <div className="grid-2">
        <Text
          label="Items"
          value={step.items}
          onChange={(items) => onChange({ ...step, items })}
          error={err('items')}
          hint="An expression giving the list, e.g. trigger.payload.lines; the body sees item and index"
          code
          required
        />
        <WholeNumber
          label="At most (items)"
          value={step.maxItems}
          onChange={(maxItems) => onChange({ ...step, maxItems })}
          error={err('maxItems')}
          hint="Empty: 100. More items fail the step."
        />
      </div>
      <div className="loop-body" role="group" aria-label={`Body of loop ${step.id}`}>
        <h4>Body: runs once per item</h4>
        {err('steps') && <p className="field-error">{err('steps')}</p>}
        {body.map((b, j) => {
          const n = j + 1;
          return (
            <section key={j} className="step-card" aria-label={`Body step ${n} of ${step.id}`}>
              <div className="step-head">
                <h5>
                  Body step {n}: {kindLabel(b.kind)}
                  {b.id ? ` (${b.id})` : ''}
                </h5>
                <div className="step-tools">
                  <button
                    type="button"
                    className="btn btn-ghost btn-icon"
                    disabled={j === 0}
                    onClick={() => setBody(move(body, j, j - 1))}
                    aria-label={`Move body step ${n} of ${step.id} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost btn-icon"
                    disabled={j === body.length - 1}
                    onClick={() => setBody(move(body, j, j + 1))}
                    aria-label={`Move body step ${n} of ${step.id} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    disabled={body.length === 1}
                    onClick={() => setBody(body.filter((_, k) => k !== j))}
                    aria-label={`Remove body step ${n} of ${step.id}`}
                  >
                    Remove
                  </button>
                </div>
              </div>
              <StepFields
                step={b}
                index={j}
                steps={body}
                path={`${at}.steps.${j}`}
                flowSteps={flowSteps}
                onChange={(changed) => setBody(body.map((x, k) => (k === j ? changed : x)))}
                errors={errors}
              />
            </section>
          );
        })}
        <div className="add-step">
          <Select
            label={`New body step's kind (${step.id})`}
            value={addKind}
            options={BODY_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            onChange={(k) => setAddKind(k as BodyKind)}
          />
          <button
            type="button"
            className="btn"
            onClick={() => setBody([...body, newStep(addKind, allSteps(flowSteps))])}
          >
            Add body step
          </button>
        </div>
      </div>
    </>
  );
}

function ConditionFields({
  step,
  steps,
  onChange,
  err,
}: {
  step: ConditionStep;
  steps: readonly Step[];
  onChange: (s: Step) => void;
  err: Err;
}) {
  const targets = targetOptions(steps, step.id, false);
  const setCase = (j: number, patch: Partial<ConditionStep['cases'][number]>) =>
    onChange({ ...step, cases: step.cases.map((c, k) => (k === j ? { ...c, ...patch } : c)) });
  return (
    <div className="cases">
      {step.cases.map((c, j) => (
        <div key={j} className="case-row">
          <Text
            label={`Case ${j + 1}: when`}
            value={c.when}
            onChange={(when) => setCase(j, { when })}
            error={err(`cases.${j}.when`)}
            hint={j === 0 ? 'An expression, e.g. steps.approve.decision = "approved"' : undefined}
            code
            required
          />
          <Select
            label={`Case ${j + 1}: go to`}
            value={c.goto}
            options={targets}
            onChange={(goto) => setCase(j, { goto })}
            error={err(`cases.${j}.goto`)}
          />
          <button
            type="button"
            className="btn btn-ghost"
            disabled={step.cases.length === 1}
            onClick={() => onChange({ ...step, cases: step.cases.filter((_, k) => k !== j) })}
          >
            Remove case {j + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() => onChange({ ...step, cases: [...step.cases, { when: '', goto: 'end' }] })}
      >
        Add case
      </button>
      <Select
        label="Otherwise"
        value={step.otherwise ?? ''}
        options={targetOptions(steps, step.id, true)}
        onChange={(v) => onChange({ ...step, otherwise: v || undefined })}
        error={err('otherwise')}
      />
    </div>
  );
}

function ActionFields({ step, onChange, err }: { step: ActionStep; onChange: (s: Step) => void; err: Err }) {
  const actions = useActions();
  const items = actions.data?.items ?? [];
  const chosen = items.find((a) => a.key === step.action);
  const options = [
    { value: '', label: actions.isPending ? 'Loading actions…' : 'Choose an action' },
    ...items.map((a) => ({ value: a.key, label: `${a.label} (${a.key})` })),
    // A key the catalog lacks (a module removed since) stays visible so the error makes sense.
    ...(step.action && !chosen && !actions.isPending ? [{ value: step.action, label: step.action }] : []),
  ];
  return (
    <>
      <Select
        label="Action"
        value={step.action}
        options={options}
        onChange={(action) => onChange({ ...step, action })}
        error={err('action')}
        hint={
          chosen ? `${chosen.description ?? ''} Needs ${chosen.permission} (of the run-as user).`.trim() : undefined
        }
        required
      />
      <Text
        label="Input"
        value={step.input}
        onChange={(input) => onChange({ ...step, input })}
        error={err('input')}
        hint='An expression giving the input object, e.g. {"title": "Kick-off " & trigger.payload.name}'
        multiline
        code
        rows={4}
        required
      />
    </>
  );
}

function SetFields({ step, onChange, err }: { step: SetStep; onChange: (s: Step) => void; err: Err }) {
  const entries = Object.entries(step.variables);
  const write = (list: [string, string][]) => onChange({ ...step, variables: Object.fromEntries(list) });
  return (
    <div className="variables">
      {entries.map(([name, expr], j) => (
        <div key={j} className="variable-row">
          <Text
            label={`Variable ${j + 1} name`}
            value={name}
            onChange={(n) => write(entries.map((e, k) => (k === j ? [n, e[1]] : e)))}
            code
          />
          <Text
            label={`Variable ${j + 1} value`}
            value={expr}
            onChange={(v) => write(entries.map((e, k) => (k === j ? [e[0], v] : e)))}
            error={err(`variables.${name}`)}
            hint="An expression; read it later as vars.name"
            code
          />
          <button type="button" className="btn btn-ghost" onClick={() => write(entries.filter((_, k) => k !== j))}>
            Remove variable {j + 1}
          </button>
        </div>
      ))}
      <button type="button" className="btn" onClick={() => write([...entries, [`var${entries.length + 1}`, '']])}>
        Add variable
      </button>
      {err('variables') && <p className="field-error">{err('variables')}</p>}
    </div>
  );
}

function WaitFields({
  step,
  steps,
  onChange,
  err,
}: {
  step: WaitStep;
  steps: readonly Step[];
  onChange: (s: Step) => void;
  err: Err;
}) {
  const mode = step.event !== undefined ? 'event' : step.until !== undefined ? 'until' : 'duration';
  const { duration: _d, until: _u, event: _e, match: _m, timeout: _t, onTimeout: _o, ...base } = step;
  return (
    <>
      <Select
        label="Wait for"
        value={mode}
        options={[
          { value: 'duration', label: 'A duration' },
          { value: 'until', label: 'Until a date and time' },
          { value: 'event', label: 'An event' },
        ]}
        onChange={(m) =>
          onChange(
            m === 'until'
              ? { ...base, until: '' }
              : m === 'event'
                ? { ...base, event: '', timeout: { days: 7 } }
                : { ...base, duration: { days: 1 } },
          )
        }
      />
      {mode === 'duration' && (
        <DurationFields
          legend="Duration"
          value={step.duration}
          onChange={(duration) => onChange({ ...step, duration: duration ?? {} })}
          err={(f) => err(`duration${f ? `.${f}` : ''}`)}
        />
      )}
      {mode === 'until' && (
        <Text
          label="Until"
          value={step.until ?? ''}
          onChange={(until) => onChange({ ...step, until })}
          error={err('until')}
          hint="An expression giving an ISO date-time, e.g. trigger.payload.dueDate"
          code
          required
        />
      )}
      {mode === 'event' && (
        <>
          <div className="grid-2">
            <Text
              label="Event type"
              value={step.event ?? ''}
              onChange={(event) => onChange({ ...step, event })}
              error={err('event')}
              hint="e.g. projects.task.completed"
              required
            />
            <Text
              label="Matching"
              value={step.match ?? ''}
              onChange={(match) => onChange({ ...step, match })}
              error={err('match')}
              hint="An expression over event and the run, e.g. event.payload.taskId = trigger.values.taskId"
              code
            />
          </div>
          <DurationFields
            legend="Give up after"
            value={step.timeout}
            onChange={(timeout) => onChange({ ...step, timeout })}
            err={(f) => err(`timeout${f ? `.${f}` : ''}`)}
          />
          <Select
            label="On timeout"
            value={step.onTimeout ?? ''}
            options={targetOptions(steps, step.id, true)}
            onChange={(v) => onChange({ ...step, onTimeout: v || undefined })}
            error={err('onTimeout')}
          />
        </>
      )}
    </>
  );
}

/** Days, hours and minutes (any may be empty); `undefined` when all are. */
function DurationFields({
  legend,
  value,
  onChange,
  err,
}: {
  legend: string;
  value: Duration | undefined;
  onChange: (value: Duration | undefined) => void;
  err: (field: string) => string | undefined;
}) {
  const d = value ?? {};
  const set = (patch: Duration) => {
    const next = { ...d, ...patch };
    const empty = next.days === undefined && next.hours === undefined && next.minutes === undefined;
    onChange(empty ? undefined : next);
  };
  return (
    <fieldset className="duration">
      <legend>{legend}</legend>
      <div className="grid-3">
        <WholeNumber label="Days" value={d.days} onChange={(days) => set({ days })} error={err('days')} />
        <WholeNumber label="Hours" value={d.hours} onChange={(hours) => set({ hours })} error={err('hours')} />
        <WholeNumber
          label="Minutes"
          value={d.minutes}
          onChange={(minutes) => set({ minutes })}
          error={err('minutes')}
        />
      </div>
      {err('') && <p className="field-error">{err('')}</p>}
    </fieldset>
  );
}

/** Roles for the assignee's suggestions, when the user may list them (else a free text field). */
function useRoleNames() {
  const { can } = useAuth();
  return useQuery({
    enabled: can('auth:read'),
    queryKey: ['automation', 'roles'],
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/auth/roles', { signal }))).items.map((r) => r.name),
    retry: false,
    staleTime: 10 * 60_000,
  });
}

function ApprovalFields({
  step,
  steps,
  onChange,
  err,
  errors,
  at,
}: {
  step: ApprovalStep;
  steps: readonly Step[];
  onChange: (s: Step) => void;
  err: Err;
  errors: Errors;
  at: string;
}) {
  const roles = useRoleNames();
  const listId = useId();
  const byRole = 'role' in step.assignee;
  return (
    <>
      <Text
        label="Title"
        value={step.title}
        onChange={(title) => onChange({ ...step, title })}
        error={err('title')}
        hint="What the approver sees in the inbox"
        required
      />
      <Text
        label="Description"
        value={step.description}
        onChange={(description) => onChange({ ...step, description })}
        error={err('description')}
        multiline
        rows={2}
      />
      <div className="grid-2">
        <Select
          label="Assign to"
          value={byRole ? 'role' : 'user'}
          options={[
            { value: 'role', label: 'Everyone with a role' },
            { value: 'user', label: 'One person' },
          ]}
          onChange={(k) => onChange({ ...step, assignee: k === 'role' ? { role: 'manager' } : { userId: '' } })}
        />
        {'role' in step.assignee ? (
          <Text
            label="Role"
            value={step.assignee.role}
            onChange={(role) => onChange({ ...step, assignee: { role } })}
            error={err('assignee.role') ?? err('assignee')}
            list={roles.data ? listId : undefined}
            required
          />
        ) : (
          <UserPicker
            value={step.assignee.userId}
            onChange={(userId) => onChange({ ...step, assignee: { userId } })}
            error={err('assignee.userId') ?? err('assignee')}
          />
        )}
      </div>
      {roles.data && (
        <datalist id={listId}>
          {roles.data.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      )}
      <FormFieldsEditor
        title="Approval form"
        fields={step.form}
        onChange={(form) => onChange({ ...step, form })}
        errors={errors}
        path={`${at}.form`}
      />
      <details className="approval-timing" open={Boolean(step.remindAfter || step.escalateAfter || step.deadline)}>
        <summary>Reminder, escalation and deadline</summary>
        <DurationFields
          legend="Remind after"
          value={step.remindAfter}
          onChange={(remindAfter) => onChange({ ...step, remindAfter })}
          err={(f) => err(`remindAfter${f ? `.${f}` : ''}`)}
        />
        <DurationFields
          legend="Escalate after"
          value={step.escalateAfter}
          onChange={(escalateAfter) =>
            onChange({
              ...step,
              escalateAfter,
              escalateTo: escalateAfter ? (step.escalateTo ?? { role: 'manager' }) : undefined,
            })
          }
          err={(f) => err(`escalateAfter${f ? `.${f}` : ''}`)}
        />
        {step.escalateTo && (
          <Text
            label="Escalate to role"
            value={'role' in step.escalateTo ? step.escalateTo.role : ''}
            onChange={(role) => onChange({ ...step, escalateTo: { role } as Assignee })}
            error={err('escalateTo') ?? err('escalateTo.role')}
            hint={
              'userId' in step.escalateTo
                ? `Now a person (${step.escalateTo.userId}); typing a role replaces them.`
                : undefined
            }
          />
        )}
        <DurationFields
          legend="Deadline"
          value={step.deadline}
          onChange={(deadline) => onChange({ ...step, deadline, ...(deadline ? {} : { onDeadline: undefined }) })}
          err={(f) => err(`deadline${f ? `.${f}` : ''}`)}
        />
        {step.deadline && (
          <Select
            label="On deadline"
            value={step.onDeadline ?? ''}
            options={targetOptions(steps, step.id, true)}
            onChange={(v) => onChange({ ...step, onDeadline: v || undefined })}
            error={err('onDeadline')}
          />
        )}
      </details>
    </>
  );
}

function EmailFields({ step, onChange, err }: { step: EmailStep; onChange: (s: Step) => void; err: Err }) {
  const toError = err('to') ?? step.to.map((_, j) => err(`to.${j}`)).find(Boolean);
  return (
    <>
      <Text
        label="To"
        value={step.to.join('\n')}
        onChange={(text) => onChange({ ...step, to: text.split('\n') })}
        error={toError}
        hint='One expression a line, each giving an address or a list, e.g. "ops@example.com" or steps.approve.decidedBy'
        multiline
        code
        rows={2}
        required
      />
      <Text
        label="Subject"
        value={step.subject}
        onChange={(subject) => onChange({ ...step, subject })}
        error={err('subject')}
        hint="Text with {{ expression }} placeholders"
        required
      />
      <Text
        label="Body"
        value={step.body}
        onChange={(body) => onChange({ ...step, body })}
        error={err('body')}
        multiline
        rows={5}
        required
      />
    </>
  );
}

function SubflowFields({ step, onChange, err }: { step: SubflowStep; onChange: (s: Step) => void; err: Err }) {
  const names = useFlowNames();
  const options = [
    { value: '', label: names.isPending ? 'Loading flows…' : 'Choose a flow' },
    ...[...(names.data ?? new Map<string, string>()).entries()].map(([value, label]) => ({ value, label })),
  ];
  if (step.flowId && !names.data?.has(step.flowId)) options.push({ value: step.flowId, label: step.flowId });
  return (
    <>
      <Select
        label="Flow"
        value={step.flowId}
        options={options}
        onChange={(flowId) => onChange({ ...step, flowId })}
        error={err('flowId')}
        hint="Its newest published version runs; this run waits for it and gets its variables as output."
        required
      />
      <Text
        label="Its input"
        value={step.input ?? ''}
        onChange={(input) => onChange({ ...step, input })}
        error={err('input')}
        hint="An expression giving the sub-flow's trigger.values"
        code
      />
    </>
  );
}

/** A step of a kind without a form (loop, email, http, …): its JSON, applied when it parses. */
export function StepJson({
  step,
  onChange,
  errors,
}: {
  step: Step;
  onChange: (step: Step) => void;
  errors: [string, string][];
}) {
  const [text, setText] = useState(() => json(step));
  const [parseError, setParseError] = useState<string | null>(null);
  // A change from outside (a reorder, a reload) replaces the text.
  const current = json(step);
  useEffect(() => {
    setText((t) => (safeEqual(t, current) ? t : current));
  }, [current]);
  return (
    <>
      <p className="muted">
        The editor has no form for {kindLabel(step.kind).toLowerCase()} steps: edit the step as JSON (the server checks
        it on save).
      </p>
      <Text
        label="Step as JSON"
        value={text}
        multiline
        code
        rows={8}
        onChange={(t) => {
          setText(t);
          try {
            const parsed: unknown = JSON.parse(t);
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
              throw new Error('A step is a JSON object.');
            setParseError(null);
            onChange(parsed as Step);
          } catch (e) {
            setParseError(e instanceof Error ? e.message : String(e));
          }
        }}
        error={parseError ?? (errors.length > 0 ? errors.map(([p, m]) => `${p}: ${m}`).join(' · ') : undefined)}
      />
    </>
  );
}

function safeEqual(text: string, canonical: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(JSON.parse(canonical));
  } catch {
    return true; // being typed: keep the user's text
  }
}

function HttpFields({
  step,
  steps,
  onChange,
  err,
}: {
  step: HttpStep;
  steps: readonly Step[];
  onChange: (s: Step) => void;
  err: Err;
}) {
  const credentials = useCredentials();
  const items = credentials.data?.items ?? [];
  const credentialOptions = [
    { value: '', label: 'None' },
    ...items.map((c) => ({ value: c.id, label: `${c.name} (${c.type}, ${c.hint})` })),
  ];
  if (step.credentialId && !items.some((c) => c.id === step.credentialId))
    credentialOptions.push({ value: step.credentialId, label: step.credentialId });
  const headers = Object.entries(step.headers ?? {});
  const writeHeaders = (list: [string, string][]) =>
    onChange({ ...step, headers: list.length > 0 ? Object.fromEntries(list) : undefined });
  return (
    <>
      <div className="grid-2">
        <Select
          label="Method"
          value={step.method}
          options={HTTP_METHODS.map((m) => ({ value: m, label: m }))}
          onChange={(method) => onChange({ ...step, method: method as HttpStep['method'] })}
          error={err('method')}
        />
        <Text
          label="URL"
          value={step.url}
          onChange={(url) => onChange({ ...step, url })}
          error={err('url')}
          hint='An expression: "https://api.example.com/orders/" & trigger.values.id (private addresses are refused)'
          code
          required
        />
      </div>
      <div className="variables">
        {headers.map(([name, value], j) => (
          <div key={j} className="variable-row">
            <Text
              label={`Header ${j + 1} name`}
              value={name}
              onChange={(n) => writeHeaders(headers.map((h, k) => (k === j ? [n, h[1]] : h)))}
              code
            />
            <Text
              label={`Header ${j + 1} value`}
              value={value}
              onChange={(v) => writeHeaders(headers.map((h, k) => (k === j ? [h[0], v] : h)))}
              error={err(`headers.${name}`)}
              hint="An expression"
              code
            />
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => writeHeaders(headers.filter((_, k) => k !== j))}
            >
              Remove header {j + 1}
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => writeHeaders([...headers, ['X-Header', '""']])}>
          Add header
        </button>
      </div>
      {step.method !== 'GET' && (
        <Text
          label="Body"
          value={step.body ?? ''}
          onChange={(body) => onChange({ ...step, body })}
          error={err('body')}
          hint="An expression giving the JSON body"
          multiline
          code
          rows={4}
        />
      )}
      <div className="grid-2">
        <Select
          label="Credential"
          value={step.credentialId ?? ''}
          options={credentialOptions}
          onChange={(v) => onChange({ ...step, credentialId: v || undefined })}
          error={err('credentialId')}
          hint="From the vault (Automation → Credentials): added to the request, never shown in the run."
        />
        <Select
          label="On error"
          value={step.onError ?? ''}
          options={[{ value: '', label: 'Fail the run' }, ...targetOptions(steps, step.id, false)]}
          onChange={(v) => onChange({ ...step, onError: v || undefined })}
          error={err('onError')}
          hint="Where another status, a timeout or a refused address goes"
        />
      </div>
    </>
  );
}

/** An approver: picked from the active users when you may list them (auth:read), else typed as an id. */
function UserPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const { can } = useAuth();
  const users = useQuery({
    queryKey: ['automation', 'users'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/auth/users', { params: { query: { status: 'active', sort: 'name', limit: 200 } }, signal }),
      ),
    enabled: can('auth:read'),
    retry: false,
    staleTime: 5 * 60_000,
  });
  if (!users.data)
    return (
      <Text
        label="User id"
        value={value}
        onChange={onChange}
        error={error}
        hint="The approver's user id (Administration → Users)"
        code
        required
      />
    );
  const options = [
    { value: '', label: 'Choose a person' },
    ...users.data.items.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
  ];
  if (value && !users.data.items.some((u) => u.id === value)) options.push({ value, label: value });
  return <Select label="Approver" value={value} options={options} onChange={onChange} error={error} required />;
}
