import { useId, type ReactNode } from 'react';
import { FieldShell } from '../../components/FieldShell';

// Controlled fields for the flow editor, whose state is one nested definition rather than a flat
// form: each takes its value, a setter and the server's error for its path.

interface Base {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
}

function aria(id: string, error: string | undefined, hint: unknown, required?: boolean) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': required || undefined,
  } as const;
}

export function Text({
  label,
  value,
  onChange,
  error,
  hint,
  required,
  disabled,
  multiline,
  code,
  rows = 3,
  placeholder,
  list,
  password,
}: Base & {
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  /** An expression or JSON: monospace, no spell checking. */
  code?: boolean;
  rows?: number;
  placeholder?: string;
  /** A <datalist> id of suggestions. */
  list?: string | undefined;
  /** A secret: not shown as typed, not remembered by the browser. */
  password?: boolean;
}) {
  const id = useId();
  const common = {
    id,
    value,
    disabled,
    placeholder,
    className: code ? 'code-input' : undefined,
    spellCheck: code ? false : undefined,
    ...aria(id, error, hint, required),
  };
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={password ? 'password' : 'text'}
          autoComplete={password ? 'new-password' : undefined}
          list={list}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

export function Select({
  label,
  value,
  onChange,
  options,
  error,
  hint,
  required,
  disabled,
}: Base & { value: string; onChange: (value: string) => void; options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        {...aria(id, error, hint, required)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A whole number, or empty (undefined). */
export function WholeNumber({
  label,
  value,
  onChange,
  error,
  hint,
  disabled,
}: Base & { value: number | undefined; onChange: (value: number | undefined) => void }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type="number"
        min={0}
        step={1}
        className="input-number"
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Math.max(0, Math.trunc(Number(e.target.value))))}
        {...aria(id, error, hint)}
      />
    </FieldShell>
  );
}

export function Check({
  label,
  checked,
  onChange,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
