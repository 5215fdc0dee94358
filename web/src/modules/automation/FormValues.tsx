import { useId } from 'react';
import { FieldShell } from '../../components/FieldShell';
import { Check, Text } from './fields';
import type { FormField } from './model';

export type RawValues = Record<string, string | boolean>;

/** Empty input for a form: '' for text, number and date fields, false for checkboxes. */
export function initialValues(form: readonly FormField[]): RawValues {
  return Object.fromEntries(form.map((f) => [f.key, f.type === 'boolean' ? false : '']));
}

/**
 * The fields of a manual trigger's or an approval's form. `errors` are the server's, keyed by path
 * (`values.budget`).
 */
export function FormValues({
  form,
  values,
  onChange,
  errors,
  disabled,
}: {
  form: readonly FormField[];
  values: RawValues;
  onChange: (values: RawValues) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  return (
    <>
      {form.map((f) => {
        const error = errors[`values.${f.key}`];
        const set = (v: string | boolean) => onChange({ ...values, [f.key]: v });
        if (f.type === 'boolean')
          return (
            <Check key={f.key} label={f.label} checked={values[f.key] === true} onChange={set} disabled={disabled} />
          );
        if (f.type === 'date')
          return (
            <DateInput
              key={f.key}
              label={f.label}
              value={String(values[f.key] ?? '')}
              onChange={set}
              error={error}
              required={f.required}
            />
          );
        return (
          <Text
            key={f.key}
            label={f.label}
            value={String(values[f.key] ?? '')}
            onChange={set}
            error={error}
            required={f.required}
            disabled={disabled}
            hint={f.type === 'number' ? 'A number' : undefined}
          />
        );
      })}
    </>
  );
}

function DateInput({
  label,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
  required: boolean;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} required={required}>
      <input
        id={id}
        type="date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-required={required || undefined}
      />
    </FieldShell>
  );
}
