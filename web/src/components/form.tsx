import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
} from 'react';
import type { z } from 'zod';
import { ProblemError } from '../api/problem';
import { ConflictNotice } from './ConflictNotice';

type Values = Record<string, unknown>;
type KeysOf<V, T> = { [K in keyof V]-?: V[K] extends T ? K : never }[keyof V] & string;

export interface FormOptions<V extends Values, Out> {
  initialValues: V;
  /** Client validation: a Zod schema over the values; its issues appear next to the fields. */
  schema?: z.ZodType<Out, V>;
  /** Or/and a plain function returning `{ field: message }`. */
  validate?: (values: V) => Record<string, string>;
  /** Runs with the schema's output. Throw (e.g. via `unwrap`) a ProblemError: its field errors land on the fields. */
  onSubmit: (data: Out) => Promise<unknown> | unknown;
}

export interface FormState<V extends Values> {
  values: V;
  setValue: <K extends keyof V>(name: K, value: V[K]) => void;
  /** Field errors by name (client validation and the server's problem+json `errors`). */
  errors: Record<string, string>;
  /** The last submit's error that is not about one field (and server errors for fields the form lacks). */
  formError: unknown;
  submitting: boolean;
  handleSubmit: (event?: FormEvent) => Promise<void>;
  reset: (values?: V) => void;
  idPrefix: string;
}

/**
 * Form state with Zod validation and server errors. Example:
 * ```tsx
 * const form = useForm({ initialValues: { name: '' }, schema: z.object({ name: z.string().min(1, 'Required.') }),
 *   onSubmit: (data) => unwrap(api.POST('/api/v1/…', { body: data })) });
 * <Form form={form}><TextField form={form} name="name" label="Name" /><SubmitButton form={form}>Save</SubmitButton></Form>
 * ```
 */
export function useForm<V extends Values, Out = V>(options: FormOptions<V, Out>): FormState<V> {
  const [values, setValues] = useState<V>(options.initialValues);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const idPrefix = useId();
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const setValue = useCallback(<K extends keyof V>(name: K, value: V[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      if (!((name as string) in e)) return e;
      const { [name as string]: _, ...rest } = e;
      return rest;
    });
  }, []);

  const handleSubmit = async (event?: FormEvent) => {
    event?.preventDefault();
    const { schema, validate, onSubmit } = optionsRef.current;
    const found: Record<string, string> = { ...validate?.(values) };
    let data = values as unknown as Out;
    if (schema) {
      const result = schema.safeParse(values);
      if (result.success) data = result.data;
      else for (const issue of result.error.issues) found[issue.path.map(String).join('.') || '_'] ??= issue.message;
    }
    setFormError(null);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      await onSubmit(data);
    } catch (error) {
      if (error instanceof ProblemError && error.errors.length > 0) {
        const names = Object.keys(values);
        const byField: Record<string, string> = {};
        for (const e of error.errors) {
          const field = names.find((n) => e.path === n || e.path.startsWith(`${n}.`));
          if (field) byField[field] ??= e.message;
        }
        setErrors(byField);
        // Keep the banner when some errors have no field here, or to say what happened.
        if (Object.keys(byField).length < error.errors.length || Object.keys(byField).length === 0) setFormError(error);
      } else setFormError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const reset = useCallback((next?: V) => {
    setValues(next ?? optionsRef.current.initialValues);
    setErrors({});
    setFormError(null);
  }, []);

  return { values, setValue, errors, formError, submitting, handleSubmit, reset, idPrefix };
}

