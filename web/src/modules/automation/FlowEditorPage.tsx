import { useQueryClient } from '@tanstack/react-query';
import { Link, useBlocker, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { api, ProblemError, unwrap, type Schema } from '../../api';
import {
  FormErrorBanner,
  PageHeader,
  QueryState,
  formatDateTime,
  useAuth,
  useConfirm,
  useToast,
} from '../../components';
import { autoKeys, useFlow, useFlowVersion, type FlowDetail } from './api';
import { Check, Select, Text, WholeNumber } from './fields';
import {
  allSteps,
  cleanDefinition,
  definitionErrors,
  definitionOf,
  emptyDefinition,
  errorsUnder,
  FORM_KINDS,
  json,
  kindLabel,
  manualForm,
  move,
  newStep,
  type Definition,
  type FormKind,
  type Step,
} from './model';
import { RunFlowDialog } from './RunFlowDialog';
import { RunsTable } from './RunsTable';
import { StepFields, TriggerEditor } from './StepEditors';
import { TestRunPanel } from './TestRunPanel';
import './automation.css';

/** `flows/new` and `flows/$id`: the draft's editor, publishing, running by hand, versions and runs. */
export default function FlowEditorPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const flow = useFlow(id);
  if (!id) return <Editor />;
  return (
    <QueryState query={flow} height="16em">
      {(f) => <Editor key={`${f.id}:${f.version}`} flow={f} />}
    </QueryState>
  );
}

type ApiDefinition = Schema<'FlowDefinition'>;

