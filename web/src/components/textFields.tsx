import type { InputHTMLAttributes } from 'react';
import { controlProps, FieldShell, type FieldBase } from './FieldShell';
import type { KeysOf, Values } from './form';

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