/** The <form>: the error banner on top (with "reload" for a 409 version conflict when `onReload` is given). */
export function Form<V extends Values>({
  form,
  children,
  onReload,
  className,
}: {
  form: FormState<V>;
  children: ReactNode;
  onReload?: () => void;
  className?: string;
}) {
  const ref = useRef<HTMLFormElement>(null);
  // After a failed submit, move focus to the first invalid field.
  useEffect(() => {
    if (Object.keys(form.errors).length === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form.errors]);
  return (
    <form ref={ref} className={className ?? 'form'} noValidate onSubmit={(e) => void form.handleSubmit(e)}>
      <FormErrorBanner error={form.formError} {...(onReload ? { onReload } : {})} />
      {children}
    </form>
  );
}

/** A form-level error: title + detail, and any field errors the form has no field for. */
export function FormErrorBanner({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (!error) return null;
  if (error instanceof ProblemError && error.status === 409 && onReload)
    return <ConflictNotice error={error} onReload={onReload} />;
  const problem = error instanceof ProblemError ? error : null;
  return (
    <div className="banner banner-error" role="alert">
      <strong>{problem ? problem.title : 'Something went wrong'}</strong>
      <p>{problem ? problem.detail : error instanceof Error ? error.message : String(error)}</p>
      {problem && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e, i) => (
            <li key={i}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SubmitButton<V extends Values>({
  form,
  children,
  busyLabel = 'Saving…',
}: {
  form: FormState<V>;
  children: ReactNode;
  busyLabel?: string;
}) {
  return (
    <button type="submit" className="btn btn-primary" disabled={form.submitting} aria-busy={form.submitting}>
      {form.submitting ? busyLabel : children}
    </button>
  );
}

interface FieldBase<V extends Values, K> {
  form: FormState<V>;
  name: K;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
}

/** Label, control, hint and error, wired with ids for assistive technology. */
function FieldShell({
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

function controlProps<V extends Values>(form: FormState<V>, name: string, hint: unknown, required?: boolean) {
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

type InputExtras = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'autoComplete' | 'placeholder' | 'autoFocus' | 'maxLength'
>;

export function TextField<V extends Values>({
  form,
  name,
  label,
  hint,
  required,
  disabled,
  type = 'text',
  ...extras
}: FieldBase<V, KeysOf<V, string | undefined>> &
  InputExtras & { type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'search' }) {
  const p = controlProps(form, name, hint, required);
  return (
    <FieldShell id={p.id} label={label} hint={hint} error={p.error} required={required}>
      <input
        id={p.id}
        name={name}
        type={type}
        value={(form.values[name] as string | undefined) ?? ''}
        onChange={(e) => form.setValue(name, e.target.value as V[typeof name])}
        disabled={disabled || form.submitting}
        {...p.aria}
        {...extras}
      />
    </FieldShell>
  );
}

/**
 * A decimal number kept as a string (money, quantities): never a float. Validate it with Zod, e.g.
 * `z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'Use a number like 1234.50')`. `suffix` shows a currency.
 */
export function DecimalField<V extends Values>({
  form,
  name,
  label,
  hint,
  required,
  disabled,
  suffix,
  ...extras
}: FieldBase<V, KeysOf<V, string | undefined>> & InputExtras & { suffix?: string }) {
  const p = controlProps(form, name, hint, required);
  return (
    <FieldShell id={p.id} label={label} hint={hint} error={p.error} required={required}>
      <div className="input-group">
        <input
          id={p.id}
          name={name}
          type="text"
          inputMode="decimal"
          className="input-number"
          value={(form.values[name] as string | undefined) ?? ''}
          onChange={(e) => form.setValue(name, e.target.value.replace(',', '.') as V[typeof name])}
          disabled={disabled || form.submitting}
          {...p.aria}
          {...extras}
        />
        {suffix && <span className="input-suffix">{suffix}</span>}
      </div>
    </FieldShell>
  );
}
/** Whole or decimal numbers, kept as a string like DecimalField. */
export const NumberField = DecimalField;

/** A date as "YYYY-MM-DD" (the API's `date` format). */
export function DateField<V extends Values>({
  form,
  name,
  label,
  hint,
  required,
  disabled,
}: FieldBase<V, KeysOf<V, string | undefined>>) {
  const p = controlProps(form, name, hint, required);
  return (
    <FieldShell id={p.id} label={label} hint={hint} error={p.error} required={required}>
      <input
        id={p.id}
        name={name}
        type="date"
        value={(form.values[name] as string | undefined) ?? ''}
        onChange={(e) => form.setValue(name, e.target.value as V[typeof name])}
        disabled={disabled || form.submitting}
        {...p.aria}
      />
    </FieldShell>
  );
}

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

export function TextareaField<V extends Values>({
  form,
  name,
  label,
  hint,
  required,
  disabled,
  rows = 4,
}: FieldBase<V, KeysOf<V, string | undefined>> & { rows?: number }) {
  const p = controlProps(form, name, hint, required);
  return (
    <FieldShell id={p.id} label={label} hint={hint} error={p.error} required={required}>
      <textarea
        id={p.id}
        name={name}
        rows={rows}
        value={(form.values[name] as string | undefined) ?? ''}
        onChange={(e) => form.setValue(name, e.target.value as V[typeof name])}
        disabled={disabled || form.submitting}
        {...p.aria}
      />
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
