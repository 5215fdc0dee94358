import { useId } from 'react';
import { SelectField, type FormState } from '../../components';
import type { KeysOf, Values } from '../../components/form';
import type { Metric } from './queries';

interface ParamSchema {
  type?: string;
  enum?: unknown[];
  description?: string;
  format?: string;
}

/** A metric's parameters from its JSON Schema: [name, schema, required]. */
export function metricParams(metric: Metric | undefined): [string, ParamSchema, boolean][] {
  const schema = metric?.parameters as { properties?: Record<string, ParamSchema>; required?: string[] } | undefined;
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([name, p]) => [name, p, required.has(name)]);
}

/** The typed parameters to send: empty ones left out, booleans and numbers converted. */
export function paramsBody(metric: Metric | undefined, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of metricParams(metric)) {
    const v = values[name]?.trim();
    if (!v) continue;
    out[name] = p.type === 'boolean' ? v === 'true' : p.type === 'number' || p.type === 'integer' ? Number(v) : v;
  }
  return out;
}

/** One input per parameter of the chosen metric (a select for booleans and enums). */
export function MetricParamFields({
  metric,
  values,
  onChange,
  disabled,
  error,
}: {
  metric: Metric | undefined;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  disabled: boolean;
  /** The server's message about the parameters (`metricParams…`). */
  error?: string | undefined;
}) {
  const prefix = useId();
  const params = metricParams(metric);
  if (params.length === 0)
    return error ? (
      <p className="field-error" role="alert">
        {error}
      </p>
    ) : null;
  return (
    <fieldset>
      <legend>Metric parameters</legend>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {params.map(([name, p, required]) => {
        const id = `${prefix}-${name}`;
        const set = (v: string) => onChange({ ...values, [name]: v });
        const choices = p.type === 'boolean' ? ['true', 'false'] : p.enum?.map(String);
        return (
          <div className="field" key={name}>
            <label htmlFor={id}>
              {name}
              {required ? ' (required)' : ''}
            </label>
            {choices ? (
              <select id={id} value={values[name] ?? ''} onChange={(e) => set(e.target.value)} disabled={disabled}>
                <option value="">—</option>
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {c === 'true' ? 'Yes' : c === 'false' ? 'No' : c}
                  </option>
                ))}
              </select>
            ) : (
              <input id={id} value={values[name] ?? ''} onChange={(e) => set(e.target.value)} disabled={disabled} />
            )}
            {p.description && <p className="field-hint">{p.description}</p>}
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * The metric picker of key results and KPIs: the metrics the caller may see (label, unit; the chosen
 * one's description and direction as a hint) and the chosen metric's parameters. The form holds
 * `metricKey` (and `metricParams`, only to catch the server's errors about them); the parameters' values
 * are the caller's state.
 */
export function MetricPicker<V extends Values & { metricKey: string; metricParams: string }>({
  form,
  metrics,
  params,
  onParams,
}: {
  form: FormState<V>;
  metrics: readonly Metric[];
  params: Record<string, string>;
  onParams: (values: Record<string, string>) => void;
}) {
  const metric = metrics.find((m) => m.key === form.values.metricKey);
  return (
    <>
      <SelectField
        form={form}
        name={'metricKey' as KeysOf<V, string | undefined>}
        label="Metric"
        required
        placeholder="Choose a metric"
        options={metrics.map((m) => ({ value: m.key, label: `${m.label} (${m.unit})` }))}
        {...(metric ? { hint: `${metric.description} · ${metric.direction.replace(/-/g, ' ')}` } : {})}
      />
      <MetricParamFields
        metric={metric}
        values={params}
        onChange={onParams}
        disabled={form.submitting}
        error={form.errors.metricParams}
      />
    </>
  );
}
