import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useBlocker } from '@tanstack/react-router';
import type { z } from 'zod';
import { ProblemError } from '../api/problem';
import { ConflictNotice } from './ConflictNotice';
import { useConfirm } from './Dialog';

/** A form's values: a field per key. */
export type Values = Record<string, unknown>;
/** The keys of `V` whose values are of type `T` (the fields a given control can edit). */
export type KeysOf<V, T> = { [K in keyof V]-?: V[K] extends T ? K : never }[keyof V] & string;

export interface FormOptions<V extends Values, Out> {
  initialValues: V;
  /** Client validation: a Zod schema over the values; its issues appear next to the fields. */
  schema?: z.ZodType<Out, V>;
  /** Or/and a plain function returning `{ field: message }`. */
  validate?: (values: V) => Record<string, string>;
  /**
   * Runs with the schema's output. Throw (e.g. via `unwrap`) a ProblemError: its field errors land on
   * the fields. Return `false` when nothing was saved after all (e.g. a duplicate warning shown instead).
   */
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
  /** Saves another way than the submit button ("Create anyway"), with the same busy state and leave guard. */
  submitWith: (save: () => Promise<unknown>) => Promise<void>;
  reset: (values?: V) => void;
  idPrefix: string;
  /** The values differ from the last saved or reset ones (leaving the page then asks first). */
  dirty: boolean;
  /** For `<Form>`'s leave guard: read at navigation time. */
  leaveGuard: { dirty: () => boolean; submitting: () => boolean };
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
  // What the values were when last loaded, reset or saved: typed input differs from it.
  const baselineRef = useRef(JSON.stringify(options.initialValues));
  const submittingRef = useRef(false);
  const valuesRef = useRef(values);
  valuesRef.current = values;
  const dirty = JSON.stringify(values) !== baselineRef.current;
  const leaveGuard = useRef({
    dirty: () => JSON.stringify(valuesRef.current) !== baselineRef.current,
    submitting: () => submittingRef.current,
  }).current;

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
    submittingRef.current = true;
    const baselineBefore = baselineRef.current;
    try {
      const result = await onSubmit(data);
      // Saved: these values are the new baseline (unless onSubmit reset the form to others).
      if (result !== false && baselineRef.current === baselineBefore) baselineRef.current = JSON.stringify(values);
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
      submittingRef.current = false;
      setSubmitting(false);
    }
  };

  const submitWith = async (save: () => Promise<unknown>) => {
    setFormError(null);
    setSubmitting(true);
    submittingRef.current = true;
    const baselineBefore = baselineRef.current;
    try {
      const result = await save();
      if (result !== false && baselineRef.current === baselineBefore) baselineRef.current = JSON.stringify(values);
    } catch (error) {
      setFormError(error);
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  };

  const reset = useCallback((next?: V) => {
    const to = next ?? optionsRef.current.initialValues;
    baselineRef.current = JSON.stringify(to);
    valuesRef.current = to;
    setValues(to);
    setErrors({});
    setFormError(null);
  }, []);

  return {
    values,
    setValue,
    errors,
    formError,
    submitting,
    handleSubmit,
    submitWith,
    reset,
    idPrefix,
    dirty,
    leaveGuard,
  };
}

/**
 * The <form>: the error banner on top (with "reload" for a 409 version conflict when `onReload` is
 * given). Leaving the page — a link, back, closing the tab — while the form holds unsaved input asks
 * first (`confirmLeave={false}` for forms whose input is not worth keeping, such as sign-in).
 */
export function Form<V extends Values>({
  form,
  children,
  onReload,
  className,
  confirmLeave = true,
}: {
  form: FormState<V>;
  children: ReactNode;
  onReload?: () => void;
  className?: string;
  confirmLeave?: boolean;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const confirm = useConfirm();
  const guard = form.leaveGuard;
  useBlocker({
    disabled: !confirmLeave,
    // A navigation the form makes itself while saving (to the new record) is not "leaving".
    shouldBlockFn: async () => {
      if (!guard.dirty() || guard.submitting()) return false;
      const leave = await confirm({
        title: 'Leave without saving?',
        message: 'What you typed on this page is not saved yet. It is lost if you leave.',
        confirmLabel: 'Leave without saving',
        cancelLabel: 'Stay on this page',
      });
      return !leave;
    },
    enableBeforeUnload: () => confirmLeave && guard.dirty() && !guard.submitting(),
  });
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