function Editor({ flow }: { flow?: FlowDetail }) {
  const { can, user } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const navigate = useNavigate();
  const mayWrite = can('automation:write') && (!flow || flow.runAsUserId === user.id || can('automation:admin'));
  const [name, setName] = useState(flow?.name ?? '');
  const [description, setDescription] = useState(flow?.description ?? '');
  const [enabled, setEnabled] = useState(flow?.enabled ?? true);
  const [def, setDef] = useState<Definition>(() => (flow ? definitionOf(flow.draft) : emptyDefinition()));
  const [jsonText, setJsonText] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [addKind, setAddKind] = useState<FormKind>('action');
  const [running, setRunning] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const baseline = useRef(JSON.stringify({ name, description, enabled, def }));
  const dirty = JSON.stringify({ name, description, enabled, def }) !== baseline.current || jsonText !== null;
  // Leaving with unsaved changes asks first (not when the page itself moves on after saving).
  const confirm = useConfirm();
  const guard = useRef({ dirty, skip: false });
  guard.current.dirty = dirty;
  useBlocker({
    shouldBlockFn: async () => {
      if (!guard.current.dirty || guard.current.skip) return false;
      const leave = await confirm({
        title: 'Leave without saving?',
        message: 'The changes to this flow are not saved yet. They are lost if you leave.',
        confirmLabel: 'Leave without saving',
        cancelLabel: 'Stay on this page',
      });
      return !leave;
    },
    enableBeforeUnload: () => guard.current.dirty && !guard.current.skip,
  });

  // After a failed save, focus the first field the server named.
  useEffect(() => {
    if (Object.keys(errors).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const setStep = (i: number, step: Step) =>
    setDef((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? step : s)) }));

  /** The definition to send: the JSON view's when it is open (and parses). */
  const currentDefinition = (): Definition | null => {
    if (jsonText === null) return def;
    try {
      const parsed = JSON.parse(jsonText) as Definition;
      setJsonError(null);
      return parsed;
    } catch (e) {
      setJsonError(e instanceof Error ? e.message : String(e));
      return null;
    }
  };

  /** The definition as edited, without side effects (null while the JSON view does not parse). */
  const peekDefinition = (): Definition | null => {
    if (jsonText === null) return def;
    try {
      return JSON.parse(jsonText) as Definition;
    } catch {
      return null;
    }
  };

  const fail = (error: unknown) => {
    if (error instanceof ProblemError && error.errors.length > 0) {
      const byPath = definitionErrors(error.errors);
      for (const e of error.errors) if (!e.path.startsWith('definition')) byPath[`@${e.path}`] ??= e.message;
      setErrors(byPath);
    } else setErrors({});
    setFormError(error);
  };

  /** Saves the draft; the flow as saved, or null when it was not saved. */
  const save = async (): Promise<{ id: string; version: number } | null> => {
    const d = currentDefinition();
    if (!d) return null;
    const definition = cleanDefinition(d) as unknown as ApiDefinition;
    setFormError(null);
    try {
      if (!flow) {
        const created = await unwrap(
          api.POST('/api/v1/automation/flows', { body: { name, ...(description ? { description } : {}), definition } }),
        );
        baseline.current = JSON.stringify({ name, description, enabled, def });
        setErrors({});
        return created;
      }
      const updated = await unwrap(
        api.PATCH('/api/v1/automation/flows/{id}', {
          params: { path: { id: flow.id } },
          body: { version: flow.version, name, description, enabled, definition },
        }),
      );
      setErrors({});
      return updated;
    } catch (error) {
      fail(error);
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    try {
      const saved = await save();
      if (!saved) return;
      toast.success('Draft saved');
      if (!flow) {
        guard.current.skip = true;
        await navigate({ to: `/automation/flows/${saved.id}` });
      } else await client.invalidateQueries({ queryKey: autoKeys.flow(flow.id) });
    } finally {
      setBusy(null);
    }
  };

  const onPublish = async () => {
    if (!flow) return;
    setBusy('publish');
    try {
      const saved = dirty ? await save() : flow;
      if (!saved) return;
      const published = await unwrap(
        api.POST('/api/v1/automation/flows/{id}/publish', {
          params: { path: { id: flow.id } },
          body: { version: saved.version },
        }),
      );
      toast.success(`Published version ${published.publishedVersion ?? ''}`);
      await client.invalidateQueries({ queryKey: autoKeys.flow(flow.id) });
      await client.invalidateQueries({ queryKey: ['list', 'automation-flows'] });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const published = useFlowVersion(flow?.id ?? '', flow?.publishedVersion ?? null);
  const runForm = published.data ? manualForm(published.data.definition) : null;
  const topErrors = (path: string) => errors[`@${path}`];

  return (
    <>
      <PageHeader
        title={flow ? flow.name : 'New flow'}
        description={
          flow
            ? `${flow.publishedVersion === null ? 'Not published yet' : `Version ${flow.publishedVersion} is live`}${
                flow.enabled ? '' : ' (disabled)'
              }. You are editing the draft.`
            : 'A trigger and a list of steps. Save the draft, then publish it to run it.'
        }
        actions={
          <>
            <Link to="/automation" className="btn">
              All flows
            </Link>
            {flow && runForm !== null && can('automation:write') && (
              <button type="button" className="btn" onClick={() => setRunning(true)} disabled={!mayWrite}>
                Run now
              </button>
            )}
          </>
        }
      />
      <form
        ref={formRef}
        className="flow-editor"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        <FormErrorBanner error={formError} />
        <fieldset className="card flow-section" disabled={!mayWrite || busy !== null}>
          <legend>Flow</legend>
          <div className="grid-2">
            <Text label="Name" value={name} onChange={setName} error={topErrors('name')} required />
            <Text label="Description" value={description} onChange={setDescription} error={topErrors('description')} />
          </div>
          <div className="grid-2">
            <WholeNumber
              label="Runs at once, at most"
              value={def.maxConcurrentRuns}
              onChange={(maxConcurrentRuns) => setDef((d) => ({ ...d, maxConcurrentRuns }))}
              error={errors['maxConcurrentRuns']}
              hint="Empty: no limit. Runs beyond it wait their turn."
            />
            <WholeNumber
              label="Keep finished runs for (days)"
              value={def.retentionDays}
              onChange={(retentionDays) => setDef((d) => ({ ...d, retentionDays }))}
              error={errors['retentionDays']}
              hint="Empty: 90 days."
            />
          </div>
          {flow && (
            <Check label="Enabled (new events and schedule slots start runs)" checked={enabled} onChange={setEnabled} />
          )}
        </fieldset>

        <div className="toolbar">
          <button
            type="button"
            className="btn btn-ghost"
            disabled={!mayWrite}
            onClick={() => {
              if (jsonText === null) {
                setJsonText(json(cleanDefinition(def)));
                setJsonError(null);
              } else {
                const d = currentDefinition();
                if (d) {
                  setDef(definitionOf(d));
                  setJsonText(null);
                }
              }
            }}
          >
            {jsonText === null ? 'Edit as JSON' : 'Back to the form'}
          </button>
        </div>

        {jsonText !== null ? (
          <div className="card flow-section">
            <Text
              label="Definition as JSON"
              value={jsonText}
              onChange={setJsonText}
              multiline
              code
              rows={24}
              error={jsonError ?? (errors[''] || undefined)}
              hint="The whole definition: { trigger, steps }. Field errors from the server are listed above."
            />
          </div>
        ) : (
          <>
            <TriggerEditor
              trigger={def.trigger}
              onChange={(trigger) => setDef((d) => ({ ...d, trigger }))}
              errors={errors}
              disabled={!mayWrite || busy !== null}
            />
            <fieldset className="card flow-section" disabled={!mayWrite || busy !== null}>
              <legend>Steps</legend>
              {errors['steps'] && <p className="field-error">{errors['steps']}</p>}
              <ol className="step-list">
                {def.steps.map((step, i) => (
                  <StepCard
                    // Index keys: a step's id is edited in place.
                    key={i}
                    step={step}
                    index={i}
                    count={def.steps.length}
                    steps={def.steps}
                    errors={errors}
                    onChange={(s) => setStep(i, s)}
                    onMove={(to) => setDef((d) => ({ ...d, steps: move(d.steps, i, to) }))}
                    onRemove={() => setDef((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i) }))}
                  />
                ))}
              </ol>
              <div className="add-step">
                <Select
                  label="New step's kind"
                  value={addKind}
                  options={FORM_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
                  onChange={(k) => setAddKind(k as FormKind)}
                />
                <button
                  type="button"
                  className="btn"
                  onClick={() =>
                    setDef((d) => ({
                      ...d,
                      steps: [...d.steps, newStep(addKind, allSteps(d.steps))],
                    }))
                  }
                >
                  Add step
                </button>
              </div>
            </fieldset>
          </>
        )}

        {mayWrite && (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy !== null} aria-busy={busy === 'save'}>
              {busy === 'save' ? 'Saving…' : flow ? 'Save draft' : 'Create flow'}
            </button>
            {flow && (
              <button
                type="button"
                className="btn"
                disabled={busy !== null}
                aria-busy={busy === 'publish'}
                onClick={() => void onPublish()}
              >
                {busy === 'publish' ? 'Publishing…' : dirty ? 'Save and publish' : 'Publish'}
              </button>
            )}
          </div>
        )}
      </form>

      {flow && mayWrite && <TestRunPanel flowId={flow.id} definition={peekDefinition} />}

      {flow && (
        <>
          <section className="card flow-section" aria-labelledby="flow-versions">
            <h2 id="flow-versions">Published versions</h2>
            {flow.versions.length === 0 ? (
              <p className="muted">None yet: publish the draft to run the flow.</p>
            ) : (
              <ul className="plain-list">
                {[...flow.versions].reverse().map((v) => (
                  <li key={v.version}>
                    Version {v.version}, published {formatDateTime(v.publishedAt)}
                    {v.version === flow.publishedVersion && <span className="badge badge-active"> live</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="flow-section" aria-labelledby="flow-runs">
            <h2 id="flow-runs">Runs of this flow</h2>
            <RunsTable id={`automation-runs-${flow.id}`} flowId={flow.id} />
          </section>
          {running && runForm !== null && (
            <RunFlowDialog flowId={flow.id} flowName={flow.name} form={runForm} onClose={() => setRunning(false)} />
          )}
        </>
      )}
    </>
  );
}

function StepCard({
  step,
  index,
  count,
  steps,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  step: Step;
  index: number;
  count: number;
  steps: readonly Step[];
  errors: Record<string, string>;
  onChange: (s: Step) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const headingId = `step-${index}-heading`;
  const n = index + 1;
  const invalid = errorsUnder(errors, `steps.${index}`).length > 0;
  return (
    <li>
      <section className={invalid ? 'step-card step-invalid' : 'step-card'} aria-labelledby={headingId}>
        <div className="step-head">
          <h3 id={headingId}>
            Step {n}: {kindLabel(step.kind)}
            {step.id ? ` (${step.id})` : ''}
          </h3>
          <div className="step-tools">
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
              aria-label={`Move step ${n} up`}
              title="Move up"
            >
              ↑
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
              aria-label={`Move step ${n} down`}
              title="Move down"
            >
              ↓
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              disabled={count === 1}
              onClick={onRemove}
              aria-label={`Remove step ${n}`}
            >
              Remove
            </button>
          </div>
        </div>
        <StepFields step={step} index={index} steps={steps} onChange={onChange} errors={errors} />
      </section>
    </li>
  );
}
