import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useDeferredValue, useId, useState } from 'react';
import { api, unwrap } from '../../api';
import type { FormState, Option } from '../../components';
import { initials } from './queries';
import './hr.css';

export function Avatar({ person, large }: { person: { firstName: string; lastName: string }; large?: boolean }) {
  return (
    <span className={large ? 'hr-avatar hr-avatar-lg' : 'hr-avatar'} aria-hidden="true">
      {initials(person)}
    </span>
  );
}

export function PersonLink({ id, firstName, lastName }: { id: string; firstName: string; lastName: string }) {
  return (
    <span className="hr-person">
      <Avatar person={{ firstName, lastName }} />
      <Link to={`/hr/employees/${id}`}>
        {firstName} {lastName}
      </Link>
    </span>
  );
}

type Values = Record<string, unknown>;

/**
 * A searchable picker for a form field holding an id (or '' for none): a search box narrows the
 * choices of a labelled select. `search` returns options for the typed text; `current` labels the
 * value already chosen (so it shows before any search).
 */
export function PickerField<V extends Values>({
  form,
  name,
  label,
  hint,
  search,
  current,
  noneLabel = '— None —',
  queryKey,
}: {
  form: FormState<V>;
  name: keyof V & string;
  label: string;
  hint?: string;
  search: (q: string) => Promise<Option[]>;
  current?: Option | null;
  noneLabel?: string;
  queryKey: string;
}) {
  const [q, setQ] = useState('');
  const deferred = useDeferredValue(q);
  const id = `${form.idPrefix}-${name}`;
  const searchId = useId();
  const results = useQuery({
    queryKey: ['hr', 'picker', queryKey, deferred],
    queryFn: () => search(deferred),
    staleTime: 30_000,
  });
  const value = (form.values[name] as string | undefined) ?? '';
  const options = [...(results.data ?? [])];
  if (current && current.value && !options.some((o) => o.value === current.value)) options.unshift(current);
  const error = form.errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div className="hr-picker">
        <input
          id={searchId}
          type="search"
          aria-label={`Search ${label.toLowerCase()}`}
          placeholder="Search…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          disabled={form.submitting}
        />
        <select
          id={id}
          name={name}
          value={value}
          onChange={(e) => form.setValue(name, e.target.value as V[typeof name])}
          disabled={form.submitting}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          aria-busy={results.isFetching}
        >
          <option value="">{noneLabel}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
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

export async function searchEmployees(q: string, exceptId?: string): Promise<Option[]> {
  const page = await unwrap(api.GET('/api/v1/hr/employees', { params: { query: { limit: 20, ...(q ? { q } : {}) } } }));
  return page.items
    .filter((e) => e.id !== exceptId)
    .map((e) => ({
      value: e.id,
      label: `${e.firstName} ${e.lastName}${e.positionTitle ? ` — ${e.positionTitle}` : ''}`,
    }));
}

export async function searchUsers(q: string): Promise<Option[]> {
  const page = await unwrap(
    api.GET('/api/v1/auth/users', { params: { query: { limit: 20, status: 'active', ...(q ? { q } : {}) } } }),
  );
  return page.items.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }));
}
