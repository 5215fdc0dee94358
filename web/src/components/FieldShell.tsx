import type { ReactNode } from 'react';
import type { FormState, Values } from './form';

// What every field component of a form shares: its props, its label/hint/error frame, its ARIA wiring.

/** The props every field takes: the form, the value's name in it, the label and hint. */
export interface FieldBase<V extends Values, K> {
  form: FormState<V>;
  name: K;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
}

/** Label, control, hint and error, wired with ids for assistive technology. */
export function FieldShell({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The control's id, error and aria-* attributes (describedby: hint and error). */
export function controlProps<V extends Values>(form: FormState<V>, name: string, hint: unknown, required?: boolean) {
  const id = `${form.idPrefix}-${name}`;
  const error = form.errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    name,
    error,
    aria: {
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy || undefined,
      'aria-required': required || undefined,
    },
  };
}
