import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, unwrap } from '../api';
import { Combobox, type ComboboxOption } from './Combobox';
import { controlProps } from './FieldShell';
import type { FormState, KeysOf, Values } from './form';

const LIMIT = 10;

export type PartyKind = 'customer' | 'vendor';

/** Finance's active customers or vendors matching `q` (name, email or tax id), as combobox options. */
async function searchParties(kind: PartyKind, q: string, signal: AbortSignal) {
  const page = await unwrap(
    api.GET('/api/v1/finance/parties', {
      params: { query: { kind, active: 'true', sort: 'name', limit: LIMIT, ...(q ? { q } : {}) } },
      signal,
    }),
  );
  return {
    options: page.items.map((p): ComboboxOption => ({
      value: p.id,
      label: p.name,
      detail: [p.email, p.taxId, p.currency].filter(Boolean).join(' · ') || undefined,
    })),
    more: page.nextCursor !== null,
  } as const;
}

/** A party's name by id (for a value loaded with a record); null while unknown. */
function usePartyName(id: string): string | undefined {
  const party = useQuery({
    queryKey: ['finance', 'party', id],
    enabled: Boolean(id),
    staleTime: 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/finance/parties/{id}', { params: { path: { id } } })),
  });
  return party.data?.name;
}

export interface PartyPickerProps {
  kind: PartyKind;
  label: string;
  value: string;
  onChange: (partyId: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean | undefined;
  disabled?: boolean | undefined;
  id?: string;
}

/** A type-ahead over Finance's customers or vendors (the parties list with `q`): a combobox, see `Combobox`. */
export function PartyPicker({ kind, label, value, onChange, ...rest }: PartyPickerProps) {
  const name = usePartyName(value);
  return (
    <Combobox
      label={label}
      value={value}
      valueLabel={name}
      onChange={(v) => onChange(v)}
      search={(q, signal) => searchParties(kind, q, signal)}
      queryKey={['finance', 'parties', kind]}
      placeholder={`Type to search ${kind}s…`}
      noMatch={`No active ${kind} matches`}
      {...rest}
    />
  );
}

/** `PartyPicker` bound to a form's string field (its errors, busy state and ids). */
export function PartyPickerField<V extends Values>({
  form,
  name,
  kind,
  label,
  hint,
  required,
  disabled,
}: {
  form: FormState<V>;
  name: KeysOf<V, string>;
  kind: PartyKind;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
}) {
  const p = controlProps(form, name, hint, required);
  return (
    <PartyPicker
      id={p.id}
      kind={kind}
      label={label}
      value={(form.values[name] as string | undefined) ?? ''}
      onChange={(v) => form.setValue(name, v as V[typeof name])}
      hint={hint}
      error={p.error}
      required={required}
      disabled={disabled || form.submitting}
    />
  );
}
