import { controlProps, FieldShell, type FieldBase } from './FieldShell';
import type { KeysOf, Values } from './form';

export interface Option {
  value: string;
  label: string;
}

export function SelectField<V extends Values>({
  form,
  name,
  label,
  hint,
  required,
  disabled,
  options,
  placeholder,
}: FieldBase<V, KeysOf<V, string | undefined>> & { options: Option[]; placeholder?: string }) {
  const p = controlProps(form, name, hint, required);
  return (
    <FieldShell id={p.id} label={label} hint={hint} error={p.error} required={required}>
      <select
        id={p.id}
        name={name}
        value={(form.values[name] as string | undefined) ?? ''}
        onChange={(e) => form.setValue(name, e.target.value as V[typeof name])}
        disabled={disabled || form.submitting}
        {...p.aria}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField<V extends Values>({
  form,
  name,
  label,
  hint,
  disabled,
}: FieldBase<V, KeysOf<V, boolean | undefined>>) {
  const p = controlProps(form, name, hint);
  return (
    <div className={p.error ? 'field field-check field-invalid' : 'field field-check'}>
      <input
        id={p.id}
        name={name}
        type="checkbox"
        checked={Boolean(form.values[name])}
        onChange={(e) => form.setValue(name, e.target.checked as V[typeof name])}
        disabled={disabled || form.submitting}
        {...p.aria}
      />
      <label htmlFor={p.id}>{label}</label>
      {hint && (
        <p id={`${p.id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {p.error && (
        <p id={`${p.id}-error`} className="field-error">
          {p.error}
        </p>
      )}
    </div>
  );
}

/** Several checkboxes for a `string[]` value (e.g. roles). Options may carry a description. */
export function CheckboxGroupField<V extends Values>({
  form,
  name,
  label,
  hint,
  disabled,
  options,
}: FieldBase<V, KeysOf<V, string[]>> & { options: (Option & { description?: string })[] }) {
  const p = controlProps(form, name, hint);
  const selected = (form.values[name] as string[] | undefined) ?? [];
  const toggle = (value: string, on: boolean) =>
    form.setValue(name, (on ? [...selected, value] : selected.filter((v) => v !== value)) as V[typeof name]);
  return (
    <fieldset className={p.error ? 'field field-invalid' : 'field'} aria-describedby={p.aria['aria-describedby']}>
      <legend>{label}</legend>
      <div className="check-list">
        {options.map((o, i) => (
          <div key={o.value} className="field-check">
            <input
              id={`${p.id}-${i}`}
              type="checkbox"
              checked={selected.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
              disabled={disabled || form.submitting}
              aria-invalid={i === 0 && p.error ? true : undefined}
            />
            <label htmlFor={`${p.id}-${i}`}>
              {o.label}
              {o.description && <span className="muted"> — {o.description}</span>}
            </label>
          </div>
        ))}
      </div>
      {hint && (
        <p id={`${p.id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {p.error && (
        <p id={`${p.id}-error`} className="field-error">
          {p.error}
        </p>
      )}
    </fieldset>
  );
}
